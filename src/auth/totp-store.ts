import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';

type Executor = Kysely<Database>;

export async function readTotpState(db: Executor, userId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'totp_secret_sealed', 'totp_pending_sealed', 'totp_enabled_at', 'totp_last_step'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

export async function savePendingSecret(db: Executor, userId: string, sealed: string, now: string): Promise<void> {
  await db.updateTable('users').set({ totp_pending_sealed: sealed, updated_at: now }).where('id', '=', userId).execute();
}

/** Turns the pending secret into the active one, only if it is still the one verified. */
export async function activatePendingSecret(db: Executor, userId: string, sealed: string, step: number, now: string): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ totp_secret_sealed: sealed, totp_pending_sealed: null, totp_enabled_at: now, totp_last_step: step, updated_at: now })
    .where('id', '=', userId)
    .where('totp_pending_sealed', '=', sealed)
    .where('totp_enabled_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function clearTotp(db: Executor, userId: string, now: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ totp_secret_sealed: null, totp_pending_sealed: null, totp_enabled_at: null, totp_last_step: null, updated_at: now })
    .where('id', '=', userId)
    .execute();
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
}

/**
 * Records `step` as the newest accepted time step, only if it is newer than the
 * last one: of two uses of the same code, exactly one gets `true`.
 */
export async function claimTotpStep(db: Executor, userId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function replaceRecoveryCodes(db: Executor, userId: string, hashes: readonly string[], now: string): Promise<void> {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  await db
    .insertInto('recovery_codes')
    .values(hashes.map((code_hash) => ({ code_hash, user_id: userId, created_at: now, used_at: null })))
    .execute();
}

/** Marks a recovery code used; of two concurrent uses, exactly one gets `true`. */
export async function consumeRecoveryCode(db: Executor, userId: string, codeHash: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('recovery_codes')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countUnusedRecoveryCodes(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
