import type { Kysely } from 'kysely';
import type { Database, MagicLinksTable } from '../db/types.js';

type Executor = Kysely<Database>;
type Purpose = MagicLinksTable['purpose'];

/** The account a sign-in link may be mailed for: only at an address Sakuga has verified. */
export async function findUserByEmail(db: Executor, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'email', 'disabled_at', 'totp_enabled_at', 'email_verified_at'])
    .where('email', '=', email)
    .executeTakeFirst();
}

export async function insertMagicLink(db: Executor, link: { tokenHash: string; userId: string; email: string; purpose: Purpose; now: string; expiresAt: string }) {
  await db
    .insertInto('magic_links')
    .values({ token_hash: link.tokenHash, user_id: link.userId, email: link.email, purpose: link.purpose, created_at: link.now, expires_at: link.expiresAt, used_at: null })
    .execute();
}

/** A usable sign-in link: unused, unexpired, and its user still enabled with the same email. */
export async function findUsableLink(db: Executor, tokenHash: string, now: string) {
  return db
    .selectFrom('magic_links')
    .innerJoin('users', 'users.id', 'magic_links.user_id')
    .select(['magic_links.user_id', 'users.username', 'users.totp_enabled_at'])
    .where('magic_links.token_hash', '=', tokenHash)
    .where('magic_links.purpose', '=', 'sign_in')
    .where('magic_links.used_at', 'is', null)
    .where('magic_links.expires_at', '>', now)
    .where('users.disabled_at', 'is', null)
    .whereRef('users.email', '=', 'magic_links.email')
    .executeTakeFirst();
}

/**
 * Single use: of two concurrent redemptions, exactly one gets the link's
 * user and address back; a link of another purpose gets nothing.
 */
export async function consumeMagicLink(db: Executor, tokenHash: string, purpose: Purpose, now: string) {
  return db
    .updateTable('magic_links')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['user_id', 'email'])
    .executeTakeFirst();
}

/** Makes a proven address the account's own; throws a unique violation when another account has it. */
export async function setVerifiedEmail(db: Executor, userId: string, email: string, now: string): Promise<void> {
  await db.updateTable('users').set({ email, email_verified_at: now, updated_at: now }).where('id', '=', userId).execute();
}

export async function removeEmail(db: Executor, userId: string, now: string): Promise<void> {
  await db.updateTable('users').set({ email: null, email_verified_at: null, updated_at: now }).where('id', '=', userId).execute();
}

export async function findEmailOf(db: Executor, userId: string) {
  return db.selectFrom('users').select(['email', 'email_verified_at']).where('id', '=', userId).executeTakeFirst();
}
