import type { Db } from '../db/types.js';
import { AppError } from '../http/app-error.js';
import type { AuditLog } from '../ops/audit.js';
import { authErrors } from './errors.js';
import type { LoginThrottle } from './login-throttle.js';
import type { PasswordService } from './passwords.js';
import type { SecondFactorInput, TotpService } from './totp-service.js';
import type { ClientInfo, SessionService, StartedSession } from './session-service.js';
import { findCredentials, findUserById, type PublicUser, updatePasswordHash } from './user-store.js';

export interface LoginRequest {
  readonly username: string;
  readonly password: string;
  readonly mode: 'token' | 'cookie';
  readonly totpCode?: string | undefined;
  readonly recoveryCode?: string | undefined;
}

export interface LoginDeps {
  readonly db: Db;
  readonly passwords: PasswordService;
  readonly sessions: SessionService;
  readonly throttle: LoginThrottle;
  readonly totp: TotpService;
  readonly audit: AuditLog;
  readonly now?: () => Date;
}

export type LoginService = ReturnType<typeof createLoginService>;

/** The throttle key for whatever was typed, valid username or not. */
function throttleName(username: string): string {
  return username.normalize('NFKC').toLowerCase().slice(0, 64);
}

/**
 * Password sign-in. Unknown, disabled and wrong-password attempts take the
 * same path (one argon2 verification, one throttle write, one audit line) and
 * end in the same 401, so neither the answer nor its timing tells them apart.
 */
export function createLoginService(deps: LoginDeps) {
  const now = deps.now ?? (() => new Date());

  async function login(request: LoginRequest, client: ClientInfo): Promise<{ user: PublicUser; session: StartedSession }> {
    const name = throttleName(request.username);
    const verdict = await deps.throttle.check(name, client.ip);
    if (!verdict.allowed) {
      await deps.audit.record({
        action: 'auth.login',
        result: 'denied',
        actor: { type: 'anonymous' },
        ip: client.ip,
        requestId: client.requestId,
        details: { username: name, reason: verdict.reason },
      });
      // The same answer whether or not the password is right: checking it now would make the lock an oracle.
      throw new AppError(authErrors.login_throttled, undefined, { retryAfterSeconds: verdict.retryAfterMs / 1000 });
    }

    const account = await findCredentials(deps.db, name);
    const passwordOk = account ? await deps.passwords.verify(account.password_hash, request.password) : await deps.passwords.verifyAgainstDummy(request.password);

    if (!account || !passwordOk || account.disabled_at !== null) {
      await deps.throttle.recordFailure(name, client.ip);
      await deps.audit.record({
        action: 'auth.login',
        result: 'failure',
        actor: account ? { type: 'user', id: account.id } : { type: 'anonymous' },
        ip: client.ip,
        requestId: client.requestId,
        details: { username: name, reason: !account ? 'unknown_user' : !passwordOk ? 'wrong_password' : 'disabled' },
      });
      throw new AppError(authErrors.invalid_credentials);
    }

    if (account.totp_enabled_at !== null) await requireSecondFactor(account.id, request, client);

    await deps.throttle.recordSuccess(name);
    if (deps.passwords.needsRehash(account.password_hash)) {
      // Parameters changed since this hash was made: upgrade it while we hold the password.
      const upgraded = await deps.passwords.hash(request.password.normalize('NFKC'));
      await updatePasswordHash(deps.db, account.id, upgraded, now().toISOString());
    }
    return finishSignIn(account.id, request.mode, client, { method: 'password' });
  }

  /**
   * The end of every sign-in path once all its factors are in: a new session,
   * the audit line, and the account as it is now.
   */
  async function finishSignIn(
    userId: string,
    mode: 'token' | 'cookie',
    client: ClientInfo,
    details: { method: string } & Record<string, unknown>,
  ): Promise<{ user: PublicUser; session: StartedSession }> {
    const session = await deps.sessions.start(userId, mode, client);
    await deps.audit.record({
      action: 'auth.login',
      result: 'success',
      actor: { type: 'user', id: userId },
      ip: client.ip,
      requestId: client.requestId,
      target: `session:${session.sessionId}`,
      details: { mode, ...details },
    });
    return { user: (await findUserById(deps.db, userId)) as PublicUser, session };
  }

  /**
   * The one second-factor step every sign-in path of a 2FA account goes
   * through. Reaching it means the first factor was right; the lock on wrong
   * codes lives in the TOTP service.
   */
  async function requireSecondFactor(userId: string, request: SecondFactorInput, client: ClientInfo): Promise<void> {
    if (request.totpCode === undefined && request.recoveryCode === undefined) {
      await deps.audit.record({
        action: 'auth.login',
        result: 'denied',
        actor: { type: 'user', id: userId },
        ip: client.ip,
        requestId: client.requestId,
        details: { reason: 'totp_required' },
      });
      throw new AppError(authErrors.totp_required);
    }
    await deps.totp.verify(userId, { totpCode: request.totpCode, recoveryCode: request.recoveryCode }, client);
  }

  return { login, requireSecondFactor, finishSignIn };
}
