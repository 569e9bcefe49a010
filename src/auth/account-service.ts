import type { Principal, SessionPrincipal } from '../access/principal.js';
import type { Db } from '../db/types.js';
import { AppError } from '../http/app-error.js';
import type { AuditLog } from '../ops/audit.js';
import { authErrors } from './errors.js';
import type { LoginThrottle } from './login-throttle.js';
import type { PasswordService } from './passwords.js';
import type { TotpService } from './totp-service.js';
import type { PasskeyService } from './passkey-service.js';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { ClientInfo, SessionService } from './session-service.js';
import { markReauthenticated } from './session-store.js';
import { findCredentials, updatePasswordHash } from './user-store.js';

export type AccountService = ReturnType<typeof createAccountService>;

export type ReauthProof =
  | { readonly password: string }
  | { readonly totpCode: string }
  | { readonly passkey: { readonly challengeId: string; readonly response: AuthenticationResponseJSON } };

/**
 * What a signed-in person does to their own account with a credential in hand:
 * re-authenticate for sudo mode, change their password. Wrong passwords here
 * count toward the same throttle as sign-in, so a stolen session cannot be used
 * to guess the password at leisure.
 */
export function createAccountService(deps: {
  db: Db;
  passwords: PasswordService;
  sessions: SessionService;
  throttle: LoginThrottle;
  totp: TotpService;
  passkeys: PasskeyService;
  audit: AuditLog;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());

  async function proveOwnPassword(principal: Principal, password: string, client: ClientInfo, action: string) {
    const verdict = await deps.throttle.check(principal.username, client.ip);
    if (!verdict.allowed) throw new AppError(authErrors.login_throttled, undefined, { retryAfterSeconds: verdict.retryAfterMs / 1000 });
    const account = await findCredentials(deps.db, principal.username);
    if (!account || !(await deps.passwords.verify(account.password_hash, password))) {
      await deps.throttle.recordFailure(principal.username, client.ip);
      await deps.audit.record({
        action,
        result: 'failure',
        actor: { type: 'user', id: principal.userId },
        ip: client.ip,
        requestId: client.requestId,
        details: { reason: 'wrong_password' },
      });
      throw new AppError(authErrors.password_incorrect);
    }
    return account;
  }

  /** Sudo mode from the password, a TOTP code (2FA accounts) or one of the caller's passkeys. */
  async function reauthenticate(principal: SessionPrincipal, proof: ReauthProof, client: ClientInfo): Promise<void> {
    if ('password' in proof) await proveOwnPassword(principal, proof.password, client, 'auth.reauth');
    else if ('totpCode' in proof) await deps.totp.verify(principal.userId, { totpCode: proof.totpCode }, client);
    else await deps.passkeys.verifyForReauth(principal, proof.passkey, client);
    await markReauthenticated(deps.db, principal.sessionId, now().toISOString());
    await deps.audit.record({ action: 'auth.reauth', result: 'success', actor: { type: 'user', id: principal.userId }, ip: client.ip, requestId: client.requestId });
  }

  /** Changes the password; other sessions end unless `keepOtherSessions`. Returns how many ended. */
  async function changePassword(
    principal: SessionPrincipal,
    input: { currentPassword: string; newPassword: string; keepOtherSessions: boolean },
    client: ClientInfo,
  ): Promise<number> {
    const account = await proveOwnPassword(principal, input.currentPassword, client, 'auth.password_change');
    const normalised = deps.passwords.validate(input.newPassword, { username: account.username, secondFactor: account.totp_enabled_at !== null });
    const at = now().toISOString();
    await updatePasswordHash(deps.db, principal.userId, await deps.passwords.hash(normalised), at);
    await markReauthenticated(deps.db, principal.sessionId, at);
    const ended = input.keepOtherSessions ? 0 : await deps.sessions.endAllOfUser(principal.userId, 'password_changed', principal.sessionId);
    await deps.audit.record({
      action: 'auth.password_change',
      result: 'success',
      actor: { type: 'user', id: principal.userId },
      ip: client.ip,
      requestId: client.requestId,
      details: { other_sessions_ended: ended },
    });
    return ended;
  }

  /** Checks the caller's own password (throttled, audited) without changing anything. */
  async function provePassword(principal: Principal, password: string, client: ClientInfo, action: string): Promise<void> {
    await proveOwnPassword(principal, password, client, action);
  }

  return { reauthenticate, changePassword, provePassword };
}
