import { createHash, hash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A URL-safe random token carrying `bytes` of entropy (default 256 bits). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Hex SHA-256 of a string; what we store instead of a token. */
export function sha256Hex(value: string): string {
  // The one-shot form: it runs on every authenticated request and skips the Hash object.
  return hash('sha256', value, 'hex');
}

/**
 * Compares two secrets without leaking where they differ. Both sides are hashed
 * first so the comparison also hides their lengths (timingSafeEqual needs equal
 * lengths and would otherwise throw, or tempt callers to short-circuit).
 */
export function secretsEqual(a: string, b: string): boolean {
  const left = createHash('sha256').update(a, 'utf8').digest();
  const right = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(left, right);
}
