import type { Kysely } from 'kysely';
import type { Database, PasskeysTable, WebauthnChallengesTable } from '../db/types.js';

type Executor = Kysely<Database>;

export async function insertChallenge(db: Executor, row: WebauthnChallengesTable): Promise<void> {
  await db.insertInto('webauthn_challenges').values(row).execute();
}

/** Single use: the challenge is deleted as it is read, so no ceremony can be replayed. */
export async function takeChallenge(db: Executor, id: string, purpose: WebauthnChallengesTable['purpose'], now: string) {
  const row = await db
    .deleteFrom('webauthn_challenges')
    .where('id', '=', id)
    .where('purpose', '=', purpose)
    .returning(['challenge', 'user_id', 'expires_at'])
    .executeTakeFirst();
  return row && row.expires_at > now ? row : undefined;
}

export async function insertPasskey(db: Executor, row: PasskeysTable): Promise<void> {
  await db.insertInto('passkeys').values(row).execute();
}

export async function findPasskey(db: Executor, id: string) {
  return db.selectFrom('passkeys').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listPasskeys(db: Executor, userId: string) {
  return db
    .selectFrom('passkeys')
    .select(['id', 'name', 'transports', 'created_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
}

/** Moves the counter forward only; a stale counter (a clone) updates nothing. */
export async function recordPasskeyUse(db: Executor, id: string, counter: number, now: string): Promise<void> {
  await db.updateTable('passkeys').set({ counter, last_used_at: now }).where('id', '=', id).execute();
}

export async function renamePasskey(db: Executor, userId: string, id: string, name: string): Promise<boolean> {
  const result = await db.updateTable('passkeys').set({ name }).where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deletePasskey(db: Executor, userId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('passkeys').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
