import { randomUUID } from 'node:crypto';
import type { SessionPrincipal } from '../access/principal.js';
import { isRole } from '../access/roles.js';
import type { Config } from '../config/load.js';
import type { Db } from '../db/types.js';
import { AppError } from '../http/app-error.js';
import type { AuditLog } from '../ops/audit.js';
import { authErrors } from './errors.js';
import {
  consumeRefreshToken,
  deleteAccessTokensOfSession,
  findByAccessToken,
  findByCookieToken,
  findLiveSession,
  findUsedRefreshToken,
  insertAccessToken,
  insertRefreshToken,
  insertSession,
  isSessionOf,
  listLiveSessions,
  revokeSession,
  sessionIdsOfUser,
  type SessionPrincipalRow,
  touchSession,
} from './session-store.js';
import { newToken, tokenHash } from './session-tokens.js';

/** last_seen is written at most this often per session, not on every request. */
const TOUCH_INTERVAL_MS = 60_000;

export interface ClientInfo {
  readonly ip: string;
  readonly requestId: string;
  readonly userAgent?: string | undefined;
  readonly deviceName?: string | undefined;
}

export interface TokenPair {
  readonly access_token: string;
  readonly refresh_token: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
  readonly session_id: string;
}

export type StartedSession =
  | { readonly mode: 'token'; readonly sessionId: string; readonly tokens: TokenPair }
  | { readonly mode: 'cookie'; readonly sessionId: string; readonly cookieToken: string; readonly expiresAt: Date };

export type SessionService = ReturnType<typeof createSessionService>;

export interface SessionDeps {
  readonly db: Db;
  readonly lifetimes: Config['sessions'];
  readonly audit: AuditLog;
  readonly now?: () => Date;
}

/**
 * Sessions and their tokens. Token mode hands out a short-lived access token and
 * a refresh token that is exchanged exactly once; cookie mode keeps one secret
 * cookie token per session. Every lookup re-reads the user, so a disabled user
 * or a changed role takes effect on the very next request.
 */
export function createSessionService(deps: SessionDeps) {
  const now = deps.now ?? (() => new Date());
  const { lifetimes } = deps;

  function idleExpiry(at: Date, absolute: string): string {
    const idle = new Date(at.getTime() + lifetimes.idleTimeoutMs).toISOString();
    return idle < absolute ? idle : absolute;
  }

  async function issuePair(db: Db, sessionId: string, at: Date): Promise<TokenPair> {
    const access = newToken('access');
    const refresh = newToken('refresh');
    await insertAccessToken(db, access.hash, sessionId, new Date(at.getTime() + lifetimes.accessTokenTtlMs).toISOString());
    await insertRefreshToken(db, refresh.hash, sessionId, at.toISOString());
    return {
      access_token: access.token,
      refresh_token: refresh.token,
      token_type: 'Bearer',
      expires_in: Math.floor(lifetimes.accessTokenTtlMs / 1000),
      session_id: sessionId,
    };
  }

  async function start(userId: string, mode: 'token' | 'cookie', client: ClientInfo): Promise<StartedSession> {
    const at = now();
    const sessionId = randomUUID();
    const absolute = new Date(at.getTime() + lifetimes.maxAgeMs);
    const cookie = mode === 'cookie' ? newToken('cookie') : undefined;
    return deps.db.transaction().execute(async (trx) => {
      await insertSession(trx, {
        id: sessionId,
        user_id: userId,
        mode,
        cookie_token_hash: cookie?.hash ?? null,
        device_name: client.deviceName ?? null,
        user_agent: client.userAgent?.slice(0, 512) ?? null,
        created_at: at.toISOString(),
        created_ip: client.ip,
        last_seen_at: at.toISOString(),
        last_seen_ip: client.ip,
        idle_expires_at: idleExpiry(at, absolute.toISOString()),
        absolute_expires_at: absolute.toISOString(),
        revoked_at: null,
        revoked_reason: null,
        // Signing in is a credential use: sudo mode starts now.
        reauth_at: at.toISOString(),
      });
      if (cookie) return { mode: 'cookie', sessionId, cookieToken: cookie.token, expiresAt: absolute };
      return { mode: 'token', sessionId, tokens: await issuePair(trx, sessionId, at) };
    });
  }

  async function toPrincipal(row: SessionPrincipalRow | undefined, via: SessionPrincipal['via'], ip: string, at: Date) {
    if (!row || !isRole(row.role)) return undefined;
    let expiresAt = row.idle_expires_at;
    if (at.getTime() - Date.parse(row.last_seen_at) > TOUCH_INTERVAL_MS) {
      expiresAt = idleExpiry(at, row.absolute_expires_at);
      await touchSession(deps.db, row.session_id, { now: at.toISOString(), ip, idleExpiresAt: expiresAt });
    }
    const principal: SessionPrincipal = {
      userId: row.user_id,
      username: row.username,
      role: row.role,
      account: { email: row.email, createdAt: row.user_created_at },
      sessionId: row.session_id,
      via,
      session: { mode: row.mode, createdAt: row.session_created_at, expiresAt, reauthAt: row.reauth_at },
    };
    return principal;
  }

  /** The principal behind a bearer access token or a session cookie, if valid now. */
  async function authenticate(via: SessionPrincipal['via'], token: string, ip: string): Promise<SessionPrincipal | undefined> {
    const hash = tokenHash(via === 'bearer' ? 'access' : 'cookie', token);
    if (!hash) return undefined;
    const at = now();
    const row = via === 'bearer' ? await findByAccessToken(deps.db, hash, at.toISOString()) : await findByCookieToken(deps.db, hash, at.toISOString());
    return toPrincipal(row, via, ip, at);
  }

  /**
   * Exchanges a refresh token for a new pair; the old refresh and access tokens
   * die. A refresh token presented a second time means two parties hold it, so
   * the whole session is revoked, including the newest pair (OAuth 2.0 Security
   * BCP, RFC 9700 §4.14.2).
   */
  async function refresh(refreshToken: string, client: ClientInfo): Promise<TokenPair> {
    const hash = tokenHash('refresh', refreshToken);
    if (!hash) throw new AppError(authErrors.invalid_token);
    const at = now();
    const outcome = await deps.db.transaction().execute(async (trx) => {
      const sessionId = await consumeRefreshToken(trx, hash, at.toISOString());
      if (sessionId) {
        const live = await findLiveSession(trx, sessionId, at.toISOString());
        if (!live) return { kind: 'ended' as const };
        await deleteAccessTokensOfSession(trx, sessionId);
        await touchSession(trx, sessionId, { now: at.toISOString(), ip: client.ip, idleExpiresAt: idleExpiry(at, live.absolute_expires_at) });
        return { kind: 'refreshed' as const, userId: live.user_id, tokens: await issuePair(trx, sessionId, at) };
      }
      const reusedIn = await findUsedRefreshToken(trx, hash);
      if (reusedIn) {
        await revokeSession(trx, reusedIn, 'refresh_reuse', at.toISOString());
        return { kind: 'reused' as const, sessionId: reusedIn };
      }
      return { kind: 'unknown' as const };
    });

    if (outcome.kind === 'refreshed') {
      await deps.audit.record({
        action: 'auth.refresh',
        result: 'success',
        actor: { type: 'user', id: outcome.userId },
        ip: client.ip,
        requestId: client.requestId,
        target: `session:${outcome.tokens.session_id}`,
      });
      return outcome.tokens;
    }
    if (outcome.kind === 'reused') {
      await deps.audit.record({
        action: 'auth.refresh_reuse',
        result: 'denied',
        actor: { type: 'anonymous' },
        ip: client.ip,
        requestId: client.requestId,
        target: `session:${outcome.sessionId}`,
        details: { session_revoked: true },
      });
      throw new AppError(authErrors.refresh_token_reused);
    }
    throw new AppError(authErrors.invalid_token);
  }

  async function end(sessionId: string, reason: string): Promise<boolean> {
    return deps.db.transaction().execute((trx) => revokeSession(trx, sessionId, reason, now().toISOString()));
  }

  /** Ends every session of a user, except `keep` when given; returns how many ended. */
  async function endAllOfUser(userId: string, reason: string, keep?: string): Promise<number> {
    return deps.db.transaction().execute(async (trx) => {
      const ids = (await sessionIdsOfUser(trx, userId)).filter((id) => id !== keep);
      for (const id of ids) await revokeSession(trx, id, reason, now().toISOString());
      return ids.length;
    });
  }

  /** Ends one session if it belongs to `userId`; false when it does not (or is gone). */
  async function endOwn(userId: string, sessionId: string, reason: string): Promise<boolean> {
    return deps.db.transaction().execute(async (trx) => {
      if (!(await isSessionOf(trx, sessionId, userId))) return false;
      return revokeSession(trx, sessionId, reason, now().toISOString());
    });
  }

  const listOfUser = (userId: string) => listLiveSessions(deps.db, userId, now().toISOString());

  return { start, authenticate, refresh, end, endOwn, endAllOfUser, listOfUser };
}
