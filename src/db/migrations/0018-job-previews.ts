import type { Kysely } from 'kysely';

/**
 * The latest preview frame an engine sent for a running job (one row per
 * job, replaced as new frames come, removed when the job ends): its number
 * and type. The frame itself is a blob (`previews/<job>/<seq>`), stored like
 * every other, so the API process that serves it need not be the worker that
 * received it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('job_previews')
    .addColumn('job_id', 'text', (col) => col.primaryKey().references('jobs.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (col) => col.notNull())
    .addColumn('media_type', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('job_previews').execute();
}
