/** Codes that mean "this browser has no session any more", unlike a wrong password. */
const SESSION_LOST = new Set(['unauthenticated', 'invalid_token']);

/**
 * Public routes that check a credential of their own (a mailed link, a QR
 * request's poll token, a passkey): their 401 invalid_token says that
 * credential is spent, not that this browser's session ended, so the page
 * explains it instead of being sent to sign in.
 */
const OWN_CREDENTIAL = [/^\/api\/auth\/magic-link\/verify$/, /^\/api\/auth\/email\/confirm$/, /^\/api\/auth\/oidc\/complete$/, /^\/api\/auth\/passkeys\/login\/verify$/, /^\/api\/auth\/qr\/[^/]+$/];

/** Whether a 401 with this code, from this API path, means the session is gone. */
export function meansSessionLost(pathname: string, code: string | undefined): boolean {
  if (pathname === '/api/auth/me' || OWN_CREDENTIAL.some((path) => path.test(pathname))) return false;
  return SESSION_LOST.has(code ?? '');
}
