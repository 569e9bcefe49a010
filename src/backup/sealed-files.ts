import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { newHeader, openHeader, HEADER_BYTES, plainSizeOf } from '../storage/crypto/blob-format.js';
import { BlobIntegrityError } from '../storage/crypto/blob-format.js';
import { openRange, sealChunks } from '../storage/crypto/blob-stream.js';
import type { ObjectStore } from '../storage/object-store.js';
import type { BackupKeys } from './keys.js';

/** What a sealed file in a backup is: its stored size and the SHA-256 of its stored bytes. */
export interface SealedFile {
  readonly id: string;
  readonly bytes: number;
  readonly sha256: string;
  /**
   * An object encrypted at rest, copied as it is: ciphertext already, under
   * a data key only the (sealed) database snapshot holds wrapped. Its hash,
   * in the MACed manifest, is what binds it.
   */
  readonly at_rest?: true;
}

/** Seals `source` into the backup's file store as `id` (written whole or not at all); its size and hash as stored. */
export async function sealInto(files: ObjectStore, keys: BackupKeys, id: string, source: AsyncIterable<Buffer>): Promise<SealedFile> {
  const { header, keys: blobKeys } = newHeader(keys.fileKey(id), Buffer.from(id, 'hex'));
  const hash = createHash('sha256');
  async function* hashed(): AsyncGenerator<Buffer> {
    for await (const chunk of sealChunks(header, blobKeys, source)) {
      hash.update(chunk);
      yield chunk;
    }
  }
  const bytes = await files.put(id, Readable.from(hashed()));
  return { id, bytes, sha256: hash.digest('hex') };
}

/** Copies an object encrypted at rest into the backup's file store as it is; its size and hash. */
export async function copyInto(files: ObjectStore, id: string, source: AsyncIterable<Buffer>): Promise<SealedFile> {
  const hash = createHash('sha256');
  async function* hashed(): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      hash.update(chunk);
      yield chunk;
    }
  }
  const bytes = await files.put(id, Readable.from(hashed()));
  return { id, bytes, sha256: hash.digest('hex'), at_rest: true };
}

/** A copied file's bytes as stored, failing at the end if they are not the ones the manifest recorded. */
export async function* checkedCopy(files: ObjectStore, file: SealedFile): AsyncGenerator<Buffer> {
  const hash = createHash('sha256');
  for await (const chunk of await files.stream(file.id)) {
    hash.update(chunk as Buffer);
    yield chunk as Buffer;
  }
  if (hash.digest('hex') !== file.sha256) throw new BlobIntegrityError(`file ${file.id} is not the one the backup recorded`);
}

/**
 * The plaintext of sealed file `id`, every segment checked before its bytes
 * are handed on (a file cut short, swapped or changed fails: BlobIntegrityError).
 */
export async function openSealed(files: ObjectStore, keys: BackupKeys, id: string, storedBytes: number): Promise<AsyncGenerator<Buffer>> {
  const plain = plainSizeOf(storedBytes);
  if (plain === undefined) throw new BlobIntegrityError('a backup file of an impossible size');
  const blobKeys = openHeader(keys.fileKey(id), await files.read(id, 0, HEADER_BYTES), Buffer.from(id, 'hex'));
  return openRange((start, end) => files.stream(id, { start, end }), blobKeys, { plain, stored: storedBytes }, 0, Math.max(plain, 1) - 1);
}

/** The SHA-256 of a file's stored bytes, as the manifest records it. */
export async function storedHash(files: ObjectStore, id: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of await files.stream(id)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
