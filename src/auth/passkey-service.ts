import { randomUUID } from 'node:crypto';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { Principal } from '../access/principal.js';
import type { Config } from '../config/load.js';
import type { Db } from '../db/types.js';
import { AppError } from '../http/app-error.js';
import type { AuditLog } from '../ops/audit.js';
import { authErrors } from './errors.js';
import { deletePasskey, findPasskey, insertChallenge, insertPasskey, listPasskeys, recordPasskeyUse, renamePasskey, takeChallenge } from './passkey-store.js';
import type { LoginService } from './login-service.js';
import type { ClientInfo, StartedSession } from './session-service.js';
import { findUserById, type PublicUser } from './user-store.js';

/** Loaded with the first passkey ceremony: the WebAuthn library is large and many servers never use it. */
const webauthn = () => import('@simplewebauthn/server');

const CHALLENGE_TTL_MS = 5 * 60_000;

/** The options go to the browser as they are; the route only needs to know they are JSON. */
const asJson = (options: object) => options as Record<string, unknown>;

export type PasskeyService = ReturnType<typeof createPasskeyService>;

/**
 * Passkeys (WebAuthn, via @simplewebauthn/server). Registration and login both
 * require user verification, so a passkey login is multi-factor on its own
 * (possession plus the device's PIN or biometric) and skips the TOTP step.
 * Challenges are single use and live five minutes; a signature counter that
 * goes backwards marks a cloned authenticator and is refused.
 */
export function createPasskeyService(deps: { db: Db; login: LoginService; audit: AuditLog; webauthn: Config['webauthn']; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());
  const { rpId, rpName, origins } = deps.webauthn;

  const record = (action: string, result: 'success' | 'failure' | 'denied', userId: string | undefined, client: ClientInfo, details: Record<string, unknown> = {}) =>
    deps.audit.record({ action, result, actor: userId ? { type: 'user', id: userId } : { type: 'anonymous' }, ip: client.ip, requestId: client.requestId, details });

  async function storeChallenge(challenge: string, purpose: 'register' | 'login' | 'reauth', userId: string | null): Promise<string> {
    const id = randomUUID();
    await insertChallenge(deps.db, { id, challenge, purpose, user_id: userId, expires_at: new Date(now().getTime() + CHALLENGE_TTL_MS).toISOString() });
    return id;
  }

  async function registrationOptions(principal: Principal) {
    const existing = await listPasskeys(deps.db, principal.userId);
    const options = await (await webauthn()).generateRegistrationOptions({
      rpName,
      rpID: rpId,
      userName: principal.username,
      userID: new TextEncoder().encode(principal.userId),
      attestationType: 'none',
      excludeCredentials: existing.map((key) => ({ id: key.id })),
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    });
    return { challenge_id: await storeChallenge(options.challenge, 'register', principal.userId), options: asJson(options) };
  }

  async function register(principal: Principal, input: { challengeId: string; response: RegistrationResponseJSON; name?: string | undefined }, client: ClientInfo) {
    const challenge = await takeChallenge(deps.db, input.challengeId, 'register', now().toISOString());
    if (!challenge || challenge.user_id !== principal.userId) throw new AppError(authErrors.webauthn_failed);
    const verification = await (await webauthn()).verifyRegistrationResponse({
      response: input.response,
      expectedChallenge: challenge.challenge,
      expectedOrigin: [...origins],
      expectedRPID: rpId,
      requireUserVerification: true,
    }).catch(() => undefined);
    if (!verification?.verified) {
      await record('auth.passkey_added', 'failure', principal.userId, client);
      throw new AppError(authErrors.webauthn_failed);
    }
    const { credential } = verification.registrationInfo;
    const at = now().toISOString();
    const name = input.name ?? `Passkey ${at.slice(0, 10)}`;
    await insertPasskey(deps.db, {
      id: credential.id,
      user_id: principal.userId,
      name,
      public_key: Buffer.from(credential.publicKey).toString('base64url'),
      counter: credential.counter,
      transports: credential.transports?.join(',') ?? null,
      created_at: at,
      last_used_at: null,
    });
    await record('auth.passkey_added', 'success', principal.userId, client, { passkey: credential.id, name });
    return { id: credential.id, name, created_at: at };
  }

  async function loginOptions() {
    const options = await (await webauthn()).generateAuthenticationOptions({ rpID: rpId, userVerification: 'required', allowCredentials: [] });
    return { challenge_id: await storeChallenge(options.challenge, 'login', null), options: asJson(options) };
  }

  /**
   * Checks an assertion against a stored challenge and the passkey it names;
   * returns the passkey's (enabled) user. For re-authentication the challenge
   * and the passkey must belong to `expectedUserId`.
   */
  async function verifyAssertion(
    purpose: 'login' | 'reauth',
    input: { challengeId: string; response: AuthenticationResponseJSON },
    client: ClientInfo,
    expectedUserId?: string,
  ): Promise<PublicUser> {
    const challenge = await takeChallenge(deps.db, input.challengeId, purpose, now().toISOString());
    const passkey = challenge ? await findPasskey(deps.db, input.response.id) : undefined;
    const user = passkey ? await findUserById(deps.db, passkey.user_id) : undefined;
    const handleMatches = !input.response.response.userHandle || Buffer.from(input.response.response.userHandle, 'base64url').toString() === passkey?.user_id;
    const ownerMatches = expectedUserId === undefined || (challenge?.user_id === expectedUserId && passkey?.user_id === expectedUserId);
    if (!challenge || !passkey || !user || user.disabled_at !== null || !handleMatches || !ownerMatches) {
      await record('auth.passkey_used', 'denied', user?.id, client, { reason: 'unknown_challenge_or_passkey' });
      throw new AppError(authErrors.webauthn_failed);
    }
    let verification;
    try {
      verification = await (await webauthn()).verifyAuthenticationResponse({
        response: input.response,
        expectedChallenge: challenge.challenge,
        expectedOrigin: [...origins],
        expectedRPID: rpId,
        credential: { id: passkey.id, publicKey: Buffer.from(passkey.public_key, 'base64url'), counter: passkey.counter },
        requireUserVerification: true,
      });
    } catch (error) {
      const cloned = /counter/i.test((error as Error).message);
      await record('auth.passkey_used', 'denied', user.id, client, { passkey: passkey.id, reason: cloned ? 'counter_went_backwards' : 'bad_assertion' });
      throw new AppError(authErrors.webauthn_failed);
    }
    if (!verification.verified) throw new AppError(authErrors.webauthn_failed);
    await recordPasskeyUse(deps.db, passkey.id, verification.authenticationInfo.newCounter, now().toISOString());
    return user;
  }

  async function login(
    input: { challengeId: string; response: AuthenticationResponseJSON; mode: 'token' | 'cookie' },
    client: ClientInfo,
  ): Promise<{ user: PublicUser; session: StartedSession }> {
    const user = await verifyAssertion('login', input, client);
    return deps.login.finishSignIn(user.id, input.mode, client, { method: 'passkey', passkey: input.response.id });
  }

  /** Options for proving presence again (sudo mode) with one of the caller's own passkeys. */
  async function reauthOptions(principal: Principal) {
    const existing = await listPasskeys(deps.db, principal.userId);
    if (existing.length === 0) throw new AppError(authErrors.passkey_not_found);
    const options = await (await webauthn()).generateAuthenticationOptions({
      rpID: rpId,
      userVerification: 'required',
      allowCredentials: existing.map((key) => ({ id: key.id })),
    });
    return { challenge_id: await storeChallenge(options.challenge, 'reauth', principal.userId), options: asJson(options) };
  }

  async function verifyForReauth(principal: Principal, input: { challengeId: string; response: AuthenticationResponseJSON }, client: ClientInfo) {
    await verifyAssertion('reauth', input, client, principal.userId);
  }

  async function rename(principal: Principal, id: string, name: string): Promise<void> {
    if (!(await renamePasskey(deps.db, principal.userId, id, name))) throw new AppError(authErrors.passkey_not_found);
  }

  async function remove(principal: Principal, id: string, client: ClientInfo): Promise<void> {
    if (!(await deletePasskey(deps.db, principal.userId, id))) throw new AppError(authErrors.passkey_not_found);
    await record('auth.passkey_removed', 'success', principal.userId, client, { passkey: id });
  }

  return { registrationOptions, register, loginOptions, login, reauthOptions, verifyForReauth, list: (userId: string) => listPasskeys(deps.db, userId), rename, remove };
}
