import type { FastifyReply, FastifyRequest } from 'fastify';
import { isServedOverHttps } from '../http/https.js';
import { userView } from '../users/routes.js';
import type { PublicUser } from './user-store.js';
import { setSessionCookies } from './cookies.js';
import type { CsrfTokens } from './csrf.js';
import type { StartedSession } from './session-service.js';

/**
 * The answer to any successful sign-in (password, magic link, …): tokens in
 * token mode; in cookie mode the session and CSRF cookies plus the CSRF token.
 */
export function sessionReply(
  request: FastifyRequest,
  reply: FastifyReply,
  started: { user: PublicUser; session: StartedSession },
  deps: { csrf: CsrfTokens; publicUrl: string | undefined },
) {
  const { user, session } = started;
  if (session.mode === 'token') return { ...session.tokens, user: userView(user) };
  const csrfToken = deps.csrf.issue(session.sessionId);
  setSessionCookies(reply, {
    token: session.cookieToken,
    csrf: csrfToken,
    expiresAt: session.expiresAt,
    secure: isServedOverHttps(request, deps.publicUrl),
  });
  return { user: userView(user), csrf_token: csrfToken };
}
