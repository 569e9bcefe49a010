import type { Kysely } from 'kysely';

/**
 * A dub's renders: the job's current render number, and the outputs of each
 * earlier render kept as a numbered version (their files are hard links under
 * `artifacts/<job>/r<n>/`) until retention removes them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('jobs').addColumn('render', 'integer', (col) => col.notNull().defaultTo(1)).execute();

  await db.schema
    .createTable('job_renders')
    .addColumn('job_id', 'text', (col) => col.notNull().references('jobs.id').onDelete('cascade'))
    .addColumn('render', 'integer', (col) => col.notNull())
    .addColumn('finished_at', 'text', (col) => col.notNull()) // when that render's run succeeded
    .addColumn('artifacts', 'text', (col) => col.notNull()) // JSON [{name, stage, size, sha256}]
    .addColumn('created_at', 'text', (col) => col.notNull()) // when it was kept (the next render was asked for)
    .addPrimaryKeyConstraint('job_renders_pk', ['job_id', 'render'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('job_renders').execute();
  await db.schema.alterTable('jobs').dropColumn('render').execute();
}
