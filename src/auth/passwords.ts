import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with OWASP's minimum (19 MiB, 2 passes, 1 lane). @node-rs/argon2
 * hashes on the libuv thread pool, so the event loop keeps serving meanwhile.
 * The algorithm is given by number because the package exports it as a
 * `const enum`, which isolated modules cannot read (2 = Argon2id).
 */
export const ARGON2ID_PARAMS = Object.freeze({ algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 });

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID_PARAMS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
