import { createHmac, hash, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { Secret } from '../config/secret.js';

/**
 * Signed URLs for clients that cannot send headers (VLC, `<video src>`,
 * download links). The signature is an HMAC-SHA256 over the method, the path
 * with any other query, the user, what minted it (a session or a key) and the
 * expiry, under a key derived from the server key; the URL carries a key id,
 * so a rotated server key ends every URL signed before. The signature
 * parameters come last and are stripped before checking, so nothing can be
 * appended to a signed URL.
 */
const TAIL = /(?:^|&)sig_exp=(\d{1,12})&sig_uid=([A-Za-z0-9-]{1,64})&sig_by=([sk]:[A-Za-z0-9-]{1,64})&sig_kid=([0-9a-f]{8})&sig=([A-Za-z0-9_-]{43})$/;

export interface UrlClaims {
  readonly userId: string;
  /** `s:<session id>` or `k:<key id>`: the URL dies with it. */
  readonly binder: string;
  /** Unix seconds. */
  readonly expiresAt: number;
}

export type UrlCheck = { readonly ok: true; readonly claims: UrlClaims } | { readonly ok: false; readonly reason: 'malformed' | 'other_key' | 'bad_signature' | 'expired' };

export type UrlSigner = ReturnType<typeof createUrlSigner>;

export function createUrlSigner(secretKey: Secret) {
  const key = Buffer.from(hkdfSync('sha256', secretKey.reveal(), 'sakuga', 'signed-url-v1', 32));
  const keyId = hash('sha256', key, 'hex').slice(0, 8);
  // HEAD is how players probe a GET; one signature serves both.
  const canonicalMethod = (method: string) => (method === 'HEAD' ? 'GET' : method);
  const mac = (method: string, resource: string, claims: UrlClaims) =>
    createHmac('sha256', key).update(['v1', canonicalMethod(method), resource, claims.userId, claims.binder, String(claims.expiresAt)].join('\n')).digest();

  /** `resource` is a path with its own query, if any; returns it with the signature appended. */
  function sign(method: string, resource: string, claims: UrlClaims): string {
    const signature = mac(method, resource, claims).toString('base64url');
    const tail = `sig_exp=${claims.expiresAt}&sig_uid=${claims.userId}&sig_by=${claims.binder}&sig_kid=${keyId}&sig=${signature}`;
    return `${resource}${resource.includes('?') ? '&' : '?'}${tail}`;
  }

  /** Whether a request URL carries signature parameters at all. */
  const isSigned = (url: string) => /[?&]sig=/.test(url);

  function verify(method: string, url: string, nowSeconds: number): UrlCheck {
    const [path = '', query = ''] = splitOnce(url, '?');
    const match = TAIL.exec(query);
    if (!match) return { ok: false, reason: 'malformed' };
    const [, exp, userId, binder, kid, signature] = match as unknown as [string, string, string, string, string, string];
    if (kid !== keyId) return { ok: false, reason: 'other_key' };
    const rest = query.slice(0, match.index);
    const resource = rest ? `${path}?${rest}` : path;
    const claims = { userId, binder, expiresAt: Number(exp) };
    const expected = mac(method, resource, claims);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
    if (claims.expiresAt <= nowSeconds) return { ok: false, reason: 'expired' };
    return { ok: true, claims };
  }

  return { sign, verify, isSigned };
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}
