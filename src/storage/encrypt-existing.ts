import type { Logger } from 'pino';
import type { BlobStore } from './blob-store.js';

/** Blobs sealed per batch: a batch's names are read in one query. */
const BATCH = 50;

/**
 * Encryption turned on over blobs stored before it: each plaintext blob is
 * re-written encrypted under its name (the blob store's seal: a new object,
 * swapped in only if the blob was not replaced meanwhile), while the server
 * runs. Resumable by construction: a blob is either still plaintext or
 * sealed, so a run killed at any point goes on where it stopped. Reports
 * progress as it goes; resolves with what it did.
 */
export async function encryptExistingBlobs(deps: { blobs: BlobStore; log: Pick<Logger, 'info' | 'error'>; signal?: AbortSignal }): Promise<{ sealed: number; remaining: number }> {
  let sealed = 0;
  let { keys, count } = await deps.blobs.plaintext(BATCH);
  if (count === 0) return { sealed, remaining: 0 };
  deps.log.info({ remaining: count }, 'encrypting blobs stored before encryption at rest was on');
  const skipped = new Set<string>();
  while (keys.length > 0 && !deps.signal?.aborted) {
    for (const key of keys) {
      if (deps.signal?.aborted) break;
      try {
        if (await deps.blobs.seal(key)) sealed += 1;
      } catch (error) {
        // One damaged or vanished blob must not stop the rest; it stays as it is, and is named in the log.
        skipped.add(key);
        deps.log.error({ err: error, key }, 'a blob could not be encrypted; it is left as it was');
      }
    }
    ({ keys, count } = await deps.blobs.plaintext(BATCH + skipped.size));
    keys = keys.filter((key) => !skipped.has(key));
    deps.log.info({ sealed, remaining: count }, 'encrypting blobs: progress');
  }
  return { sealed, remaining: count };
}
