import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { Secret } from '../config/secret.js';
import { randomToken } from '../crypto/tokens.js';

/**
 * Signed double-submit CSRF tokens (OWASP CSRF cheat sheet): a random value
 * plus an HMAC over the session id and that value. A cookie planted by a
 * sibling site cannot carry a valid MAC, and a token from another session does
 * not verify for this one.
 */
export function createCsrfTokens(secretKey: Secret) {
  // A key of its own, derived from the root key, so a CSRF MAC can never be replayed as another signature.
  const key = Buffer.from(hkdfSync('sha256', secretKey.reveal(), 'sakuga', 'csrf-token-v1', 32));
  const mac = (sessionId: string, value: string) => createHmac('sha256', key).update(`${sessionId}\n${value}`).digest();

  return {
    issue(sessionId: string): string {
      const value = randomToken(16);
      return `${value}.${mac(sessionId, value).toString('base64url')}`;
    },

    verify(sessionId: string, token: string): boolean {
      const [value, signature, extra] = token.split('.');
      if (!value || !signature || extra !== undefined) return false;
      const expected = mac(sessionId, value);
      const given = Buffer.from(signature, 'base64url');
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}

export type CsrfTokens = ReturnType<typeof createCsrfTokens>;
