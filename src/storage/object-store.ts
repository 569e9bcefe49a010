import type { Readable } from 'node:stream';

/**
 * Where the blob store keeps its bytes: immutable objects named by random
 * ids, written once, read by byte range, deleted. A backend knows nothing of
 * names, owners or encryption (blob-store.ts does); local disk and S3 each
 * implement it, and one contract suite runs against both.
 */
export interface ObjectStore {
  /** Which backend: shown on the admin's storage page and in `sakuga doctor`. */
  readonly kind: 'fs' | 's3';
  /** Writes the whole stream as object `id`, visible only once complete and durable; the bytes written. */
  put(id: string, body: Readable): Promise<number>;
  /** `length` bytes at `position` (fewer only at the object's end). */
  read(id: string, position: number, length: number): Promise<Buffer>;
  /** A stream of bytes `start..end` inclusive (the whole object without a range). */
  stream(id: string, range?: { start: number; end: number }): Promise<Readable>;
  /** Its size, or undefined when there is no such object. */
  size(id: string): Promise<number | undefined>;
  /** Removes it; no error when it is already gone. */
  delete(id: string): Promise<void>;
  /** Every object, with when it was written: for sweeping orphans and for backups. */
  list(): AsyncIterable<StoredObject>;
}

export interface StoredObject {
  readonly id: string;
  readonly modifiedAt: Date;
}

/** An object id: 32 lowercase hex digits (128 random bits). Nothing else is ever a name in a backend. */
export const OBJECT_ID = /^[0-9a-f]{32}$/;

export function assertObjectId(id: string): void {
  if (!OBJECT_ID.test(id)) throw new TypeError('not an object id');
}

/** The backend cannot be reached (S3 down, the disk gone): the request answers 503 and nothing is lost. */
export class StorageUnavailable extends Error {
  override name = 'StorageUnavailable';
}
