import type { Kysely } from 'kysely';

/**
 * The storage key that wrapped a shredded object's data key. Until that key
 * is retired and its file destroyed, a database backup from before the shred
 * still holds the wrapped data key and, with the key file, could open the
 * object's bytes where a copy of them survives: the shred report says so.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('shred_ledger').addColumn('kid', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('shred_ledger').dropColumn('kid').execute();
}
