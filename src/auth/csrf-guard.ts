import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../http/app-error.js';
import { isServedOverHttps } from '../http/https.js';
import type { AuditLog } from '../ops/audit.js';
import { secretsEqual } from '../crypto/tokens.js';
import { readCsrfCookie } from './cookies.js';
import type { CsrfTokens } from './csrf.js';
import { authErrors } from './errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface CsrfGuardDeps {
  readonly csrf: CsrfTokens;
  readonly audit: AuditLog;
  readonly publicUrl: string | undefined;
  readonly corsOrigins: readonly string[];
}

/**
 * Two layers for state-changing requests. Any browser request from a foreign
 * origin is refused (Origin, else Sec-Fetch-Site), which also covers sign-in
 * (login CSRF). Cookie-authenticated requests must in addition echo the signed
 * CSRF token from its cookie in X-CSRF-Token, and it must verify for this
 * session. Bearer requests need neither: browsers never attach those on their own.
 */
export function registerCsrfGuard(app: FastifyInstance, deps: CsrfGuardDeps): void {
  const allowed = new Set(deps.corsOrigins);
  if (deps.publicUrl) allowed.add(new URL(deps.publicUrl).origin);

  app.addHook('onRequest', async function csrfGuard(request) {
    if (SAFE_METHODS.has(request.method)) return;
    const problem = crossSiteProblem(request, allowed) ?? tokenProblem(request, deps);
    if (!problem) return;
    await deps.audit.record({
      action: 'auth.csrf_failed',
      result: 'denied',
      actor: request.principal ? { type: 'user', id: request.principal.userId } : { type: 'anonymous' },
      ip: request.ip,
      requestId: request.id,
      target: `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`,
      details: { reason: problem },
    });
    throw new AppError(authErrors.csrf_failed);
  });
}

function crossSiteProblem(request: FastifyRequest, allowed: ReadonlySet<string>): string | undefined {
  const origin = request.headers.origin;
  if (origin !== undefined) {
    const own = `${request.protocol}://${request.host}`;
    return origin === own || allowed.has(origin) ? undefined : 'foreign_origin';
  }
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return 'cross_site_fetch';
  return undefined;
}

function tokenProblem(request: FastifyRequest, deps: CsrfGuardDeps): string | undefined {
  const principal = request.principal;
  if (principal?.via !== 'cookie') return undefined;
  // Public routes (sign-in, setup) act on no session's authority; the origin check above covers them.
  if (request.routeOptions.config?.permission === 'public') return undefined;
  const header = request.headers['x-csrf-token'];
  if (typeof header !== 'string' || header === '') return 'missing_token';
  const cookie = readCsrfCookie(request, isServedOverHttps(request, deps.publicUrl));
  if (!cookie || !secretsEqual(header, cookie)) return 'token_mismatch';
  return deps.csrf.verify(principal.sessionId, header) ? undefined : 'bad_signature';
}
