import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import type { BlobInfo, BlobStore } from '../storage/blob-store.js';

const UPLOAD_ID = /^[0-9a-f]{32}$/;
/** A received part's name: the offset of its first byte, zero-padded so key order is offset order. */
const PART = /\/part-(\d{16})$/;

function prefixOf(id: string): string {
  if (!UPLOAD_ID.test(id)) throw new Error('invalid upload reference');
  return `uploads/${id}/`;
}

const fileKey = (id: string) => `${prefixOf(id)}file`;
const partKey = (id: string, offset: number) => `${prefixOf(id)}part-${String(offset).padStart(16, '0')}`;

/**
 * An upload's bytes in the blob store, the one place they are kept (sealed
 * when encryption at rest is on). While it arrives, an upload is a run of
 * parts, `uploads/<id>/part-<offset>`, each stored whole or not at all; the
 * parts that follow on from offset 0 without a gap are what is durable, and
 * that is the offset tus tells a resuming client. Once validated it is one
 * blob, `uploads/<id>/file`, and the parts are gone.
 */
export function createUploadFiles(blobs: BlobStore) {
  /** The parts that follow one another from offset 0; one after a gap (never written by this store) is not counted. */
  async function contiguousParts(id: string): Promise<BlobInfo[]> {
    const parts: BlobInfo[] = [];
    let offset = 0;
    for (const blob of await blobs.list(prefixOf(id))) {
      const at = PART.exec(blob.key)?.[1];
      if (at === undefined) continue;
      if (Number(at) !== offset) break;
      parts.push(blob);
      offset += blob.size;
    }
    return parts;
  }

  /** The upload's bytes in order: its file once kept, its parts before. */
  async function* bytesOf(id: string): AsyncGenerator<Buffer> {
    const kept = await blobs.read(fileKey(id));
    if (kept) {
      yield* kept.body as AsyncIterable<Buffer>;
      return;
    }
    for (const part of await contiguousParts(id)) {
      const read = await blobs.read(part.key);
      if (!read) throw new Error('an upload part vanished while it was read');
      yield* read.body as AsyncIterable<Buffer>;
    }
  }

  return {
    /** Stores bytes arriving at `offset` as one part; the part as stored. */
    putPart: (id: string, offset: number, body: Readable) => blobs.put(partKey(id, offset), body),

    /** How many bytes are durable: the kept file's size, or the contiguous parts'. */
    async received(id: string): Promise<{ bytes: number; lastWriteAt?: string }> {
      const kept = await blobs.stat(fileKey(id));
      if (kept) return { bytes: kept.size, lastWriteAt: kept.createdAt };
      const parts = await contiguousParts(id);
      const last = parts.reduce<string | undefined>((latest, part) => (latest === undefined || part.createdAt > latest ? part.createdAt : latest), undefined);
      return { bytes: parts.reduce((sum, part) => sum + part.size, 0), ...(last && { lastWriteAt: last }) };
    },

    /**
     * Writes the upload's plaintext to `path` (a new file, 0600), for a
     * validator or a job that needs a file on disk. Written under a
     * temporary name first, so `path` is whole or absent.
     */
    async copyTo(id: string, path: string, mode = 0o600): Promise<void> {
      const partial = `${path}.${randomBytes(4).toString('hex')}.partial`;
      try {
        await pipeline(Readable.from(bytesOf(id)), createWriteStream(partial, { flags: 'wx', mode }));
        await rename(partial, path);
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
    },

    /** The upload's first `length` bytes (fewer if it is shorter): enough to tell its type. */
    async head(id: string, length: number): Promise<Buffer> {
      const pieces: Buffer[] = [];
      let have = 0;
      for await (const chunk of bytesOf(id)) {
        pieces.push(chunk);
        have += chunk.length;
        if (have >= length) break;
      }
      return Buffer.concat(pieces).subarray(0, length);
    },

    /** The whole upload in memory: for the small kinds (an image, subtitles) only. */
    readAll: async (id: string): Promise<Buffer> => buffer(Readable.from(bytesOf(id))),

    /** Stores the validated bytes at `path` as the upload's file, then drops the parts; the file as stored (its SHA-256 among it). */
    async keep(id: string, path: string): Promise<BlobInfo> {
      const kept = await blobs.put(fileKey(id), createReadStream(path));
      for (const part of await blobs.list(prefixOf(id))) if (PART.test(part.key)) await blobs.delete(part.key);
      return kept;
    },

    /** Stores a whole file as the upload's (a file picked on the server): no parts, straight to validation. */
    putFile: (id: string, body: Readable) => blobs.put(fileKey(id), body),

    /** Deletes every blob of the upload. */
    remove: (id: string) => blobs.deletePrefix(prefixOf(id)),

    /** Erases the upload for good (recorded in the shred ledger). */
    shred: (id: string, reason: string) => blobs.shredPrefix(prefixOf(id), reason),
  };
}

export type UploadFiles = ReturnType<typeof createUploadFiles>;
