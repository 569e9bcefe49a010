import type { Kysely } from 'kysely';

/** One row per retention run (scheduled, from the command line or an admin): when, whether it only looked, and its report (counts and bytes). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('retention_runs')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('trigger', 'text', (col) => col.notNull())
    .addColumn('dry_run', 'integer', (col) => col.notNull())
    .addColumn('started_at', 'text', (col) => col.notNull())
    .addColumn('finished_at', 'text', (col) => col.notNull())
    .addColumn('report', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('retention_runs_started').on('retention_runs').column('started_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('retention_runs').execute();
}
