import QRCode from 'qrcode';
import { Secret as OtpSecret, TOTP } from 'otpauth';
import type { Principal } from '../access/principal.js';
import type { CurrentSealer } from '../storage/keys/sealed-secrets.js';
import type { Db } from '../db/types.js';
import { AppError } from '../http/app-error.js';
import type { AuditLog } from '../ops/audit.js';
import { authErrors } from './errors.js';
import type { LoginThrottle } from './login-throttle.js';
import { newRecoveryCodes, recoveryCodeHash } from './recovery-codes.js';
import type { ClientInfo } from './session-service.js';
import {
  activatePendingSecret,
  claimTotpStep,
  clearTotp,
  consumeRecoveryCode,
  countUnusedRecoveryCodes,
  readTotpState,
  replaceRecoveryCodes,
  savePendingSecret,
} from './totp-store.js';

const PERIOD_SECONDS = 30;
const ISSUER = 'Sakuga';

export interface SecondFactorInput {
  readonly totpCode?: string | undefined;
  readonly recoveryCode?: string | undefined;
}

export type TotpService = ReturnType<typeof createTotpService>;

/**
 * TOTP (RFC 6238: SHA-1, 6 digits, 30 s, what authenticator apps expect) and
 * recovery codes. Secrets are sealed at rest and bound to their user. A code is
 * accepted for the current step or the one before ([T−1, T]) and never twice:
 * the newest accepted step is claimed atomically. Five wrong codes lock the
 * second-factor step for 15 minutes.
 */
export function createTotpService(deps: { db: Db; sealer: CurrentSealer; throttle: LoginThrottle; audit: AuditLog; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());
  const aad = (userId: string) => `totp:${userId}`;
  const totpFor = (secretBase32: string, label: string) =>
    new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS, secret: OtpSecret.fromBase32(secretBase32) });

  /** The time step a code belongs to, if it is right for T−1 or T; never a future step. */
  function matchingStep(secretBase32: string, code: string, at: Date): number | undefined {
    if (!/^\d{6}$/.test(code)) return undefined;
    const delta = totpFor(secretBase32, '').validate({ token: code, timestamp: at.getTime(), window: 1 });
    if (delta === null || delta > 0) return undefined;
    return Math.floor(at.getTime() / 1000 / PERIOD_SECONDS) + delta;
  }

  const record = (userId: string, action: string, result: 'success' | 'failure' | 'denied', client: ClientInfo, details: Record<string, unknown> = {}) =>
    deps.audit.record({ action, result, actor: { type: 'user', id: userId }, ip: client.ip, requestId: client.requestId, details });

  async function status(userId: string) {
    const state = await readTotpState(deps.db, userId);
    const enabled = state?.totp_enabled_at != null;
    return { enabled, recovery_codes_remaining: enabled ? await countUnusedRecoveryCodes(deps.db, userId) : 0 };
  }

  async function beginSetup(principal: Principal, client: ClientInfo) {
    const state = await readTotpState(deps.db, principal.userId);
    if (state?.totp_enabled_at) throw new AppError(authErrors.totp_already_enabled);
    const secret = new OtpSecret({ size: 20 }).base32; // 160 bits, RFC 4226's recommendation
    await savePendingSecret(deps.db, principal.userId, await deps.sealer.seal(secret, aad(principal.userId)), now().toISOString());
    const uri = totpFor(secret, principal.username).toString();
    await record(principal.userId, 'auth.totp_setup', 'success', client);
    return { secret, otpauth_uri: uri, qr_svg: await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }) };
  }

  async function enable(principal: Principal, code: string, client: ClientInfo): Promise<string[]> {
    const state = await readTotpState(deps.db, principal.userId);
    if (state?.totp_enabled_at) throw new AppError(authErrors.totp_already_enabled);
    if (!state?.totp_pending_sealed) throw new AppError(authErrors.totp_setup_missing);
    const at = now();
    const step = matchingStep(await deps.sealer.open(state.totp_pending_sealed, aad(principal.userId)), code, at);
    if (step === undefined) {
      await record(principal.userId, 'auth.totp_enable', 'failure', client, { reason: 'wrong_code' });
      throw new AppError(authErrors.second_factor_invalid);
    }
    const codes = newRecoveryCodes();
    const activated = await deps.db.transaction().execute(async (trx) => {
      if (!(await activatePendingSecret(trx, principal.userId, state.totp_pending_sealed!, step, at.toISOString()))) return false;
      await replaceRecoveryCodes(trx, principal.userId, codes.map((c) => recoveryCodeHash(c)!), at.toISOString());
      return true;
    });
    if (!activated) throw new AppError(authErrors.totp_setup_missing);
    await record(principal.userId, 'auth.totp_enabled', 'success', client);
    return codes;
  }

  /**
   * Checks a second factor for `userId`: a TOTP code or a recovery code.
   * Throws 429 while locked, 401 on a wrong or replayed code (counted).
   */
  async function verify(userId: string, input: SecondFactorInput, client: ClientInfo): Promise<'totp' | 'recovery_code'> {
    const lockedFor = await deps.throttle.secondFactorLockedFor(userId);
    if (lockedFor > 0) {
      await record(userId, 'auth.second_factor', 'denied', client, { reason: 'locked' });
      throw new AppError(authErrors.second_factor_locked, undefined, { retryAfterSeconds: lockedFor / 1000 });
    }
    const state = await readTotpState(deps.db, userId);
    if (!state?.totp_enabled_at || !state.totp_secret_sealed) throw new AppError(authErrors.totp_not_enabled);
    const at = now();
    let method: 'totp' | 'recovery_code' | undefined;
    if (input.totpCode !== undefined) {
      const step = matchingStep(await deps.sealer.open(state.totp_secret_sealed, aad(userId)), input.totpCode.trim(), at);
      if (step !== undefined && (await claimTotpStep(deps.db, userId, step))) method = 'totp';
    } else if (input.recoveryCode !== undefined) {
      const hash = recoveryCodeHash(input.recoveryCode);
      if (hash && (await consumeRecoveryCode(deps.db, userId, hash, at.toISOString()))) method = 'recovery_code';
    }
    if (!method) {
      const locked = await deps.throttle.recordSecondFactorFailure(userId);
      await record(userId, 'auth.second_factor', 'failure', client, { reason: locked ? 'wrong_code_now_locked' : 'wrong_code' });
      throw new AppError(authErrors.second_factor_invalid);
    }
    await deps.throttle.clearSecondFactor(userId);
    await record(userId, 'auth.second_factor', 'success', client, { method });
    return method;
  }

  async function disable(principal: Principal, input: SecondFactorInput, client: ClientInfo): Promise<void> {
    await verify(principal.userId, input, client);
    await deps.db.transaction().execute((trx) => clearTotp(trx, principal.userId, now().toISOString()));
    await record(principal.userId, 'auth.totp_disabled', 'success', client);
  }

  async function regenerateRecoveryCodes(principal: Principal, client: ClientInfo): Promise<string[]> {
    const state = await readTotpState(deps.db, principal.userId);
    if (!state?.totp_enabled_at) throw new AppError(authErrors.totp_not_enabled);
    const codes = newRecoveryCodes();
    await deps.db.transaction().execute((trx) => replaceRecoveryCodes(trx, principal.userId, codes.map((c) => recoveryCodeHash(c)!), now().toISOString()));
    await record(principal.userId, 'auth.recovery_codes_regenerated', 'success', client);
    return codes;
  }

  return { status, beginSetup, enable, verify, disable, regenerateRecoveryCodes };
}
