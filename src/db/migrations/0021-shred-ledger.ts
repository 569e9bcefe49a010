import type { Kysely } from 'kysely';

/**
 * Every stored object deleted for good (a deleted project's outputs, later a
 * library's hard delete): its id, whether it was encrypted (then deleting its
 * data key erased it, wherever copies of its bytes remain) and why. Names and
 * owners are not kept. A restore replays this ledger so that nothing deleted
 * comes back from a backup that still held it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('shred_ledger')
    .addColumn('object_id', 'text', (col) => col.primaryKey())
    .addColumn('encrypted', 'integer', (col) => col.notNull())
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('shredded_at', 'text', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('shred_ledger').execute();
}
