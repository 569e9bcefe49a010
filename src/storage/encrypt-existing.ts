import type { BlobStore } from './blob-store.js';

/** Blobs rewritten per batch: a batch's names are read in one query. */
const BATCH = 50;

/** Where progress goes: the server's log, or the terminal for `sakuga keys decrypt`. */
export interface RewriteLog {
  info(fields: { remaining: number; done?: number }, message: string): void;
  error(fields: { err: unknown; key: string }, message: string): void;
}

/**
 * Rewrites every blob that is not as `encrypt` wants it (the blob store's
 * seal or unseal: a new object, swapped in only if the blob was not replaced
 * meanwhile). Resumable by construction: a blob is either still as it was
 * or rewritten, so a run killed at any point goes on where it stopped.
 * Reports progress as it goes; resolves with what it did.
 */
async function rewriteAll(deps: { blobs: BlobStore; log: RewriteLog; signal?: AbortSignal }, encrypt: boolean): Promise<{ rewritten: number; remaining: number }> {
  const what = encrypt ? 'encrypting blobs stored before encryption at rest was on' : 'decrypting blobs before encryption at rest is turned off';
  const pending = (limit: number) => (encrypt ? deps.blobs.plaintext(limit) : deps.blobs.encryptedBlobs(limit));
  let rewritten = 0;
  let { keys, count } = await pending(BATCH);
  if (count === 0) return { rewritten, remaining: 0 };
  deps.log.info({ remaining: count }, what);
  const skipped = new Set<string>();
  while (keys.length > 0 && !deps.signal?.aborted) {
    for (const key of keys) {
      if (deps.signal?.aborted) break;
      try {
        if (await (encrypt ? deps.blobs.seal(key) : deps.blobs.unseal(key))) rewritten += 1;
      } catch (error) {
        // One damaged or vanished blob must not stop the rest; it stays as it is, and is named in the log.
        skipped.add(key);
        deps.log.error({ err: error, key }, 'a blob could not be rewritten; it is left as it was');
      }
    }
    ({ keys, count } = await pending(BATCH + skipped.size));
    keys = keys.filter((key) => !skipped.has(key));
    deps.log.info({ done: rewritten, remaining: count }, `${what}: progress`);
  }
  return { rewritten, remaining: count };
}

/**
 * Encryption turned on over blobs stored before it: each plaintext blob is
 * re-written encrypted under its name, while the server runs.
 */
export async function encryptExistingBlobs(deps: { blobs: BlobStore; log: RewriteLog; signal?: AbortSignal }): Promise<{ sealed: number; remaining: number }> {
  const { rewritten, remaining } = await rewriteAll(deps, true);
  return { sealed: rewritten, remaining };
}

/**
 * Before encryption at rest is turned off (`sakuga keys decrypt`): each
 * encrypted blob is re-written in plaintext under its name. Sakuga refuses
 * to start with encryption off while any blob is encrypted, so this is the
 * one way to turn it off.
 */
export async function decryptAllBlobs(deps: { blobs: BlobStore; log: RewriteLog; signal?: AbortSignal }): Promise<{ decrypted: number; remaining: number }> {
  const { rewritten, remaining } = await rewriteAll(deps, false);
  return { decrypted: rewritten, remaining };
}
