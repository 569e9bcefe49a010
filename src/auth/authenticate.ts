import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from '../access/principal.js';
import { AppError } from '../http/app-error.js';
import { isServedOverHttps } from '../http/https.js';
import { readSessionCookie } from './cookies.js';
import { authErrors } from './errors.js';
import type { SessionService } from './session-service.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by authentication for every request; null when anonymous. */
    principal: Principal | null;
  }
}

/**
 * The one place credentials are read: a bearer access token, else the session
 * cookie. A present but invalid Authorization header is refused outright rather
 * than falling back to the cookie, so a client learns its token is dead. The
 * session id is never taken from a query string or a body.
 */
export function registerAuthentication(app: FastifyInstance, deps: { sessions: SessionService; publicUrl: string | undefined }): void {
  app.decorateRequest('principal', null);

  app.addHook('onRequest', async function authenticate(request) {
    request.principal = await principalOf(request, deps);
  });
}

async function principalOf(request: FastifyRequest, deps: { sessions: SessionService; publicUrl: string | undefined }) {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(authorization);
    const principal = match ? await deps.sessions.authenticate('bearer', match[1]!, request.ip) : undefined;
    if (!principal) throw new AppError(authErrors.invalid_token);
    return principal;
  }
  const cookie = readSessionCookie(request, isServedOverHttps(request, deps.publicUrl));
  if (cookie) return (await deps.sessions.authenticate('cookie', cookie, request.ip)) ?? null;
  return null;
}
