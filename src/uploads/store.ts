import type { Kysely } from 'kysely';
import type { Database, UploadsTable } from '../db/types.js';

type Executor = Kysely<Database>;

export type UploadRow = UploadsTable;

export async function insertUpload(db: Executor, row: UploadsTable): Promise<void> {
  await db.insertInto('uploads').values(row).execute();
}

/** One user's upload; someone else's id finds nothing. */
export async function findOwnUpload(db: Executor, userId: string, id: string): Promise<UploadRow | undefined> {
  const row = await db.selectFrom('uploads').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  // PostgreSQL returns bigint as text.
  return row && { ...row, declared_size: Number(row.declared_size) };
}

export async function setUploadStatus(db: Executor, id: string, status: UploadRow['status'], now: string, reason: string | null = null): Promise<void> {
  await db.updateTable('uploads').set({ status, reason, updated_at: now }).where('id', '=', id).execute();
}

export async function deleteUpload(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('uploads').where('id', '=', id).execute();
}

export async function findUpload(db: Executor, id: string): Promise<UploadRow | undefined> {
  const row = await db.selectFrom('uploads').selectAll().where('id', '=', id).executeTakeFirst();
  return row && { ...row, declared_size: Number(row.declared_size) };
}

export async function recordVerdict(
  db: Executor,
  id: string,
  verdict: { status: 'accepted'; sha256: string; media: string } | { status: 'rejected'; reason: string },
  now: string,
): Promise<void> {
  await db
    .updateTable('uploads')
    .set(verdict.status === 'accepted' ? { status: 'accepted', sha256: verdict.sha256, media: verdict.media, updated_at: now } : { status: 'rejected', reason: verdict.reason, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Bytes a user's uploads hold or will hold: every upload not rejected, by its declared size. */
export async function usageOf(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('uploads')
    .select((eb) => eb.fn.sum<string | number | null>('declared_size').as('bytes'))
    .where('user_id', '=', userId)
    .where('status', '!=', 'rejected')
    .executeTakeFirst();
  return Number(row?.bytes ?? 0);
}

export async function countReceiving(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('uploads')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('user_id', '=', userId)
    .where('status', '=', 'receiving')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function uploadsIn(db: Executor, status: UploadRow['status'], createdBefore: string): Promise<Array<Pick<UploadRow, 'id' | 'user_id'>>> {
  return db.selectFrom('uploads').select(['id', 'user_id']).where('status', '=', status).where('created_at', '<', createdBefore).execute();
}

/**
 * One user's uploads, newest first, a page at a time. The owner is part of the
 * query itself (keyset pagination on created_at, id), so no caller can list
 * someone else's uploads by passing a cursor or an id.
 */
export async function listOwnUploads(
  db: Executor,
  filter: { readonly userId: string; readonly after?: { readonly createdAt: string; readonly id: string }; readonly limit: number },
): Promise<UploadRow[]> {
  let query = db.selectFrom('uploads').selectAll().where('user_id', '=', filter.userId);
  if (filter.after) {
    const { createdAt, id } = filter.after;
    query = query.where((eb) => eb.or([eb('created_at', '<', createdAt), eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)])]));
  }
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
  return rows.map((row) => ({ ...row, declared_size: Number(row.declared_size) }));
}

/** The file names of some of one user's uploads, by id. */
export async function uploadNames(db: Executor, userId: string, ids: readonly string[]): Promise<Record<string, string>> {
  if (ids.length === 0) return {};
  const rows = await db.selectFrom('uploads').select(['id', 'filename']).where('user_id', '=', userId).where('id', 'in', [...ids]).execute();
  return Object.fromEntries(rows.map((row) => [row.id, row.filename]));
}
