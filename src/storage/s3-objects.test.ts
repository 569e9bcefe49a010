import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { test } from 'node:test';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { startLocalS3 } from '../../test/helpers/s3.js';
import { createBlobStore } from './blob-store.js';
import { StorageUnavailable } from './object-store.js';
import { createS3Objects } from './s3-objects.js';

test('S3 unreachable: put and read fail with StorageUnavailable (a 503), the blob already stored stays as it was', { timeout: 60_000 }, async () => {
  const s3 = await startLocalS3();
  const dir = mkdtempSync(join(tmpdir(), 'sakuga-s3-down-'));
  const handle = openDatabase({ kind: 'sqlite', file: join(dir, 'sakuga.db') });
  try {
    await migrateToLatest(handle.db);
    const objects = createS3Objects(s3.settings);
    const store = createBlobStore({ db: handle.db, objects, now: () => new Date() });
    const kept = randomBytes(70_000);
    await store.put('uploads/kept', Readable.from([kept]));

    // Down: a server that refuses connections where the bucket was.
    const down = createBlobStore({ db: handle.db, objects: createS3Objects({ ...s3.settings, endpoint: 'http://127.0.0.1:9' }), now: () => new Date() });
    await assert.rejects(down.put('uploads/kept', Readable.from([randomBytes(10)])), StorageUnavailable);
    await assert.rejects(down.read('uploads/kept').then(async (blob) => buffer(blob!.body)), StorageUnavailable);
    assert.deepEqual(await buffer((await store.read('uploads/kept'))!.body), kept, 'nothing lost');
    assert.equal((await store.list('uploads/')).length, 1, 'no row for the failed put');
  } finally {
    await handle.close();
    await s3.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
