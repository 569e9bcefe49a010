import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApiKeyService } from '../access/api-key-service.js';
import type { RequestSigning } from '../access/signed-requests.js';
import type { SignedUrlService } from '../access/signed-url-service.js';
import type { AuditLog } from '../ops/audit.js';
import type { Principal } from '../access/principal.js';
import { AppError } from '../http/app-error.js';
import { isServedOverHttps } from '../http/https.js';
import { readSessionCookie } from './cookies.js';
import { authErrors } from './errors.js';
import { legacyTokenPrincipal } from './legacy-token.js';
import type { SessionService } from './session-service.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by authentication for every request; null when anonymous. */
    principal: Principal | null;
  }
}

export interface AuthenticationDeps {
  readonly sessions: SessionService;
  readonly apiKeys: ApiKeyService;
  readonly signedUrls: SignedUrlService;
  readonly requestSigning: RequestSigning;
  readonly audit: AuditLog;
  readonly publicUrl: string | undefined;
  readonly allowLegacyTokenLogin: boolean;
}

const BEARER = /^Bearer ([A-Za-z0-9_-]{1,200})$/;

/**
 * The one place credentials are read: an API key (`Authorization: Bearer sk_…`
 * or `X-Api-Key`), a bearer access token, a signed URL, else the session
 * cookie. A present but invalid credential is refused outright rather than
 * falling back to the cookie, so a client learns its token is dead. Nothing
 * else is ever taken from a query string (the legacy `?token=` only when an
 * operator turns it on), and nothing from a body.
 */
export function registerAuthentication(app: FastifyInstance, deps: AuthenticationDeps): void {
  app.decorateRequest('principal', null);

  app.addHook('onRequest', async function authenticate(request) {
    request.principal = await principalOf(request, deps);
  });
}

async function principalOf(request: FastifyRequest, deps: AuthenticationDeps): Promise<Principal | null> {
  const authorization = request.headers.authorization;
  const apiKey = request.headers['x-api-key'];
  // Two credentials at once is a client bug or a confusion attempt; neither wins.
  if (authorization !== undefined && apiKey !== undefined) throw new AppError(authErrors.invalid_token);
  const client = { ip: request.ip, requestId: request.id };
  if (apiKey !== undefined) {
    // A key named by id alone signs its request instead of sending its secret.
    if (typeof apiKey === 'string' && /^sk_[0-9a-f]{16}$/.test(apiKey)) return deps.requestSigning.begin(request, apiKey);
    const principal = typeof apiKey === 'string' ? await deps.apiKeys.authenticate(apiKey, client) : undefined;
    if (!principal) throw new AppError(authErrors.invalid_token);
    return principal;
  }
  if (authorization !== undefined) {
    const token = BEARER.exec(authorization)?.[1];
    const principal = !token
      ? undefined
      : token.startsWith('sk_')
        ? await deps.apiKeys.authenticate(token, client)
        : await deps.sessions.authenticate('bearer', token, request.ip);
    if (!principal) throw new AppError(authErrors.invalid_token);
    return principal;
  }
  if (deps.signedUrls.isSigned(request.url)) return deps.signedUrls.resolve(request.method, request.url, client);
  if (deps.allowLegacyTokenLogin) {
    const legacy = await legacyTokenPrincipal(request, deps);
    if (legacy) return legacy;
  }
  const cookie = readSessionCookie(request, isServedOverHttps(request, deps.publicUrl));
  if (cookie) return (await deps.sessions.authenticate('cookie', cookie, request.ip)) ?? null;
  return null;
}
