import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Cookie names. Over HTTPS they carry the `__Host-` prefix, which browsers
 * accept only with Secure, Path=/ and no Domain, so a sibling subdomain cannot
 * plant or overwrite them (RFC 6265bis §4.1.3.2).
 */
export function cookieNames(secure: boolean): { session: string; csrf: string } {
  return secure ? { session: '__Host-sakuga_session', csrf: '__Host-sakuga_csrf' } : { session: 'sakuga_session', csrf: 'sakuga_csrf' };
}

export function readSessionCookie(request: FastifyRequest, secure: boolean): string | undefined {
  return request.cookies[cookieNames(secure).session];
}

export function readCsrfCookie(request: FastifyRequest, secure: boolean): string | undefined {
  return request.cookies[cookieNames(secure).csrf];
}

export function setSessionCookies(reply: FastifyReply, values: { token: string; csrf: string; expiresAt: Date; secure: boolean }): void {
  const names = cookieNames(values.secure);
  const common = { path: '/', secure: values.secure, sameSite: 'lax' as const, expires: values.expiresAt };
  void reply.setCookie(names.session, values.token, { ...common, httpOnly: true });
  // HttpOnly too: the page learns the token from the sign-in reply or GET /api/auth/me
  // and echoes it in X-CSRF-Token, so no script ever needs to read a cookie.
  void reply.setCookie(names.csrf, values.csrf, { ...common, httpOnly: true });
}

/** Sets the CSRF cookie alone, for a session whose cookie went missing. */
export function setCsrfCookie(reply: FastifyReply, values: { csrf: string; expiresAt: Date; secure: boolean }): void {
  void reply.setCookie(cookieNames(values.secure).csrf, values.csrf, {
    path: '/',
    secure: values.secure,
    sameSite: 'lax',
    expires: values.expiresAt,
    httpOnly: true,
  });
}

export function clearSessionCookies(reply: FastifyReply, secure: boolean): void {
  const names = cookieNames(secure);
  void reply.clearCookie(names.session, { path: '/', secure, sameSite: 'lax', httpOnly: true });
  void reply.clearCookie(names.csrf, { path: '/', secure, sameSite: 'lax', httpOnly: true });
}

/** The single sign-on flow cookie: binds one attempt to the browser that started it. */
function oidcFlowCookieName(secure: boolean): string {
  return secure ? '__Host-sakuga_oidc' : 'sakuga_oidc';
}

export function readOidcFlowCookie(request: FastifyRequest, secure: boolean): string | undefined {
  return request.cookies[oidcFlowCookieName(secure)];
}

/** SameSite=Lax: the provider's redirect back is a top-level GET from another site, which Lax lets through. */
export function setOidcFlowCookie(reply: FastifyReply, value: string, maxAgeSeconds: number, secure: boolean): void {
  void reply.setCookie(oidcFlowCookieName(secure), value, { path: '/', secure, sameSite: 'lax', httpOnly: true, maxAge: maxAgeSeconds });
}

export function clearOidcFlowCookie(reply: FastifyReply, secure: boolean): void {
  void reply.clearCookie(oidcFlowCookieName(secure), { path: '/', secure, sameSite: 'lax', httpOnly: true });
}
