import { randomInt, randomUUID } from 'node:crypto';
import type { Principal } from '../access/principal.js';
import { secretsEqual, sha256Hex } from '../crypto/tokens.js';
import type { Db } from '../db/types.js';
import { AppError } from '../http/app-error.js';
import { type AuditLog, auditTrail } from '../ops/audit.js';
import { authErrors } from './errors.js';
import type { LoginService } from './login-service.js';
import type { LoginThrottle } from './login-throttle.js';
import { approveQrLogin, countFailedApproval, findQrLogin, insertQrLogin, redeemQrLogin } from './qr-login-store.js';
import type { ClientInfo, SessionService, StartedSession } from './session-service.js';
import { newToken } from './session-tokens.js';
import type { SecondFactorInput } from './totp-service.js';
import { readTotpState } from './totp-store.js';
import { findUserById, type PublicUser } from './user-store.js';

const LIFETIME_MS = 2 * 60_000;
const INITS_PER_WINDOW = 10;
const INIT_WINDOW_MS = 10 * 60_000;
/** Wrong user codes before a request is dead. */
const MAX_FAILED_APPROVALS = 5;
// No look-alikes (0/O, 1/I/L): the code is read off one screen and typed on another.
const USER_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export type QrLoginService = ReturnType<typeof createQrLoginService>;

function newUserCode(): string {
  const chars = Array.from({ length: 8 }, () => USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}
const userCodeHash = (code: string) => sha256Hex(`qr-user-code:${code.toUpperCase().replace(/[\s-]/g, '')}`);

/**
 * Sign in a new device from one that is already signed in (RFC 8628's
 * device-code pattern). The QR holds only the approve URL; approving needs a
 * signed-in session in sudo mode and the user code shown on the new device; the
 * new device collects its own session once by polling with its poll token.
 * Requests live two minutes. A 2FA account's new device still gives a code.
 */
export function createQrLoginService(deps: {
  db: Db;
  sessions: SessionService;
  login: LoginService;
  throttle: LoginThrottle;
  audit: AuditLog;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  const record = auditTrail(deps.audit, 'qr');

  async function init(client: ClientInfo) {
    if (!(await deps.throttle.withinLimit(`qr-ip:${client.ip}`, INITS_PER_WINDOW, INIT_WINDOW_MS))) {
      throw new AppError(authErrors.rate_limited, undefined, { retryAfterSeconds: INIT_WINDOW_MS / 1000 });
    }
    const at = now();
    const id = randomUUID();
    const poll = newToken('qr');
    const userCode = newUserCode();
    await insertQrLogin(deps.db, {
      id,
      poll_token_hash: poll.hash,
      user_code_hash: userCodeHash(userCode),
      requester_ip: client.ip,
      requester_user_agent: client.userAgent?.slice(0, 512) ?? null,
      requester_device_name: client.deviceName ?? null,
      created_at: at.toISOString(),
      expires_at: new Date(at.getTime() + LIFETIME_MS).toISOString(),
      failed_approvals: 0,
      approved_by: null,
      approved_at: null,
      redeemed_at: null,
    });
    await record('auth.qr_init', 'success', undefined, client, id);
    return { qr_id: id, poll_token: poll.token, user_code: userCode, expires_in: LIFETIME_MS / 1000 };
  }

  async function live(id: string) {
    const row = await findQrLogin(deps.db, id);
    if (!row) throw new AppError(authErrors.qr_not_found);
    const expired = Date.parse(row.expires_at) <= now().getTime() || row.failed_approvals >= MAX_FAILED_APPROVALS;
    if (expired || row.redeemed_at) throw new AppError(authErrors.qr_gone);
    return row;
  }

  /** What the approver sees before approving: who is asking, from where. */
  async function describe(id: string) {
    const row = await live(id);
    return {
      device_name: row.requester_device_name,
      user_agent: row.requester_user_agent,
      ip: row.requester_ip,
      created_at: row.created_at,
      expires_at: row.expires_at,
      approved: row.approved_at !== null,
    };
  }

  async function approve(principal: Principal, id: string, userCode: string, client: ClientInfo): Promise<void> {
    const row = await live(id);
    if (row.approved_at) {
      await record('auth.qr_approve', 'denied', principal, client, id, { reason: 'already_approved' });
      throw new AppError(authErrors.qr_already_approved);
    }
    if (!secretsEqual(row.user_code_hash, userCodeHash(userCode))) {
      await countFailedApproval(deps.db, id);
      await record('auth.qr_approve', 'failure', principal, client, id, { reason: 'wrong_user_code' });
      throw new AppError(authErrors.qr_code_mismatch);
    }
    if (!(await approveQrLogin(deps.db, id, principal.userId, now().toISOString()))) throw new AppError(authErrors.qr_already_approved);
    await record('auth.qr_approve', 'success', principal, client, id, { requester_ip: row.requester_ip });
  }

  /**
   * The new device's poll: pending until approved, then its own session exactly
   * once (tokens for an app, the cookie session for a browser); afterwards, or
   * once expired, 410.
   */
  async function poll(
    id: string,
    pollToken: string,
    factor: SecondFactorInput,
    client: ClientInfo,
    mode: 'token' | 'cookie' = 'token',
  ): Promise<{ status: 'pending' } | { status: 'approved'; user: PublicUser; session: StartedSession }> {
    const row = await live(id);
    if (!secretsEqual(row.poll_token_hash, sha256Hex(pollToken))) throw new AppError(authErrors.invalid_token);
    if (!row.approved_by) return { status: 'pending' };
    const user = await findUserById(deps.db, row.approved_by);
    if (!user || user.disabled_at !== null) throw new AppError(authErrors.qr_gone);
    if ((await readTotpState(deps.db, user.id))?.totp_enabled_at) await deps.login.requireSecondFactor(user.id, factor, client);
    if (!(await redeemQrLogin(deps.db, id, now().toISOString()))) throw new AppError(authErrors.qr_gone);
    const session = await deps.sessions.start(user.id, mode, { ...client, deviceName: row.requester_device_name ?? client.deviceName });
    await record('auth.qr_redeem', 'success', undefined, client, id, { user: user.id, session: session.sessionId });
    return { status: 'approved', user, session };
  }

  return { init, describe, approve, poll };
}
