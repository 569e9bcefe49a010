import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { after, before, describe, test } from 'node:test';
import { databaseTargets, type TestDatabase } from '../../test/helpers/databases.js';
import type { DatabaseHandle } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { type BlobStore, createBlobStore } from './blob-store.js';
import { BlobIntegrityError, SEGMENT_BYTES } from './crypto/blob-format.js';
import { createKeyring, keyIdOf } from './crypto/data-key.js';
import { createFsObjects } from './fs-objects.js';

const CANARY = 'SAKUGA-PLAINTEXT-CANARY-41c9';
const S = SEGMENT_BYTES;

/** Every file under `dir`, whole, as the disk holds it. */
function rawFiles(dir: string): Buffer[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name)));
}

/** A stream that arrives in uneven chunks, as an upload does. */
function chunked(bytes: Buffer, size = 10_007): Readable {
  return Readable.from(Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size)));
}

const readAll = async (store: BlobStore, key: string, range?: { start: number; end: number }) => buffer((await store.read(key, range))!.body);

for (const target of await databaseTargets()) {
  for (const encrypted of [false, true]) {
    describe(`the blob store on local disk, ${encrypted ? 'encrypted' : 'plaintext'}, ${target.dialect}`, { skip: target.skip }, () => {
      let database: TestDatabase;
      let handle: DatabaseHandle;
      let dir: string;
      let store: BlobStore;
      const kek = randomBytes(32);

      before(async () => {
        database = await target.create();
        handle = database.open();
        await migrateToLatest(handle.db);
        dir = mkdtempSync(join(tmpdir(), 'sakuga-blobs-'));
        store = createBlobStore({ db: handle.db, objects: createFsObjects(dir), now: () => new Date(), ...(encrypted && { keyring: createKeyring([kek], keyIdOf(kek)) }) });
      });
      after(async () => {
        await handle.close();
        await database.drop();
        rmSync(dir, { recursive: true, force: true });
      });

      test('put, stat, read whole and by range, list by prefix, delete', async () => {
        const bytes = randomBytes(3 * S + 777);
        const info = await store.put('artifacts/job1/dubbed.mp4', chunked(bytes));
        assert.deepEqual([info.size, info.sha256, info.encrypted], [bytes.length, createHash('sha256').update(bytes).digest('hex'), encrypted]);
        assert.deepEqual(await store.stat('artifacts/job1/dubbed.mp4'), info);
        assert.deepEqual(await readAll(store, 'artifacts/job1/dubbed.mp4'), bytes);
        assert.deepEqual(await readAll(store, 'artifacts/job1/dubbed.mp4', { start: S - 3, end: 2 * S + 4 }), bytes.subarray(S - 3, 2 * S + 5));
        await store.put('artifacts/job1/subtitles.en.vtt', Readable.from([Buffer.from('WEBVTT\n')]));
        await store.put('artifacts/job10/dubbed.mp4', Readable.from([Buffer.from('x')]));
        await store.put('uploads/u1', Readable.from([]));
        assert.deepEqual((await store.list('artifacts/job1/')).map((blob) => blob.key), ['artifacts/job1/dubbed.mp4', 'artifacts/job1/subtitles.en.vtt']);
        assert.deepEqual(await readAll(store, 'uploads/u1'), Buffer.alloc(0), 'an empty blob');
        assert.equal(await store.delete('artifacts/job1/dubbed.mp4'), true);
        assert.equal(await store.read('artifacts/job1/dubbed.mp4'), undefined);
        assert.equal(await store.delete('artifacts/job1/dubbed.mp4'), false);
      });

      test('a blob replaced by name: readers get the new one whole, the old object is removed', async () => {
        const objects = () => rawFiles(dir).length;
        await store.put('artifacts/job2/qa.json', Readable.from([Buffer.from('{"v":1}')]));
        const before = objects();
        await store.put('artifacts/job2/qa.json', Readable.from([Buffer.from('{"v":2}')]));
        assert.equal(objects(), before, 'one object for one name');
        assert.equal((await readAll(store, 'artifacts/job2/qa.json')).toString(), '{"v":2}');
      });

      test('a stream that fails midway stores nothing and leaves the old blob in place', async () => {
        await store.put('artifacts/job3/out.bin', Readable.from([Buffer.from('kept')]));
        const objectsBefore = rawFiles(dir).length;
        const failing = new Readable({
          read() {
            this.push(randomBytes(S));
            this.destroy(new Error('connection lost'));
          },
        });
        await assert.rejects(store.put('artifacts/job3/out.bin', failing), /connection lost/);
        assert.equal((await readAll(store, 'artifacts/job3/out.bin')).toString(), 'kept');
        assert.equal(rawFiles(dir).length, objectsBefore, 'no partial file left');
      });

      test('names are checked: no parent, no absolute path, no empty part', async () => {
        for (const key of ['../etc/passwd', '/etc/passwd', 'artifacts/../x', 'artifacts//x', 'artifacts/.hidden', 'Uploads/x', 'artifacts/a\0b', 'artifacts']) {
          await assert.rejects(store.put(key, Readable.from([])), TypeError, key);
          await assert.rejects(store.read(key), TypeError, key);
        }
      });

      if (encrypted) {
        test('encrypted: no plaintext on disk; a bit flipped on disk is refused before a byte is served; the row is the key', async () => {
          const plain = Buffer.from(`${CANARY} `.repeat(20_000));
          await store.put('uploads/secret-film', chunked(plain));
          for (const file of rawFiles(dir)) assert.equal(file.indexOf(CANARY), -1, 'the canary is not on disk');
          const row = await handle.db.selectFrom('blobs').selectAll().where('key', '=', 'uploads/secret-film').executeTakeFirstOrThrow();
          assert.equal(row.kid, keyIdOf(kek));
          const path = join(dir, row.id.slice(0, 2), row.id);
          const original = readFileSync(path);
          const flipped = Buffer.from(original);
          flipped[200]! ^= 1;
          const { writeFileSync } = await import('node:fs');
          writeFileSync(path, flipped);
          await assert.rejects(store.read('uploads/secret-film'), BlobIntegrityError);
          writeFileSync(path, original.subarray(0, original.length - 16));
          await assert.rejects(store.read('uploads/secret-film', { start: 0, end: 10 }), BlobIntegrityError, 'cut short');
          writeFileSync(path, original);
          assert.deepEqual(await readAll(store, 'uploads/secret-film', { start: 5, end: 5 + CANARY.length - 1 }), Buffer.from(CANARY.slice(5) + ' ' + CANARY.slice(0, 4)));
          assert.ok(statSync(path).size > plain.length);
          // Without its keyring the store cannot read it, and says so.
          const keyless = createBlobStore({ db: handle.db, objects: createFsObjects(dir), now: () => new Date() });
          await assert.rejects(keyless.read('uploads/secret-film'), BlobIntegrityError);
        });
      }
    });
  }
}
