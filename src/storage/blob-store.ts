import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Db } from '../db/types.js';
import { BlobIntegrityError, HEADER_BYTES, newHeader, openHeader, sealedSize } from './crypto/blob-format.js';
import { openRange, sealChunks } from './crypto/blob-stream.js';
import { type Keyring, newDataKey } from './crypto/data-key.js';
import type { ObjectStore } from './object-store.js';
import type { ShredReport } from './shred-report.js';
import type { ShredLedgerTable } from './tables.js';
import { type BlobRow, blobsByEncryption, deleteBlobRows, findBlob, listBlobs, namedObjects, swapBlob, upsertBlob } from './blob-rows.js';

/**
 * The one storage API: every blob Sakuga keeps (uploads, artifacts,
 * previews, HLS segments) goes through it, by a name such as
 * `artifacts/<job>/dubbed.mp4`. A blob is a database row pointing at an
 * immutable object in the backend (object-store.ts); replacing one writes a
 * new object and moves the row, so readers see the old blob or the new one,
 * whole. With a keyring (ENCRYPTION_AT_REST=on) every blob is written
 * encrypted (SKG1, crypto/blob-format.ts) under a data key of its own,
 * wrapped in its row; there is no plaintext path then.
 */

/** A blob's name: a kind, then path parts of safe characters. Never `..`, never absolute. */
const KEY = /^[a-z][a-z0-9-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}){1,4}$/;

/** A prefix to list or delete by: a kind and whole path parts, ending in `/`. */
const PREFIX = /^[a-z][a-z0-9-]*\/([A-Za-z0-9_-][A-Za-z0-9._-]{0,127}\/){0,3}$/;

export function assertBlobPrefix(prefix: string): void {
  if (!PREFIX.test(prefix)) throw new TypeError(`not a blob prefix: ${JSON.stringify(prefix.slice(0, 80))}`);
}

export function assertBlobKey(key: string): void {
  if (!KEY.test(key) || key.length > 512) throw new TypeError(`not a blob key: ${JSON.stringify(key.slice(0, 80))}`);
}

export interface BlobInfo {
  readonly key: string;
  readonly size: number;
  readonly sha256: string;
  readonly encrypted: boolean;
  readonly createdAt: string;
}

const infoOf = (row: BlobRow): BlobInfo => ({ key: row.key, size: row.size, sha256: row.sha256, encrypted: row.kid !== null, createdAt: row.created_at });

/** The source's chunks, counted and hashed as they pass; read lazily, so the source's error reaches whoever reads. */
function measuring(source: AsyncIterable<Buffer>) {
  const hash = createHash('sha256');
  let size = 0;
  async function* chunks(): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      hash.update(chunk);
      size += chunk.length;
      yield chunk;
    }
  }
  return { chunks: chunks(), result: () => ({ size, sha256: hash.digest('hex') }) };
}

export interface BlobStoreDeps {
  readonly db: Db;
  readonly objects: ObjectStore;
  /** Present exactly when encryption at rest is on. */
  readonly keyring?: Keyring;
  readonly now: () => Date;
  /** Told of every object shredded, after its ledger row is written: the backups keep a copy of the ledger outside the data dir. */
  readonly onShredded?: (entries: readonly ShredLedgerTable[]) => Promise<void>;
}

export function createBlobStore(deps: BlobStoreDeps) {
  const { db, objects, keyring } = deps;

  /** Reads an encrypted blob's range, its header and first segment checked before the stream is handed out. */
  async function openEncrypted(row: BlobRow, start: number, end: number): Promise<Readable> {
    const blobId = Buffer.from(row.id, 'hex');
    if (!keyring) throw new BlobIntegrityError('an encrypted blob, and encryption at rest is off: its key is not loaded');
    // Wrapped under a key this process has not loaded: a rotation since it started (`sakuga keys rotate`).
    if (!keyring.kids.includes(row.kid!)) await keyring.refresh?.();
    const dataKey = keyring.unwrap({ kid: row.kid!, wrapped: Buffer.from(row.wrapped_key!, 'base64') }, blobId);
    const [header, storedSize] = await Promise.all([objects.read(row.id, 0, HEADER_BYTES), objects.size(row.id)]);
    // Checked against the object itself, not only the row: a blob cut short or grown serves nothing, whatever the range.
    if (storedSize !== row.stored_size) throw new BlobIntegrityError('the stored blob is not the size its record says');
    const keys = openHeader(dataKey, header, blobId);
    dataKey.fill(0);
    const parts = openRange((from, to) => objects.stream(row.id, { start: from, end: to }), keys, { plain: row.size, stored: row.stored_size }, start, end);
    const first = await parts.next();
    async function* rest() {
      if (!first.done) yield first.value;
      yield* parts;
    }
    return Readable.from(rest(), { objectMode: false });
  }

  /** A row's bytes `range` (inclusive; all of it without one), an encrypted blob's checked first. */
  async function bodyOf(row: BlobRow, range?: { start: number; end: number }): Promise<Readable> {
    const { start, end } = range ?? { start: 0, end: Math.max(0, row.size - 1) };
    if (start < 0 || end < start || (row.size > 0 && end >= row.size)) throw new RangeError('range outside the blob');
    if (row.kid !== null) return openEncrypted(row, start, end);
    if (row.size === 0) return Readable.from([]);
    return objects.stream(row.id, { start, end });
  }

  /**
   * Writes the stream as a new object (sealed when encryption is on) and
   * returns the row that would name it. The data key is wrapped once the
   * object is written, under the key active then: a rotation during a long
   * write is not missed.
   */
  async function writeObject(key: string, body: Readable, encrypt = keyring !== undefined): Promise<BlobRow> {
    const id = randomBytes(16).toString('hex');
    const blobId = Buffer.from(id, 'hex');
    const measure = measuring(body);
    const dataKey = encrypt ? newDataKey() : undefined;
    try {
      let stored: AsyncIterable<Buffer> = measure.chunks;
      if (dataKey) {
        const { header, keys } = newHeader(dataKey, blobId);
        stored = sealChunks(header, keys, measure.chunks);
      }
      const storedSize = await objects.put(id, Readable.from(stored, { objectMode: false }));
      const { size, sha256 } = measure.result();
      let sealed: { kid: string; wrapped_key: string } | undefined;
      if (dataKey && keyring) {
        if (storedSize !== sealedSize(size)) {
          await objects.delete(id);
          throw new BlobIntegrityError('the sealed blob is not the size its plaintext gives');
        }
        await keyring.refreshIfRotated?.();
        const wrapped = keyring.wrap(dataKey, blobId);
        sealed = { kid: wrapped.kid, wrapped_key: wrapped.wrapped.toString('base64') };
      }
      return { key, id, size, stored_size: storedSize, sha256, kid: sealed?.kid ?? null, wrapped_key: sealed?.wrapped_key ?? null, created_at: deps.now().toISOString() };
    } finally {
      dataKey?.fill(0);
    }
  }

  /**
   * Re-writes a blob encrypted or in plaintext, under the same name, unless
   * it was replaced meanwhile (the new one is as it should be then). Whether
   * it rewrote it.
   */
  async function rewrite(key: string, encrypt: boolean): Promise<boolean> {
    assertBlobKey(key);
    const row = await findBlob(db, key);
    if (!row || (row.kid !== null) === encrypt) return false;
    const fresh = await writeObject(key, await bodyOf(row), encrypt);
    if (fresh.sha256 !== row.sha256) {
      await objects.delete(fresh.id);
      throw new BlobIntegrityError(`${key}: its bytes are not the ones recorded`);
    }
    const { swapped, orphan } = await swapBlob(db, { ...fresh, created_at: row.created_at }, row.id);
    if (!swapped) await objects.delete(fresh.id);
    if (orphan) await objects.delete(orphan).catch(() => undefined);
    return swapped;
  }

  async function removeRows(keys: readonly string[], shred?: { reason: string; at: string }) {
    const { deleted, orphans } = await deleteBlobRows(db, keys, shred);
    for (const { id } of orphans) await objects.delete(id).catch(() => undefined);
    if (shred && orphans.length > 0) {
      await deps.onShredded?.(orphans.map((object) => ({ object_id: object.id, encrypted: object.kid === null ? 0 : 1, kid: object.kid, reason: shred.reason, shredded_at: shred.at })));
    }
    return { deleted, orphans };
  }

  return {
    /** Whether new blobs are encrypted. */
    encrypted: keyring !== undefined,

    /** Stores the stream as `key` (replacing any blob of that name once it is whole); what was stored. */
    async put(key: string, body: Readable): Promise<BlobInfo> {
      assertBlobKey(key);
      const row = await writeObject(key, body);
      let replaced: string | undefined;
      try {
        replaced = await upsertBlob(db, row);
      } catch (error) {
        await objects.delete(row.id);
        throw error;
      }
      if (replaced) await objects.delete(replaced).catch(() => undefined);
      return infoOf(row);
    },

    /** Re-writes a plaintext blob encrypted (encryption at rest turned on later); whether it sealed one. */
    async seal(key: string): Promise<boolean> {
      if (!keyring) throw new TypeError('sealing needs encryption at rest on');
      return rewrite(key, true);
    },

    /** Re-writes an encrypted blob in plaintext (`sakuga keys decrypt`, before turning encryption off); whether it did. */
    unseal: (key: string) => rewrite(key, false),

    /**
     * Deletes objects no row names that were written before `writtenBefore`:
     * what a crash left between writing an object and naming it, or between
     * moving a name and deleting the object it left (the plaintext a blob was
     * before it was sealed, among them). The grace keeps a put in progress
     * (its object is complete, its row not yet written) out of reach.
     */
    async sweepOrphans(writtenBefore: Date): Promise<{ objects: number }> {
      let removed = 0;
      let batch: string[] = [];
      const flush = async () => {
        const named = await namedObjects(db, batch);
        for (const id of batch) {
          if (named.has(id)) continue;
          await objects.delete(id);
          removed += 1;
        }
        batch = [];
      };
      for await (const object of objects.list()) {
        if (object.modifiedAt >= writtenBefore) continue;
        batch.push(object.id);
        if (batch.length === 500) await flush();
      }
      await flush();
      return { objects: removed };
    },

    /** Blobs still in plaintext: up to `limit` names, and how many. */
    plaintext: (limit: number) => blobsByEncryption(db, false, limit),

    /** Blobs encrypted: up to `limit` names, and how many. */
    encryptedBlobs: (limit: number) => blobsByEncryption(db, true, limit),

    async stat(key: string): Promise<BlobInfo | undefined> {
      assertBlobKey(key);
      const row = await findBlob(db, key);
      return row && infoOf(row);
    },

    /**
     * The blob's bytes `range.start..range.end` (inclusive; all of it
     * without a range) and what it is, or undefined when there is none. An
     * encrypted blob that fails its checks throws BlobIntegrityError before
     * any byte is handed out; a later segment that fails ends the stream
     * with that error.
     */
    async read(key: string, range?: { start: number; end: number }): Promise<{ info: BlobInfo; body: Readable } | undefined> {
      assertBlobKey(key);
      const row = await findBlob(db, key);
      return row && { info: infoOf(row), body: await bodyOf(row, range) };
    },

    /**
     * What the blob is now, and a way to read it that stays with this very
     * blob: for a route that needs the size before it reads a range (one
     * lookup, and a replacement in between is not mixed in).
     */
    async open(key: string): Promise<{ info: BlobInfo; read(range?: { start: number; end: number }): Promise<Readable> } | undefined> {
      assertBlobKey(key);
      const row = await findBlob(db, key);
      return row && { info: infoOf(row), read: (range) => bodyOf(row, range) };
    },

    /**
     * Removes the blob. Encrypted, deleting its row is what erases it (the
     * data key is gone); the object is deleted after, best effort, once no
     * other name shares it.
     */
    async delete(key: string): Promise<boolean> {
      assertBlobKey(key);
      return (await removeRows([key])).deleted > 0;
    },

    /** Removes every blob whose key starts with `prefix` (a job's files); how many. */
    async deletePrefix(prefix: string): Promise<number> {
      assertBlobPrefix(prefix);
      return (await removeRows((await listBlobs(db, prefix)).map((row) => row.key))).deleted;
    },

    /**
     * Deletes every blob under `prefix` for good, recorded in the shred
     * ledger (ids, the key that wrapped each, the reason). An encrypted
     * blob is erased the moment its row goes: its data key existed nowhere
     * else but in older database backups. The report (shred-report.ts) says
     * what of it can survive, and until when.
     */
    async shredPrefix(prefix: string, reason: string): Promise<ShredReport> {
      assertBlobPrefix(prefix);
      const at = deps.now().toISOString();
      const { deleted, orphans } = await removeRows((await listBlobs(db, prefix)).map((row) => row.key), { reason, at });
      const kids = orphans.flatMap((object) => (object.kid === null ? [] : [object.kid]));
      return { blobs: deleted, objects: orphans.length, encrypted: kids.length, wrappedUnder: [...new Set(kids)].sort(), at };
    },

    /**
     * `to` becomes another name for what `from` holds now, sharing its
     * object (no copy): `from` may be replaced later, `to` keeps the bytes
     * it had. False when there is no `from`.
     */
    async copy(from: string, to: string): Promise<boolean> {
      assertBlobKey(from);
      assertBlobKey(to);
      const row = await findBlob(db, from);
      if (!row) return false;
      const replaced = await upsertBlob(db, { ...row, key: to, created_at: deps.now().toISOString() });
      if (replaced) await objects.delete(replaced).catch(() => undefined);
      return true;
    },

    /**
     * Checks a copy of encrypted object `id` held elsewhere (a backup's):
     * its header and every segment's tag, under the data key this database
     * holds for the object. False when no encrypted blob names it any more
     * (its key is gone: nothing can check it, nor read it).
     */
    async checkCopy(id: string, copy: ObjectStore): Promise<boolean> {
      const row = await db.selectFrom('blobs').select(['id', 'kid', 'wrapped_key', 'size', 'stored_size']).where('id', '=', id).where('kid', 'is not', null).limit(1).executeTakeFirst();
      if (!row || !keyring) return false;
      const blobId = Buffer.from(row.id, 'hex');
      if (!keyring.kids.includes(row.kid!)) await keyring.refresh?.();
      const dataKey = keyring.unwrap({ kid: row.kid!, wrapped: Buffer.from(row.wrapped_key!, 'base64') }, blobId);
      const keys = openHeader(dataKey, await copy.read(id, 0, HEADER_BYTES), blobId);
      dataKey.fill(0);
      const storedSize = (await copy.size(id)) ?? 0;
      for await (const chunk of openRange((from, to) => copy.stream(id, { start: from, end: to }), keys, { plain: Number(row.size), stored: storedSize }, 0, Math.max(Number(row.size), 1) - 1)) void chunk;
      return true;
    },

    /** Every blob whose key starts with `prefix`, in key order. */
    async list(prefix: string): Promise<BlobInfo[]> {
      assertBlobPrefix(prefix);
      return (await listBlobs(db, prefix)).map(infoOf);
    },
  };
}

export type BlobStore = ReturnType<typeof createBlobStore>;
