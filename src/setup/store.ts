import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';

type Executor = Kysely<Database>;

export async function readSetupTokenHash(db: Executor): Promise<string | undefined> {
  const row = await db.selectFrom('setup_token').select('token_hash').where('id', '=', 1).executeTakeFirst();
  return row?.token_hash;
}

export async function replaceSetupToken(db: Executor, tokenHash: string, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('setup_token').execute();
    await trx.insertInto('setup_token').values({ id: 1, token_hash: tokenHash, created_at: now.toISOString() }).execute();
  });
}

/** Consumes the token atomically: only one caller can see `true` for a given hash. */
export async function burnSetupToken(db: Executor, tokenHash: string): Promise<boolean> {
  const result = await db.deleteFrom('setup_token').where('token_hash', '=', tokenHash).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function clearSetupToken(db: Executor): Promise<void> {
  await db.deleteFrom('setup_token').execute();
}
