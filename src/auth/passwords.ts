import { hash, verify } from '@node-rs/argon2';
import type { Config } from '../config/load.js';
import { randomToken } from '../crypto/tokens.js';
import { AppError } from '../http/app-error.js';
import { authErrors } from './errors.js';
import { ConcurrencyLimiter } from './limiter.js';
import { createPasswordPolicy, type PasswordContext } from './password-policy.js';

/** @node-rs/argon2 exports its algorithm as a `const enum`, which isolated modules cannot read. */
const ARGON2ID = 2;
/** Requests waiting for a hashing slot beyond this are refused with 503 at once. */
const MAX_QUEUED_HASHES = 200;

/**
 * The stored "hash" of an account without a password (made by single sign-on).
 * It is no argon2 hash, so nothing ever verifies against it.
 */
export const NO_PASSWORD = '!none';

export type PasswordService = ReturnType<typeof createPasswordService>;

/**
 * Everything about passwords in one place: the policy for new ones, argon2id
 * hashing with the configured cost, verification, and the upgrade check.
 * Hashing runs on the libuv pool; the limiter keeps it to a few at a time so a
 * login storm leaves threads for file I/O and every other request.
 */
export function createPasswordService(config: Config['passwords']) {
  const params = { algorithm: ARGON2ID, ...config.argon2 };
  const limiter = new ConcurrencyLimiter(config.hashConcurrency, MAX_QUEUED_HASHES);
  const policy = createPasswordPolicy(config.policy);
  let dummyHash: Promise<string> | undefined;

  async function limited<T>(task: () => Promise<T>): Promise<T> {
    const outcome = await limiter.run(task);
    if (!outcome) throw new AppError(authErrors.server_busy, undefined, { retryAfterSeconds: 1 });
    return outcome.value;
  }

  /**
   * Spends the same work as a real verification and fails, so an unknown or
   * disabled account answers in the same time as a wrong password.
   */
  async function verifyAgainstDummy(password: string): Promise<false> {
    dummyHash ??= hash(randomToken(), params);
    const target = await dummyHash;
    await limited(() => verify(target, password.normalize('NFKC')).catch(() => false));
    return false;
  }

  return {
    /** Checks a new password against the policy; returns it NFKC-normalised or throws a 400. */
    validate: (password: string, context: PasswordContext): string => policy.check(password, context),

    hash: (normalisedPassword: string): Promise<string> => limited(() => hash(normalisedPassword, params)),

    async verify(passwordHash: string, password: string): Promise<boolean> {
      // Same work for an account without a password, so timing does not tell it apart.
      if (passwordHash === NO_PASSWORD) return verifyAgainstDummy(password);
      return limited(() => verify(passwordHash, password.normalize('NFKC')).catch(() => false));
    },

    verifyAgainstDummy,

    /** True when a stored hash was made with other parameters than the configured ones. */
    needsRehash(passwordHash: string): boolean {
      const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(passwordHash);
      if (!match) return true;
      const [, m, t, p] = match.map(Number);
      return m !== params.memoryCost || t !== params.timeCost || p !== params.parallelism;
    },
  };
}
