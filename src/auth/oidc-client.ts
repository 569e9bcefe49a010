import type * as OidcLibrary from 'openid-client';
import type { OidcConfig } from '../config/load.js';
import { AppError } from '../http/app-error.js';
import { authErrors } from './errors.js';

/** Seconds any request to the provider may take. */
const PROVIDER_TIMEOUT_S = 10;

/** What Sakuga takes from a verified ID token (and the userinfo endpoint). */
export interface OidcClaims {
  readonly issuer: string;
  readonly subject: string;
  readonly email: string | undefined;
  /** Only a JSON `true` from the provider counts. */
  readonly emailVerified: boolean;
  readonly preferredUsername: string | undefined;
  readonly name: string | undefined;
}

/** The per-attempt secrets: random state, nonce and PKCE verifier (RFC 7636). */
export interface FlowChecks {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

/** Why the provider's answer was not accepted; goes to the audit log, never to the client. */
export class OidcRejected extends AppError {
  constructor(readonly reason: string) {
    super(authErrors.oidc_rejected);
  }
}

export type OidcClient = ReturnType<typeof createOidcClient>;

/** The library, loaded on first use, and the provider's configuration it discovered. */
interface Discovered {
  readonly oidc: typeof OidcLibrary;
  readonly ready: OidcLibrary.Configuration;
}

/**
 * The relying-party side of OpenID Connect, on openid-client: discovery (lazy,
 * retried after a failure, so a provider that is down at boot does not stop
 * Sakuga), the authorization URL with PKCE S256 + state + nonce, and the code
 * exchange, whose ID token openid-client verifies (signature, issuer,
 * audience, expiry, nonce) before any claim is read.
 */
export function createOidcClient(config: OidcConfig) {
  let configuration: Promise<Discovered> | undefined;
  // Only loopback issuers may be http (checked in config); they need the library's opt-in.
  const insecure = new URL(config.issuer).protocol === 'http:';

  async function discover(): Promise<Discovered> {
    // Loaded with the first sign-in, not at boot: most servers have no single sign-on.
    const oidc = await import('openid-client');
    const execute = insecure ? [oidc.allowInsecureRequests] : [];
    const discovered = await oidc.discovery(new URL(config.issuer), config.clientId, undefined, oidc.None(), { execute, timeout: PROVIDER_TIMEOUT_S });
    const server = discovered.serverMetadata();
    const secret = config.clientSecret?.reveal();
    // client_secret_basic is the OpenID Connect default; post only where basic is not offered.
    const supported = server.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
    const auth = secret === undefined ? oidc.None() : supported.includes('client_secret_basic') ? oidc.ClientSecretBasic(secret) : oidc.ClientSecretPost(secret);
    const ready = new oidc.Configuration(server, config.clientId, undefined, auth);
    ready.timeout = PROVIDER_TIMEOUT_S;
    for (const step of execute) step(ready);
    return { oidc, ready };
  }

  function current(): Promise<Discovered> {
    configuration ??= discover().catch((error: unknown) => {
      configuration = undefined;
      throw unavailable(error);
    });
    return configuration;
  }

  /** Where to send the browser to sign in at the provider. */
  async function authorizationUrl(checks: FlowChecks): Promise<string> {
    const { oidc, ready } = await current();
    return oidc
      .buildAuthorizationUrl(ready, {
        redirect_uri: config.redirectUri,
        scope: config.scopes.join(' '),
        response_type: 'code',
        state: checks.state,
        nonce: checks.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
        code_challenge_method: 'S256',
      })
      .toString();
  }

  /**
   * Validates the redirect the provider sent the browser back with and trades
   * its code for tokens. `query` is the callback's raw query string.
   */
  async function exchange(query: string, checks: FlowChecks): Promise<OidcClaims> {
    const { oidc, ready } = await current();
    const callbackUrl = new URL(`${config.redirectUri}?${query}`);
    let tokens: Awaited<ReturnType<typeof OidcLibrary.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(ready, callbackUrl, {
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        pkceCodeVerifier: checks.codeVerifier,
        idTokenExpected: true,
      });
    } catch (error) {
      throw classify(oidc, error);
    }
    const idToken = tokens.claims();
    if (!idToken) throw new OidcRejected('no_id_token');
    let claims: Record<string, unknown> = idToken;
    // Many providers keep email and username out of the ID token; userinfo has them.
    if ((idToken.email === undefined || idToken.preferred_username === undefined) && ready.serverMetadata().userinfo_endpoint) {
      try {
        claims = { ...(await oidc.fetchUserInfo(ready, tokens.access_token, idToken.sub)), ...idToken };
      } catch (error) {
        throw classify(oidc, error);
      }
    }
    return {
      issuer: idToken.iss,
      subject: idToken.sub,
      email: typeof claims.email === 'string' ? claims.email : undefined,
      emailVerified: claims.email_verified === true,
      preferredUsername: typeof claims.preferred_username === 'string' ? claims.preferred_username : undefined,
      name: typeof claims.name === 'string' ? claims.name : undefined,
    };
  }

  return { authorizationUrl, exchange };
}

function unavailable(error: unknown): AppError {
  return error instanceof AppError ? error : new AppError(authErrors.oidc_provider_unavailable);
}

/** A provider that answered but whose answer failed a check, versus one we could not reach. */
function classify(oidc: typeof OidcLibrary, error: unknown): AppError {
  if (error instanceof oidc.AuthorizationResponseError) return new OidcRejected(`provider_error:${auditable(error.error)}`);
  if (error instanceof oidc.ResponseBodyError) return new OidcRejected(`token_endpoint:${auditable(error.error)}`);
  if (error instanceof oidc.ClientError) return new OidcRejected(auditable(error.code ?? 'client_error'));
  return unavailable(error);
}

/** Error codes come from the provider (or a forged redirect): keep them short and plain before logging. */
function auditable(code: string): string {
  return code.replace(/[^\w.-]/g, '').slice(0, 64) || 'unknown';
}
