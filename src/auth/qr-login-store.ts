import type { Kysely } from 'kysely';
import type { Database, QrLoginsTable } from '../db/types.js';

type Executor = Kysely<Database>;

export async function insertQrLogin(db: Executor, row: QrLoginsTable): Promise<void> {
  await db.insertInto('qr_logins').values(row).execute();
}

export async function findQrLogin(db: Executor, id: string) {
  return db.selectFrom('qr_logins').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Approves a pending, unexpired request once: a second approval gets `false`. */
export async function approveQrLogin(db: Executor, id: string, userId: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('qr_logins')
    .set({ approved_by: userId, approved_at: now })
    .where('id', '=', id)
    .where('approved_at', 'is', null)
    .where('expires_at', '>', now)
    .where('failed_approvals', '<', 5)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countFailedApproval(db: Executor, id: string): Promise<void> {
  await db
    .updateTable('qr_logins')
    .set((eb) => ({ failed_approvals: eb('failed_approvals', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Hands out the session exactly once: of two concurrent polls, one gets `true`. */
export async function redeemQrLogin(db: Executor, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('qr_logins')
    .set({ redeemed_at: now })
    .where('id', '=', id)
    .where('redeemed_at', 'is', null)
    .where('approved_at', 'is not', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
