import type { ExpressionBuilder, Kysely } from 'kysely';
import { reusableQuery } from '../db/reusable-query.js';
import type { Database, SessionsTable } from '../db/types.js';

type Executor = Kysely<Database>;

/** A live session joined with its user's current role and state. */
export interface SessionPrincipalRow {
  readonly session_id: string;
  readonly mode: 'token' | 'cookie';
  readonly session_created_at: string;
  readonly user_id: string;
  readonly username: string;
  readonly role: string;
  readonly email: string | null;
  readonly user_created_at: string;
  readonly last_seen_at: string;
  readonly idle_expires_at: string;
  readonly absolute_expires_at: string;
  readonly reauth_at: string | null;
}

const PRINCIPAL_COLUMNS = [
  'sessions.id as session_id',
  'sessions.mode',
  'sessions.created_at as session_created_at',
  'users.id as user_id',
  'users.username',
  'users.role',
  'users.email',
  'users.created_at as user_created_at',
  'sessions.last_seen_at',
  'sessions.idle_expires_at',
  'sessions.absolute_expires_at',
  'sessions.reauth_at',
] as const;

/** A session that is neither revoked nor expired, of a user who is not disabled. */
function liveSessionOfEnabledUser(now: string) {
  return (eb: ExpressionBuilder<Database, 'sessions' | 'users'>) =>
    eb.and([
      eb('sessions.revoked_at', 'is', null),
      eb('sessions.idle_expires_at', '>', now),
      eb('sessions.absolute_expires_at', '>', now),
      eb('users.disabled_at', 'is', null),
    ]);
}

export async function insertSession(db: Executor, session: SessionsTable): Promise<void> {
  await db.insertInto('sessions').values(session).execute();
}

export async function insertAccessToken(db: Executor, tokenHash: string, sessionId: string, expiresAt: string): Promise<void> {
  await db.insertInto('access_tokens').values({ token_hash: tokenHash, session_id: sessionId, expires_at: expiresAt }).execute();
}

export async function insertRefreshToken(db: Executor, tokenHash: string, sessionId: string, now: string): Promise<void> {
  await db.insertInto('refresh_tokens').values({ token_hash: tokenHash, session_id: sessionId, created_at: now, used_at: null }).execute();
}

/**
 * The principal behind an unexpired access token of a live session of an
 * enabled user. Runs on every bearer request, so it is compiled once.
 */
export const findByAccessToken = reusableQuery((db: Executor, tokenHash: string, now: string) =>
  db
    .selectFrom('access_tokens')
    .innerJoin('sessions', 'sessions.id', 'access_tokens.session_id')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(PRINCIPAL_COLUMNS)
    .where('access_tokens.token_hash', '=', tokenHash)
    .where('access_tokens.expires_at', '>', now)
    .where(liveSessionOfEnabledUser(now)),
);

/** The same, for a cookie session's token. */
export const findByCookieToken = reusableQuery((db: Executor, tokenHash: string, now: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(PRINCIPAL_COLUMNS)
    .where('sessions.cookie_token_hash', '=', tokenHash)
    .where('sessions.mode', '=', 'cookie')
    .where(liveSessionOfEnabledUser(now)),
);

/** Marks a refresh token used; only one caller ever gets its session id back. */
export async function consumeRefreshToken(db: Executor, tokenHash: string, now: string): Promise<string | undefined> {
  const row = await db
    .updateTable('refresh_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .returning('session_id')
    .executeTakeFirst();
  return row?.session_id;
}

/** The session of a refresh token that was already exchanged, if this is one. */
export async function findUsedRefreshToken(db: Executor, tokenHash: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('refresh_tokens')
    .select('session_id')
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is not', null)
    .executeTakeFirst();
  return row?.session_id;
}

export async function findLiveSession(db: Executor, sessionId: string, now: string): Promise<SessionPrincipalRow | undefined> {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(PRINCIPAL_COLUMNS)
    .where('sessions.id', '=', sessionId)
    .where(liveSessionOfEnabledUser(now))
    .executeTakeFirst();
}

/** Ends a session and deletes every token it holds, so none can be used again. */
export async function revokeSession(db: Executor, sessionId: string, reason: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: now, revoked_reason: reason, cookie_token_hash: null })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  await db.deleteFrom('access_tokens').where('session_id', '=', sessionId).execute();
  await db.deleteFrom('refresh_tokens').where('session_id', '=', sessionId).where('used_at', 'is', null).execute();
  return Number(result.numUpdatedRows) > 0;
}

export async function sessionIdsOfUser(db: Executor, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('sessions').select('id').where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
  return rows.map((row) => row.id);
}

export async function deleteAccessTokensOfSession(db: Executor, sessionId: string): Promise<void> {
  await db.deleteFrom('access_tokens').where('session_id', '=', sessionId).execute();
}

export async function touchSession(
  db: Executor,
  sessionId: string,
  values: { now: string; ip: string; idleExpiresAt: string },
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: values.now, last_seen_ip: values.ip, idle_expires_at: values.idleExpiresAt })
    .where('id', '=', sessionId)
    .execute();
}

/** The live sessions of a user, newest activity first, for "your devices". */
export async function listLiveSessions(db: Executor, userId: string, now: string) {
  return db
    .selectFrom('sessions')
    .select(['id', 'mode', 'device_name', 'user_agent', 'created_at', 'created_ip', 'last_seen_at', 'last_seen_ip', 'idle_expires_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('idle_expires_at', '>', now)
    .where('absolute_expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .execute();
}

/** Whether a live session belongs to this user (the ownership check before revoking it). */
export async function isSessionOf(db: Executor, sessionId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('sessions')
    .select('id')
    .where('id', '=', sessionId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

/** Records a fresh credential use on this session (sudo mode). */
export async function markReauthenticated(db: Executor, sessionId: string, now: string): Promise<void> {
  await db.updateTable('sessions').set({ reauth_at: now }).where('id', '=', sessionId).execute();
}
