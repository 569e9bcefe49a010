import type { Db } from '../db/types.js';
import type { BlobsTable } from './tables.js';

export type BlobRow = BlobsTable;

// PostgreSQL answers bigint as text.
const rowOf = (row: BlobRow): BlobRow => ({ ...row, size: Number(row.size), stored_size: Number(row.stored_size) });

export async function findBlob(db: Db, key: string): Promise<BlobRow | undefined> {
  const row = await db.selectFrom('blobs').selectAll().where('key', '=', key).executeTakeFirst();
  return row && rowOf(row);
}

/** Whether no row names object `id` any more (then the object can go). */
async function orphaned(db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom('blobs').select('key').where('id', '=', id).limit(1).executeTakeFirst()) === undefined;
}

/** Points `key` at the new row's object; returns the object it pointed at before when no row names that any more. */
export async function upsertBlob(db: Db, row: BlobRow): Promise<string | undefined> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('blobs').select('id').where('key', '=', row.key).executeTakeFirst();
    if (before) await trx.updateTable('blobs').set(row).where('key', '=', row.key).execute();
    else await trx.insertInto('blobs').values(row).execute();
    return before && before.id !== row.id && (await orphaned(trx, before.id)) ? before.id : undefined;
  });
}

/**
 * Deletes the rows of `keys` (encrypted, their data keys with them); returns
 * the objects no row names any more. With `shred`, those objects are
 * recorded in the shred ledger in the same transaction: a row is never gone
 * without its ledger entry.
 */
export async function deleteBlobRows(db: Db, keys: readonly string[], shred?: { reason: string; at: string }): Promise<{ deleted: number; orphans: Array<{ id: string; kid: string | null }> }> {
  if (keys.length === 0) return { deleted: 0, orphans: [] };
  return db.transaction().execute(async (trx) => {
    const rows = await trx.deleteFrom('blobs').where('key', 'in', keys).returning(['id', 'kid']).execute();
    const orphans: Array<{ id: string; kid: string | null }> = [];
    for (const id of new Set(rows.map((row) => row.id))) if (await orphaned(trx, id)) orphans.push({ id, kid: rows.find((row) => row.id === id)?.kid ?? null });
    if (shred && orphans.length > 0) {
      await trx
        .insertInto('shred_ledger')
        .values(orphans.map((object) => ({ object_id: object.id, encrypted: object.kid === null ? 0 : 1, kid: object.kid, reason: shred.reason, shredded_at: shred.at })))
        .onConflict((oc) => oc.column('object_id').doNothing())
        .execute();
    }
    return { deleted: rows.length, orphans };
  });
}

/**
 * Rows whose key starts with `prefix`, by key. Compared with substr, not
 * LIKE (whose `_` and escapes differ between the dialects) nor a key range
 * (PostgreSQL's collation need not order by bytes).
 */
export async function listBlobs(db: Db, prefix: string): Promise<BlobRow[]> {
  const rows = await db
    .selectFrom('blobs')
    .selectAll()
    .where((eb) => eb(eb.fn<string>('substr', ['key', eb.val(1), eb.val(prefix.length)]), '=', prefix))
    .orderBy('key')
    .execute();
  return rows.map(rowOf);
}

/**
 * Points `row.key` at `row`'s object only if it still names `expectedId`
 * (nobody replaced it meanwhile); whether it did. Returns the old object
 * when no row names it any more.
 */
export async function swapBlob(db: Db, row: BlobRow, expectedId: string): Promise<{ swapped: boolean; orphan?: string }> {
  return db.transaction().execute(async (trx) => {
    const result = await trx.updateTable('blobs').set(row).where('key', '=', row.key).where('id', '=', expectedId).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return { swapped: false };
    return (await orphaned(trx, expectedId)) ? { swapped: true, orphan: expectedId } : { swapped: true };
  });
}

/** Up to `limit` keys of blobs stored in plaintext (or encrypted), and how many there are. */
export async function blobsByEncryption(db: Db, encrypted: boolean, limit: number): Promise<{ keys: string[]; count: number }> {
  const op = encrypted ? 'is not' : 'is';
  const keys = (await db.selectFrom('blobs').select('key').where('kid', op, null).orderBy('key').limit(limit).execute()).map((row) => row.key);
  const count = Number((await db.selectFrom('blobs').select((eb) => eb.fn.countAll<string | number>().as('n')).where('kid', op, null).executeTakeFirstOrThrow()).n);
  return { keys, count };
}

/** Which of these object ids some row names. */
export async function namedObjects(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('blobs').select('id').distinct().where('id', 'in', ids).execute();
  return new Set(rows.map((row) => row.id));
}
