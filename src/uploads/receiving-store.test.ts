import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { ERRORS } from '@tus/utils';
import { type DatabaseHandle, openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import type { ObjectStore } from '../storage/object-store.js';
import { openStorage } from '../storage/open-storage.js';
import { PART_BYTES, ReceivingStore } from './receiving-store.js';
import { createUploadFiles, type UploadFiles } from './upload-files.js';

const CANARY = Buffer.from('SAKUGA-RECEIVING-CANARY-7d21');

/** `bytes` cut into uneven pieces, as a socket delivers them, with the canary in many of them. */
function inPieces(bytes: Buffer): Readable {
  const pieces: Buffer[] = [];
  for (let at = 0, size = 1; at < bytes.length; at += size, size = (size * 7 + 13) % 200_003) pieces.push(bytes.subarray(at, at + size));
  return Readable.from(pieces);
}

/** Random bytes with the canary written every 50 kB. */
function withCanaries(size: number): Buffer {
  const bytes = randomBytes(size);
  for (let at = 0; at + CANARY.length < size; at += 50_000) CANARY.copy(bytes, at);
  return bytes;
}

describe('the tus receiving store, over the encrypted blob store', () => {
  let dir: string;
  let handle: DatabaseHandle;
  let objects: ObjectStore;
  let files: UploadFiles;
  let store: ReceivingStore;
  const lengths = new Map<string, number>();
  const newUpload = (length: number) => {
    const id = randomBytes(16).toString('hex');
    lengths.set(id, length);
    return id;
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sakuga-receiving-'));
    handle = openDatabase({ kind: 'sqlite', file: join(dir, 'sakuga.db') });
    await migrateToLatest(handle.db);
    const storage = await openStorage({ config: { backend: 'fs', encrypted: true }, dataDir: dir, db: handle.db, now: () => new Date() });
    objects = storage.objects;
    files = createUploadFiles(storage.blobs);
    store = new ReceivingStore({ files, lengthOf: async (id) => lengths.get(id) });
  });
  after(async () => {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a long request is stored as parts of at most PART_BYTES, named by offset, and reads back exactly', async () => {
    const body = withCanaries(2 * PART_BYTES + 12_345);
    const id = newUpload(body.length);
    assert.equal((await store.getUpload(id)).offset, 0);
    assert.equal(await store.write(inPieces(body), id, 0), body.length);
    assert.equal((await store.getUpload(id)).offset, body.length);
    const parts = await handle.db.selectFrom('blobs').select(['key', 'size']).where('key', 'like', `uploads/${id}/%`).orderBy('key').execute();
    assert.deepEqual(
      parts.map((part) => [part.key.split('/').pop(), Number(part.size)]),
      [
        ['part-0000000000000000', PART_BYTES],
        [`part-${String(PART_BYTES).padStart(16, '0')}`, PART_BYTES],
        [`part-${String(2 * PART_BYTES).padStart(16, '0')}`, 12_345],
      ],
    );
    assert.deepEqual(await files.readAll(id), body);
  });

  test('a request cut off mid-part keeps what arrived; the upload resumes from exactly there', async () => {
    const body = withCanaries(3 * 1024 * 1024 + 777);
    const id = newUpload(body.length);
    const cut = 2 * 1024 * 1024 + 5;
    const failing = Readable.from(
      (async function* () {
        yield body.subarray(0, cut);
        throw new Error('connection reset');
      })(),
    );
    await assert.rejects(store.write(failing, id, 0), (error) => error === ERRORS.FILE_WRITE_ERROR);
    assert.equal((await store.getUpload(id)).offset, cut, 'every byte that reached the server is durable');
    assert.equal(await store.write(inPieces(body.subarray(cut)), id, cut), body.length);
    assert.deepEqual(await files.readAll(id), body);
  });

  test('an empty request stores nothing; an unknown upload is tus\'s 404', async () => {
    const id = newUpload(10);
    assert.equal(await store.write(Readable.from([]), id, 0), 0);
    assert.deepEqual(await handle.db.selectFrom('blobs').select('key').where('key', 'like', `uploads/${id}/%`).execute(), []);
    await assert.rejects(store.getUpload(randomBytes(16).toString('hex')), (error) => error === ERRORS.FILE_NOT_FOUND);
  });

  test('nothing of the plaintext reaches the disk while receiving: every object is sealed', async () => {
    let count = 0;
    for await (const { id } of objects.list()) {
      count += 1;
      assert.equal((await objects.read(id, 0, PART_BYTES + 4096)).indexOf(CANARY), -1, `object ${id} holds plaintext`);
    }
    assert.ok(count >= 5, `the parts above are all here (${count})`);
  });

  test('termination removes every part', async () => {
    const id = newUpload(100);
    await store.write(Readable.from([Buffer.alloc(100, 1)]), id, 0);
    await store.remove(id);
    assert.equal((await store.getUpload(id)).offset, 0);
    assert.deepEqual(await handle.db.selectFrom('blobs').select('key').where('key', 'like', `uploads/${id}/%`).execute(), []);
  });
});
