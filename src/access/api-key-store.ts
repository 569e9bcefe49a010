import type { Kysely } from 'kysely';
import { reusableQuery } from '../db/reusable-query.js';
import type { ApiKeysTable, Database } from '../db/types.js';

type Executor = Kysely<Database>;

/** The columns a key's owner may see; the secret's hash and sealed secret never leave the store. */
const VISIBLE_COLUMNS = [
  'api_keys.id',
  'api_keys.user_id',
  'api_keys.name',
  'api_keys.scopes',
  'api_keys.allowed_cidrs',
  'api_keys.require_signature',
  'api_keys.created_at',
  'api_keys.expires_at',
  'api_keys.last_used_at',
  'api_keys.last_used_ip',
] as const;

export type VisibleKey = Pick<ApiKeysTable, 'id' | 'user_id' | 'name' | 'scopes' | 'allowed_cidrs' | 'require_signature' | 'created_at' | 'expires_at' | 'last_used_at' | 'last_used_ip'>;

export async function insertApiKey(db: Executor, row: ApiKeysTable): Promise<void> {
  await db.insertInto('api_keys').values(row).execute();
}

/**
 * A live key with its owner, for authentication: unrevoked, unexpired, owner
 * enabled. Compiled once: it runs on every key-authenticated request.
 */
export const findLiveKey = reusableQuery((db: Executor, id: string, now: string) =>
  db
    .selectFrom('api_keys')
    .innerJoin('users', 'users.id', 'api_keys.user_id')
    .select([
      'api_keys.id',
      'api_keys.secret_hash',
      'api_keys.scopes',
      'api_keys.allowed_cidrs',
      'api_keys.require_signature',
      'api_keys.signing_secret_sealed',
      'api_keys.expires_at',
      'api_keys.last_used_at',
      'users.id as user_id',
      'users.username',
      'users.role',
      'users.email',
      'users.created_at as user_created_at',
    ])
    .where('api_keys.id', '=', id)
    .where('api_keys.revoked_at', 'is', null)
    .where('api_keys.expires_at', '>', now)
    .where('users.disabled_at', 'is', null),
);

export type LiveKeyRow = NonNullable<Awaited<ReturnType<typeof findLiveKey>>>;

export async function touchApiKey(db: Executor, id: string, now: string, ip: string): Promise<void> {
  await db.updateTable('api_keys').set({ last_used_at: now, last_used_ip: ip }).where('id', '=', id).execute();
}

/** Live keys of one user, or of everyone when `userId` is undefined (admins). */
export async function listLiveKeys(db: Executor, userId: string | undefined, now: string): Promise<VisibleKey[]> {
  let query = db.selectFrom('api_keys').select(VISIBLE_COLUMNS).where('revoked_at', 'is', null).where('expires_at', '>', now);
  if (userId !== undefined) query = query.where('user_id', '=', userId);
  return query.orderBy('created_at').orderBy('id').execute();
}

export async function findVisibleKey(db: Executor, id: string): Promise<VisibleKey | undefined> {
  return db.selectFrom('api_keys').select(VISIBLE_COLUMNS).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
}

/** Revokes a key once; `false` when it was already revoked or never existed. */
export async function revokeApiKey(db: Executor, id: string, now: string): Promise<boolean> {
  const result = await db.updateTable('api_keys').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
