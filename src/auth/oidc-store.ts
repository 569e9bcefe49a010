import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, OidcIdentitiesTable } from '../db/types.js';

type Executor = Kysely<Database>;

export async function insertOidcLogin(db: Executor, row: { id: string; createdAt: string; expiresAt: string; linkUserId: string | null }): Promise<void> {
  await db
    .insertInto('oidc_logins')
    .values({ id: row.id, created_at: row.createdAt, expires_at: row.expiresAt, link_user_id: row.linkUserId, callback_at: null, user_id: null, used_at: null })
    .execute();
}

/**
 * Claims an attempt for its one callback: of two concurrent callbacks with the
 * same flow, exactly one gets the attempt back. A used callback cannot be replayed.
 */
export async function claimOidcCallback(db: Executor, id: string, now: string) {
  return db
    .updateTable('oidc_logins')
    .set({ callback_at: now })
    .where('id', '=', id)
    .where('callback_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['link_user_id'])
    .executeTakeFirst();
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

export async function insertOidcIdentity(db: Executor, row: Omit<OidcIdentitiesTable, 'id'>): Promise<void> {
  await db
    .insertInto('oidc_identities')
    .values({ id: randomUUID(), ...row })
    .execute();
}

export async function listOidcIdentities(db: Executor, userId: string) {
  return db
    .selectFrom('oidc_identities')
    .select(['id', 'issuer', 'subject', 'email', 'created_at', 'last_login_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
}

/** Removes one of the user's own links; someone else's id removes nothing. */
export async function deleteOidcIdentity(db: Executor, userId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('oidc_identities').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Whether the account could still sign in without its provider links: a password or a passkey. */
export async function hasOtherSignIn(db: Executor, userId: string, noPassword: string): Promise<boolean> {
  const user = await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst();
  if (user && user.password_hash !== noPassword) return true;
  return (await db.selectFrom('passkeys').select('id').where('user_id', '=', userId).executeTakeFirst()) !== undefined;
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
