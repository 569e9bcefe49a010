import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
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
import type { ObjectStore } from './object-store.js';
import { createS3Objects } from './s3-objects.js';
import { backupSurvival } from './shred-report.js';
import { startLocalS3 } from '../../test/helpers/s3.js';

const CANARY = 'SAKUGA-PLAINTEXT-CANARY-41c9';
const S = SEGMENT_BYTES;

/** Every object in the backend, whole, as it holds them. */
async function rawObjects(objects: ObjectStore): Promise<Buffer[]> {
  const all: Buffer[] = [];
  for await (const { id } of objects.list()) all.push(await objects.read(id, 0, (await objects.size(id))!));
  return all;
}

interface Backend {
  readonly name: string;
  start(): Promise<{ objects: ObjectStore; close(): Promise<void> }>;
}

const BACKENDS: Backend[] = [
  {
    name: 'local disk',
    async start() {
      const dir = mkdtempSync(join(tmpdir(), 'sakuga-blobs-'));
      return { objects: createFsObjects(dir), close: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'S3 (a local S3-compatible server)',
    async start() {
      const s3 = await startLocalS3();
      return { objects: createS3Objects(s3.settings), close: () => s3.close() };
    },
  },
];

/** A stream that arrives in uneven chunks, as an upload does. */
function chunked(bytes: Buffer, size = 10_007): Readable {
  return Readable.from(Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size)));
}

const readAll = async (store: BlobStore, key: string, range?: { start: number; end: number }) => buffer((await store.read(key, range))!.body);

const SUITES = (await databaseTargets()).flatMap((target) => BACKENDS.flatMap((backend) => [false, true].map((encrypted) => ({ target, backend, encrypted }))));

/** One contract, every database × backend × plaintext or encrypted. */
for (const { target, backend, encrypted } of SUITES) {
  describe(`the blob store on ${backend.name}, ${encrypted ? 'encrypted' : 'plaintext'}, ${target.dialect}`, { skip: target.skip }, () => {
    let database: TestDatabase;
    let handle: DatabaseHandle;
    let objects: ObjectStore;
    let closeBackend: () => Promise<void>;
    let store: BlobStore;
    const kek = randomBytes(32);

    before(async () => {
      database = await target.create();
      handle = database.open();
      await migrateToLatest(handle.db);
      ({ objects, close: closeBackend } = await backend.start());
      store = createBlobStore({ db: handle.db, objects, now: () => new Date(), ...(encrypted && { keyring: createKeyring([kek], keyIdOf(kek)) }) });
    });
    after(async () => {
      await handle.close();
      await database.drop();
      await closeBackend();
    });

    test('put, stat, read whole and by range, list by prefix, delete', async () => {
      const bytes = randomBytes(3 * S + 777);
      const info = await store.put('artifacts/job1/dubbed.mp4', chunked(bytes));
      assert.deepEqual([info.size, info.sha256, info.encrypted], [bytes.length, createHash('sha256').update(bytes).digest('hex'), encrypted]);
      assert.deepEqual(await store.stat('artifacts/job1/dubbed.mp4'), info);
      assert.deepEqual(await readAll(store, 'artifacts/job1/dubbed.mp4'), bytes);
      assert.deepEqual(await readAll(store, 'artifacts/job1/dubbed.mp4', { start: S - 3, end: 2 * S + 4 }), bytes.subarray(S - 3, 2 * S + 5));
      const opened = (await store.open('artifacts/job1/dubbed.mp4'))!;
      assert.deepEqual(opened.info, info);
      assert.deepEqual(await buffer(await opened.read({ start: 10, end: 19 })), bytes.subarray(10, 20));
      assert.equal(await store.open('artifacts/job1/missing'), undefined);
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
      const count = async () => (await rawObjects(objects)).length;
      await store.put('artifacts/job2/qa.json', Readable.from([Buffer.from('{"v":1}')]));
      const before = await count();
      await store.put('artifacts/job2/qa.json', Readable.from([Buffer.from('{"v":2}')]));
      assert.equal(await count(), before, 'one object for one name');
      assert.equal((await readAll(store, 'artifacts/job2/qa.json')).toString(), '{"v":2}');
    });

    test('a copy shares the object: the original replaced or deleted, the copy keeps its bytes; the object goes with its last name', async () => {
      const count = async () => (await rawObjects(objects)).length;
      const before = await count();
      await store.put('artifacts/job4/dubbed.mp4', Readable.from([Buffer.from('render one')]));
      assert.equal(await store.copy('artifacts/job4/dubbed.mp4', 'artifacts/job4/r1/dubbed.mp4'), true);
      assert.equal(await count(), before + 1, 'no copy of the bytes');
      await store.put('artifacts/job4/dubbed.mp4', Readable.from([Buffer.from('render two')]));
      assert.equal((await readAll(store, 'artifacts/job4/r1/dubbed.mp4')).toString(), 'render one');
      assert.equal((await readAll(store, 'artifacts/job4/dubbed.mp4')).toString(), 'render two');
      assert.equal(await count(), before + 2);
      assert.equal(await store.copy('artifacts/job4/missing', 'artifacts/job4/r1/missing'), false);
      assert.equal(await store.deletePrefix('artifacts/job4/r1/'), 1);
      assert.equal(await count(), before + 1, 'the kept render\'s object went with its last name');
      await store.copy('artifacts/job4/dubbed.mp4', 'artifacts/job4/r2/dubbed.mp4');
      await store.delete('artifacts/job4/dubbed.mp4');
      assert.equal((await readAll(store, 'artifacts/job4/r2/dubbed.mp4')).toString(), 'render two', 'still named once');
      assert.equal(await store.deletePrefix('artifacts/job4/'), 1);
      assert.equal(await count(), before);
      await assert.rejects(store.deletePrefix('artifacts/'.slice(0, 3)), TypeError, 'a prefix is whole parts');
    });

    test('the orphan sweep deletes objects no name points at (a crash\'s leftovers), never a named one, and spares recent ones', async () => {
      await store.put('artifacts/job5/kept.bin', Readable.from([Buffer.from('named')]));
      await store.copy('artifacts/job5/kept.bin', 'artifacts/job5/r1/kept.bin');
      const orphan = randomBytes(16).toString('hex');
      await objects.put(orphan, Readable.from([Buffer.from('left by a crash')]));
      assert.deepEqual(await store.sweepOrphans(new Date(Date.now() - 3_600_000)), { objects: 0 }, 'an hour\'s grace: nothing that new goes');
      const swept = await store.sweepOrphans(new Date(Date.now() + 1_000));
      assert.equal(swept.objects, 1);
      assert.equal(await objects.size(orphan), undefined);
      assert.equal((await readAll(store, 'artifacts/job5/r1/kept.bin')).toString(), 'named');
    });

    test('shredding deletes a prefix for good and records each object erased in the ledger, ids and reason only', async () => {
      await store.put('artifacts/job6/output-1.png', Readable.from([Buffer.from('a picture')]));
      await store.put('artifacts/job6/generation.json', Readable.from([Buffer.from('{}')]));
      await store.copy('artifacts/job6/output-1.png', 'artifacts/job7/output-1.png');
      const ids = await handle.db.selectFrom('blobs').select(['key', 'id']).where('key', 'like', 'artifacts/job6/%').execute();
      const report = await store.shredPrefix('artifacts/job6/', 'project_deleted');
      const kids = encrypted ? [keyIdOf(kek)] : [];
      assert.deepEqual({ ...report, at: undefined }, { blobs: 2, objects: 1, encrypted: encrypted ? 1 : 0, wrappedUnder: kids, at: undefined }, 'the shared picture lives on under job7');
      const ledger = await handle.db.selectFrom('shred_ledger').selectAll().execute();
      const json = ids.find((row) => row.key.endsWith('generation.json'))!.id;
      assert.deepEqual(ledger.map((row) => [row.object_id, row.encrypted, row.kid, row.reason]), [[json, encrypted ? 1 : 0, kids[0] ?? null, 'project_deleted']]);
      // The report says until when the erased file can come back: until its storage key is retired, or never for plaintext.
      assert.match(backupSurvival(report), encrypted ? new RegExp(`database backups taken before ${report.at}, and only until storage key ${kids[0]} is retired`) : /plaintext were deleted; copies .* may survive/);
      assert.equal(await objects.size(json), undefined, 'its bytes are deleted too');
      assert.deepEqual(await store.list('artifacts/job6/'), []);
      assert.equal((await readAll(store, 'artifacts/job7/output-1.png')).toString(), 'a picture');
      assert.doesNotMatch(JSON.stringify(ledger), /job6|generation\.json/, 'no names in the ledger');
    });

    test('a stream that fails midway stores nothing and leaves the old blob in place', async () => {
      await store.put('artifacts/job3/out.bin', Readable.from([Buffer.from('kept')]));
      const objectsBefore = (await rawObjects(objects)).length;
      const failing = new Readable({
        read() {
          this.push(randomBytes(S));
          this.destroy(new Error('connection lost'));
        },
      });
      await assert.rejects(store.put('artifacts/job3/out.bin', failing), /connection lost/);
      assert.equal((await readAll(store, 'artifacts/job3/out.bin')).toString(), 'kept');
      assert.equal((await rawObjects(objects)).length, objectsBefore, 'no partial object left');
    });

    test('names are checked: no parent, no absolute path, no empty part', async () => {
      for (const key of ['../etc/passwd', '/etc/passwd', 'artifacts/../x', 'artifacts//x', 'artifacts/.hidden', 'Uploads/x', 'artifacts/a\0b', 'artifacts']) {
        await assert.rejects(store.put(key, Readable.from([])), TypeError, key);
        await assert.rejects(store.read(key), TypeError, key);
      }
    });

    if (encrypted) {
      test('encrypted: no plaintext in storage; a bit flipped there is refused before a byte is served; the row is the key', async () => {
        const plain = Buffer.from(`${CANARY} `.repeat(20_000));
        await store.put('uploads/secret-film', chunked(plain));
        for (const raw of await rawObjects(objects)) assert.equal(raw.indexOf(CANARY), -1, 'the canary is not in storage');
        const row = await handle.db.selectFrom('blobs').selectAll().where('key', '=', 'uploads/secret-film').executeTakeFirstOrThrow();
        assert.equal(row.kid, keyIdOf(kek));
        const original = await objects.read(row.id, 0, Number(row.stored_size));
        assert.ok(original.length > plain.length);
        const replaceObject = (bytes: Buffer) => objects.put(row.id, Readable.from([bytes]));
        const flipped = Buffer.from(original);
        flipped[200]! ^= 1;
        await replaceObject(flipped);
        await assert.rejects(store.read('uploads/secret-film'), BlobIntegrityError);
        await replaceObject(original.subarray(0, original.length - 16));
        await assert.rejects(store.read('uploads/secret-film', { start: 0, end: 10 }), BlobIntegrityError, 'cut short');
        await replaceObject(original);
        assert.deepEqual(await readAll(store, 'uploads/secret-film', { start: 5, end: 5 + CANARY.length - 1 }), Buffer.from(CANARY.slice(5) + ' ' + CANARY.slice(0, 4)));
        // Without its keyring the store cannot read it, and says so.
        const keyless = createBlobStore({ db: handle.db, objects, now: () => new Date() });
        await assert.rejects(keyless.read('uploads/secret-film'), BlobIntegrityError);
      });
    }
  });
}
