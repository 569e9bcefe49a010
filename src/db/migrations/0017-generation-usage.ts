import type { Kysely } from 'kysely';

/**
 * Engine time each generation used, by user and UTC day, for the daily
 * GPU-seconds limit. Not tied to the job row: deleting a job must not give
 * its time back.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('generation_usage')
    .addColumn('job_id', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('day', 'text', (col) => col.notNull()) // YYYY-MM-DD, UTC, of the first engine call
    .addColumn('engine_ms', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('generation_usage_user_day').on('generation_usage').columns(['user_id', 'day']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('generation_usage').execute();
}
