import { dictionary } from '@zxcvbn-ts/language-common';
import { AppError } from '../http/app-error.js';
import { authErrors } from './errors.js';

/** NIST SP 800-63B: length over composition; 15 for an account without 2FA, 8 with it. */
export const MIN_LENGTH_WITHOUT_2FA = 15;
export const MIN_LENGTH_WITH_2FA = 8;
export const MIN_LENGTH_COMPOSITION = 8;
/** Long passphrases are welcome; the cap only bounds hashing work. */
export const MAX_PASSWORD_LENGTH = 1024;

export interface PasswordContext {
  readonly username: string;
  /** The account has (or is required to have) a second factor. */
  readonly secondFactor?: boolean;
}

/**
 * ~49,000 common passwords from the zxcvbn-ts common-language package (leaked
 * password corpora), lower-cased for a case-insensitive match.
 */
let blocklist: Set<string> | undefined;
function commonPasswords(): Set<string> {
  blocklist ??= new Set(dictionary['passwords-common']?.map((word: string) => word.toLowerCase()));
  return blocklist;
}

/**
 * Checks a new password and returns it NFKC-normalised (so the same password
 * typed on a phone and a laptop hashes the same). Lengths count characters, not
 * bytes, and nothing is ever truncated. Throws AppError(400) with a reason code.
 */
export function createPasswordPolicy(mode: 'nist' | 'composition') {
  return {
    check(password: string, context: PasswordContext): string {
      const normalised = password.normalize('NFKC');
      const length = [...normalised].length;
      const minimum =
        mode === 'composition' ? MIN_LENGTH_COMPOSITION : context.secondFactor ? MIN_LENGTH_WITH_2FA : MIN_LENGTH_WITHOUT_2FA;
      if (length < minimum) {
        throw new AppError(authErrors.password_too_short, `The password is too short (at least ${minimum} characters).`);
      }
      if (length > MAX_PASSWORD_LENGTH) throw new AppError(authErrors.password_too_long);
      if (mode === 'composition' && !meetsComposition(normalised)) throw new AppError(authErrors.password_composition);

      const lowered = normalised.toLowerCase();
      if (commonPasswords().has(lowered)) throw new AppError(authErrors.password_common);
      if (lowered.includes(context.username.toLowerCase()) || lowered.includes('sakuga')) {
        throw new AppError(authErrors.password_guessable);
      }
      return normalised;
    },
  };
}

function meetsComposition(password: string): boolean {
  return /\p{Lu}/u.test(password) && /\p{Ll}/u.test(password) && /\p{Nd}/u.test(password) && /[^\p{L}\p{Nd}\s]/u.test(password);
}

const USERNAME = /^[a-z0-9](?:[a-z0-9._-]{1,30})[a-z0-9]$/;

/** Usernames are case-insensitive: stored lower-cased after NFKC. */
export function normaliseUsername(username: string): string {
  const normalised = username.normalize('NFKC').toLowerCase();
  if (!USERNAME.test(normalised)) throw new AppError(authErrors.username_invalid);
  return normalised;
}

/** Emails compare case-insensitively; the shape check is deliberately loose (the mail server decides). */
export function normaliseEmail(email: string): string {
  const normalised = email.normalize('NFKC').trim().toLowerCase();
  if (!/^[^\s@]{1,64}@[^\s@]{1,253}\.[^\s@]{2,}$/.test(normalised)) throw new AppError(authErrors.email_invalid);
  return normalised;
}
