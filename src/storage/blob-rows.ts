import type { BlobsTable, Db } from '../db/types.js';

export type BlobRow = BlobsTable;

// PostgreSQL answers bigint as text.
const rowOf = (row: BlobRow): BlobRow => ({ ...row, size: Number(row.size), stored_size: Number(row.stored_size) });

export async function findBlob(db: Db, key: string): Promise<BlobRow | undefined> {
  const row = await db.selectFrom('blobs').selectAll().where('key', '=', key).executeTakeFirst();
  return row && rowOf(row);
}

/** Points `key` at the new row's object; returns the object id it pointed at before, if any. */
export async function upsertBlob(db: Db, row: BlobRow): Promise<string | undefined> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('blobs').select('id').where('key', '=', row.key).executeTakeFirst();
    if (before) await trx.updateTable('blobs').set(row).where('key', '=', row.key).execute();
    else await trx.insertInto('blobs').values(row).execute();
    return before?.id;
  });
}

/** Deletes the row (for an encrypted blob, its data key with it) and returns it. */
export async function deleteBlobRow(db: Db, key: string): Promise<BlobRow | undefined> {
  const row = await db.deleteFrom('blobs').where('key', '=', key).returningAll().executeTakeFirst();
  return row && rowOf(row);
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
