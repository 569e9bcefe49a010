import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { meansSessionLost } from './session-lost';

/**
 * The one API client. Cookie sessions: the browser sends the HttpOnly session
 * cookie by itself; this adds the CSRF token to every state-changing request
 * (the server answers 403 csrf_failed without it) and reports a lost session
 * so the app can send the person to sign in and back.
 */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

let csrfToken: string | undefined;
let onSessionLost: () => void = () => {};

/** Set from the sign-in reply or GET /api/auth/me; cleared on sign-out. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Headers for requests made outside openapi-fetch (tus uploads). */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

export function whenSessionLost(handler: () => void): void {
  onSessionLost = handler;
}

const sessionMiddleware: Middleware = {
  onRequest({ request }) {
    if (!SAFE_METHODS.has(request.method) && csrfToken) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
  async onResponse({ request, response }) {
    if (response.status !== 401) return response;
    const body: unknown = await response
      .clone()
      .json()
      .catch(() => undefined);
    if (meansSessionLost(new URL(request.url).pathname, errorCode(body))) onSessionLost();
    return response;
  },
};
api.use(sessionMiddleware);

function errorCode(body: unknown): string | undefined {
  const error = (body as { error?: { code?: unknown } } | undefined)?.error;
  return typeof error?.code === 'string' ? error.code : undefined;
}
