import { createHmac, hkdfSync } from 'node:crypto';
import type { OidcConfig } from '../config/load.js';
import type { Secret } from '../config/secret.js';
import { secretsEqual } from '../crypto/tokens.js';
import type { Db } from '../db/types.js';
import { AppError } from '../http/app-error.js';
import type { AuditLog } from '../ops/audit.js';
import { authErrors } from './errors.js';
import type { LoginService } from './login-service.js';
import type { LoginThrottle } from './login-throttle.js';
import { createOidcAccounts } from './oidc-accounts.js';
import { createOidcClient, type FlowChecks, type OidcClient, OidcRejected } from './oidc-client.js';
import {
  claimOidcCallback,
  consumeOidcLogin,
  deleteOidcIdentity,
  findPendingOidcLogin,
  hasOtherSignIn,
  insertOidcLogin,
  listOidcIdentities,
  recordOidcUser,
} from './oidc-store.js';
import { NO_PASSWORD } from './passwords.js';
import type { ClientInfo, StartedSession } from './session-service.js';
import { newToken, tokenHash } from './session-tokens.js';
import type { SecondFactorInput } from './totp-service.js';
import type { PublicUser } from './user-store.js';

/** From start to the provider's redirect back: time to sign in at the provider. */
const FLOW_LIFETIME_MS = 10 * 60_000;
/** From the verified callback to the finished sign-in: time to type a 2FA code. */
const SECOND_STEP_MS = 5 * 60_000;
const STARTS_PER_WINDOW = 20;
const START_WINDOW_MS = 10 * 60_000;
/** Longer than any real authorization response; the rest is someone probing. */
const MAX_CALLBACK_QUERY = 4096;

export type OidcService = ReturnType<typeof createOidcService>;

export interface OidcDeps {
  readonly db: Db;
  readonly config: OidcConfig | undefined;
  readonly secretKey: Secret;
  readonly login: LoginService;
  readonly throttle: LoginThrottle;
  readonly audit: AuditLog;
  readonly now?: () => Date;
}

/**
 * Single sign-on with OpenID Connect: authorization code flow with PKCE (S256),
 * state and nonce. Each attempt is bound to the browser that started it by a
 * flow cookie (256 bits, only its hash stored); state, nonce and PKCE verifier
 * are derived from that cookie with the server key, so a callback is accepted
 * only in the browser that began it (no login CSRF) and only once. The
 * verified callback does not sign anyone in by itself: the page it lands on
 * finishes the sign-in through the same second-factor step as every other
 * path, so a 2FA account still gives its code.
 */
export function createOidcService(deps: OidcDeps) {
  const now = deps.now ?? (() => new Date());
  const { config } = deps;
  const client = config ? createOidcClient(config) : undefined;
  const accounts = config ? createOidcAccounts({ db: deps.db, config, audit: deps.audit, now }) : undefined;
  // A key of its own, so these MACs can never stand in for another signature.
  const key = Buffer.from(hkdfSync('sha256', deps.secretKey.reveal(), 'sakuga', 'oidc-flow-v1', 32));
  const derive = (label: string, flow: string) => createHmac('sha256', key).update(`${label}\n${flow}`).digest('base64url');

  function checksFor(flowToken: string): FlowChecks {
    return { state: derive('state', flowToken), nonce: derive('nonce', flowToken), codeVerifier: derive('pkce', flowToken) };
  }

  function enabled(): { client: OidcClient; accounts: NonNullable<typeof accounts> } {
    if (!client || !accounts) throw new AppError(authErrors.oidc_disabled);
    return { client, accounts };
  }

  const record = (action: string, result: 'success' | 'failure' | 'denied', clientInfo: ClientInfo, details: Record<string, unknown>, userId?: string) =>
    deps.audit.record({
      action,
      result,
      actor: userId ? { type: 'user', id: userId } : { type: 'anonymous' },
      ip: clientInfo.ip,
      requestId: clientInfo.requestId,
      details,
    });

  /**
   * Begins an attempt: the flow token for the browser's cookie and the provider
   * URL to send it to. With `linkUserId` (a signed-in person, in sudo mode) the
   * attempt links the provider identity to that account instead of signing in.
   */
  async function start(clientInfo: ClientInfo, linkUserId?: string): Promise<{ flowToken: string; authorizationUrl: string; maxAgeSeconds: number }> {
    const { client: provider } = enabled();
    if (!(await deps.throttle.withinLimit(`oidc-ip:${clientInfo.ip}`, STARTS_PER_WINDOW, START_WINDOW_MS))) {
      await record('auth.oidc_start', 'denied', clientInfo, { reason: 'rate_limited' }, linkUserId);
      throw new AppError(authErrors.rate_limited, undefined, { retryAfterSeconds: START_WINDOW_MS / 1000 });
    }
    const flow = newToken('oidc');
    const authorizationUrl = await provider.authorizationUrl(checksFor(flow.token));
    const at = now();
    await insertOidcLogin(deps.db, {
      id: flow.hash,
      createdAt: at.toISOString(),
      expiresAt: new Date(at.getTime() + FLOW_LIFETIME_MS).toISOString(),
      linkUserId: linkUserId ?? null,
    });
    await record('auth.oidc_start', 'success', clientInfo, { intent: linkUserId ? 'link' : 'sign_in' }, linkUserId);
    return { flowToken: flow.token, authorizationUrl, maxAgeSeconds: FLOW_LIFETIME_MS / 1000 };
  }

  /**
   * The provider's redirect back. `query` is the raw query string. On success
   * the attempt now names the account, and the browser goes on to finish.
   */
  async function callback(flowToken: string | undefined, query: string, clientInfo: ClientInfo): Promise<'sign_in' | 'linked'> {
    const { client: provider, accounts: resolver } = enabled();
    const hash = flowToken === undefined ? undefined : tokenHash('oidc', flowToken);
    const fail = async (reason: string) => {
      await record('auth.oidc_callback', 'denied', clientInfo, { reason });
      return new AppError(authErrors.oidc_flow_invalid);
    };
    if (!flowToken || !hash) throw await fail('no_flow_cookie');
    if (query.length > MAX_CALLBACK_QUERY) throw await fail('query_too_long');
    const checks = checksFor(flowToken);
    // Checked before the attempt is claimed, so a forged redirect cannot burn the real one.
    if (!secretsEqual(new URLSearchParams(query).get('state') ?? '', checks.state)) throw await fail('state_mismatch');
    const at = now();
    const attempt = await claimOidcCallback(deps.db, hash, at.toISOString());
    if (!attempt) throw await fail('unknown_used_or_expired');

    let claims;
    try {
      claims = await provider.exchange(query, checks);
    } catch (error) {
      const reason = error instanceof OidcRejected ? error.reason : 'provider_unavailable';
      await record('auth.oidc_callback', error instanceof OidcRejected ? 'denied' : 'failure', clientInfo, { reason });
      throw error;
    }
    if (attempt.link_user_id) {
      await resolver.linkToSignedIn(attempt.link_user_id, claims, clientInfo);
      return 'linked';
    }
    const userId = await resolver.resolve(claims, clientInfo);
    await recordOidcUser(deps.db, hash, userId, new Date(at.getTime() + SECOND_STEP_MS).toISOString());
    await record('auth.oidc_callback', 'success', clientInfo, { issuer: claims.issuer }, userId);
    return 'sign_in';
  }

  /** Finishes a verified attempt: the second factor for 2FA accounts, then a session, once. */
  async function complete(
    flowToken: string | undefined,
    input: SecondFactorInput & { mode: 'token' | 'cookie' },
    clientInfo: ClientInfo,
  ): Promise<{ user: PublicUser; session: StartedSession }> {
    enabled();
    const hash = flowToken === undefined ? undefined : tokenHash('oidc', flowToken);
    const at = now().toISOString();
    const pending = hash ? await findPendingOidcLogin(deps.db, hash, at) : undefined;
    if (!hash || !pending?.user_id) {
      await record('auth.oidc_complete', 'denied', clientInfo, { reason: 'unknown_used_or_expired' });
      throw new AppError(authErrors.oidc_flow_invalid);
    }
    const userId = pending.user_id;
    if (pending.disabled_at !== null) {
      await record('auth.oidc_complete', 'denied', clientInfo, { reason: 'account_disabled' }, userId);
      throw new AppError(authErrors.oidc_account_disabled);
    }
    // The provider vouches for the first factor only; 2FA accounts give their code here, like everywhere.
    if (pending.totp_enabled_at !== null) await deps.login.requireSecondFactor(userId, input, clientInfo);
    if (!(await consumeOidcLogin(deps.db, hash, at))) {
      await record('auth.oidc_complete', 'denied', clientInfo, { reason: 'already_used' }, userId);
      throw new AppError(authErrors.oidc_flow_invalid);
    }
    return deps.login.finishSignIn(userId, input.mode, clientInfo, { method: 'oidc' });
  }

  /** The provider identities linked to an account. */
  const identities = (userId: string) => listOidcIdentities(deps.db, userId);

  /** Removes one of the caller's links, unless it is their only way in. */
  async function unlink(userId: string, id: string, clientInfo: ClientInfo): Promise<void> {
    const links = await listOidcIdentities(deps.db, userId);
    if (!links.some((link) => link.id === id)) throw new AppError(authErrors.oidc_identity_not_found);
    if (links.length === 1 && !(await hasOtherSignIn(deps.db, userId, NO_PASSWORD))) throw new AppError(authErrors.last_sign_in_method);
    if (!(await deleteOidcIdentity(deps.db, userId, id))) throw new AppError(authErrors.oidc_identity_not_found);
    await record('auth.oidc_unlinked', 'success', clientInfo, { identity: id }, userId);
  }

  return { enabled: config !== undefined, providerName: config?.providerName, start, callback, complete, identities, unlink };
}
