import type { Kysely } from 'kysely';

/**
 * The dub's segment table (one row per line, stable ids, everything a clip
 * depends on) and the stages a job's imports made unnecessary.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('jobs').addColumn('skipped_stages', 'text').execute(); // JSON array of stage names, or null

  await db.schema
    .createTable('dub_segments')
    .addColumn('job_id', 'text', (col) => col.notNull().references('jobs.id').onDelete('cascade'))
    .addColumn('id', 'text', (col) => col.notNull()) // s0001, … stable for the life of the dub
    .addColumn('position', 'integer', (col) => col.notNull()) // source order
    .addColumn('start_ms', 'integer', (col) => col.notNull())
    .addColumn('end_ms', 'integer', (col) => col.notNull())
    .addColumn('speaker', 'text')
    .addColumn('source_text', 'text')
    .addColumn('target_text', 'text')
    .addColumn('voice', 'text')
    .addColumn('locked', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('hash', 'text') // of what the clip depends on
    .addColumn('clip_sha256', 'text')
    .addColumn('clip_ms', 'integer')
    .addColumn('tempo', 'real')
    .addColumn('overflow_ms', 'integer')
    .addColumn('warnings', 'text', (col) => col.notNull().defaultTo('[]')) // JSON array of strings
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('dub_segments_pk', ['job_id', 'id'])
    .execute();
  await db.schema.createIndex('dub_segments_order').on('dub_segments').columns(['job_id', 'position']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('dub_segments').execute();
  await db.schema.alterTable('jobs').dropColumn('skipped_stages').execute();
}
