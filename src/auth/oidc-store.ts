import type { Kysely } from 'kysely';
import type { Database, OidcIdentitiesTable } from '../db/types.js';

type Executor = Kysely<Database>;

export async function insertOidcLogin(db: Executor, row: { id: string; createdAt: string; expiresAt: string }): Promise<void> {
  await db
    .insertInto('oidc_logins')
    .values({ id: row.id, created_at: row.createdAt, expires_at: row.expiresAt, callback_at: null, user_id: null, used_at: null })
    .execute();
}

/**
 * Claims an attempt for its one callback: of two concurrent callbacks with the
 * same flow, exactly one gets `true`. A used callback cannot be replayed.
 */
export async function claimOidcCallback(db: Executor, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('oidc_logins')
    .set({ callback_at: now })
    .where('id', '=', id)
    .where('callback_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** After a verified callback: who signed in, and a fresh deadline for the second-factor step. */
export async function recordOidcUser(db: Executor, id: string, userId: string, expiresAt: string): Promise<void> {
  await db.updateTable('oidc_logins').set({ user_id: userId, expires_at: expiresAt }).where('id', '=', id).execute();
}

/** An attempt whose callback verified and whose session was not handed out yet. */
export async function findPendingOidcLogin(db: Executor, id: string, now: string) {
  return db
    .selectFrom('oidc_logins')
    .innerJoin('users', 'users.id', 'oidc_logins.user_id')
    .select(['oidc_logins.user_id', 'users.disabled_at', 'users.totp_enabled_at'])
    .where('oidc_logins.id', '=', id)
    .where('oidc_logins.callback_at', 'is not', null)
    .where('oidc_logins.used_at', 'is', null)
    .where('oidc_logins.expires_at', '>', now)
    .executeTakeFirst();
}

/** Single use: of two concurrent completions, exactly one gets `true`. */
export async function consumeOidcLogin(db: Executor, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('oidc_logins')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('user_id', 'is not', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findOidcIdentity(db: Executor, issuer: string, subject: string) {
  return db
    .selectFrom('oidc_identities')
    .innerJoin('users', 'users.id', 'oidc_identities.user_id')
    .select(['oidc_identities.user_id', 'users.disabled_at'])
    .where('oidc_identities.issuer', '=', issuer)
    .where('oidc_identities.subject', '=', subject)
    .executeTakeFirst();
}

export async function insertOidcIdentity(db: Executor, row: OidcIdentitiesTable): Promise<void> {
  await db.insertInto('oidc_identities').values(row).execute();
}

export async function touchOidcIdentity(db: Executor, issuer: string, subject: string, now: string): Promise<void> {
  await db.updateTable('oidc_identities').set({ last_login_at: now }).where('issuer', '=', issuer).where('subject', '=', subject).execute();
}

/** The account an email belongs to, with whether Sakuga has verified that address. */
export async function findAccountByEmail(db: Executor, email: string) {
  return db.selectFrom('users').select(['id', 'disabled_at', 'email_verified_at']).where('email', '=', email).executeTakeFirst();
}

export async function usernameTaken(db: Executor, username: string): Promise<boolean> {
  return (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst()) !== undefined;
}
