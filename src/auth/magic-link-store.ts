import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';

type Executor = Kysely<Database>;

export async function findUserByEmail(db: Executor, email: string) {
  return db.selectFrom('users').select(['id', 'username', 'email', 'disabled_at', 'totp_enabled_at']).where('email', '=', email).executeTakeFirst();
}

export async function insertMagicLink(db: Executor, link: { tokenHash: string; userId: string; email: string; now: string; expiresAt: string }) {
  await db
    .insertInto('magic_links')
    .values({ token_hash: link.tokenHash, user_id: link.userId, email: link.email, created_at: link.now, expires_at: link.expiresAt, used_at: null })
    .execute();
}

/** A usable link: unused, unexpired, and its user still enabled with the same email. */
export async function findUsableLink(db: Executor, tokenHash: string, now: string) {
  return db
    .selectFrom('magic_links')
    .innerJoin('users', 'users.id', 'magic_links.user_id')
    .select(['magic_links.user_id', 'users.username', 'users.totp_enabled_at'])
    .where('magic_links.token_hash', '=', tokenHash)
    .where('magic_links.used_at', 'is', null)
    .where('magic_links.expires_at', '>', now)
    .where('users.disabled_at', 'is', null)
    .whereRef('users.email', '=', 'magic_links.email')
    .executeTakeFirst();
}

/** Single use: of two concurrent redemptions, exactly one gets `true`. */
export async function consumeMagicLink(db: Executor, tokenHash: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('magic_links')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
