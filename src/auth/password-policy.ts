import { AppError } from '../http/app-error.js';
import { authErrors } from './errors.js';

/** NIST SP 800-63B: length over composition; 15 for an account without 2FA. */
export const MIN_PASSWORD_LENGTH = 15;
export const MAX_PASSWORD_LENGTH = 256;

/**
 * Normalises (NFKC, so the same password typed on a phone and a laptop hashes the
 * same) and checks a new password. Lengths count characters, not bytes, and
 * nothing is ever truncated. Throws AppError with a reason code.
 */
export function checkNewPassword(password: string, username: string): string {
  const normalised = password.normalize('NFKC');
  const length = [...normalised].length;
  if (length < MIN_PASSWORD_LENGTH) throw new AppError(authErrors.password_too_short);
  if (length > MAX_PASSWORD_LENGTH) throw new AppError(authErrors.password_too_long);
  const lowered = normalised.toLowerCase();
  if (lowered.includes(username.toLowerCase()) || lowered.includes('sakuga')) {
    throw new AppError(authErrors.password_guessable);
  }
  return normalised;
}

const USERNAME = /^[a-z0-9](?:[a-z0-9._-]{1,30})[a-z0-9]$/;

/** Usernames are case-insensitive: stored lower-cased after NFKC. */
export function normaliseUsername(username: string): string {
  const normalised = username.normalize('NFKC').toLowerCase();
  if (!USERNAME.test(normalised)) throw new AppError(authErrors.username_invalid);
  return normalised;
}
