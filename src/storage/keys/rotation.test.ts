import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { test } from 'node:test';
import { openDatabase } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { openStorage } from '../open-storage.js';
import { keyStatus, retireKey, rewrapDataKeys, rotateKey } from './rotation.js';
import { openStorageKeyring, StorageKeyError } from './storage-keys.js';

test('rotation: a new active key, data keys re-wrapped in resumable batches without touching a blob, then the old key retired', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sakuga-rotate-'));
  const handle = openDatabase({ kind: 'sqlite', file: join(dataDir, 'sakuga.db') });
  const now = () => new Date();
  const open = () => openStorage({ config: { backend: 'fs', encrypted: true }, dataDir, db: handle.db, now });
  const keyringNow = async () => (await openStorageKeyring({ db: handle.db, dataDir, encrypted: true, now }))!;
  try {
    await migrateToLatest(handle.db);
    const { blobs, objects } = await open();
    for (let i = 0; i < 1_203; i++) await blobs.put(`uploads/u${i}`, Readable.from([Buffer.from(`film ${i}`)]));
    const objectIds = async () => {
      const ids: string[] = [];
      for await (const { id } of objects.list()) ids.push(id);
      return ids.sort();
    };
    const before = await objectIds();
    const [first] = (await keyStatus(handle.db)).keys;
    assert.deepEqual([first!.state, first!.blobs], ['active', 1_203]);

    const second = await rotateKey(handle.db, dataDir, now());
    assert.deepEqual((await keyStatus(handle.db)).keys.map((key) => [key.kid, key.state]), [[first!.kid, 'decrypt'], [second, 'active']]);
    // The old key cannot be retired while it still wraps data keys.
    await assert.rejects(retireKey(handle.db, first!.kid, now()), StorageKeyError);

    // Stopped after the first batch: the rest is still readable under the old key, and the next run finishes.
    const stop = new AbortController();
    const seen: number[] = [];
    const partial = await rewrapDataKeys({ db: handle.db, keyring: await keyringNow(), signal: stop.signal, progress: (left) => (seen.push(left), stop.abort()) });
    assert.deepEqual([partial.rewrapped, partial.left], [500, 703]);
    const reading = (await open()).blobs;
    assert.equal((await buffer((await reading.read('uploads/u1202'))!.body)).toString(), 'film 1202');
    const done = await rewrapDataKeys({ db: handle.db, keyring: await keyringNow(), progress: (left) => seen.push(left) });
    assert.deepEqual([done.rewrapped, done.left], [703, 0]);
    assert.deepEqual(seen, [703, 203, 0], 'progress after each batch');
    assert.deepEqual(await objectIds(), before, 'no blob was rewritten');

    await retireKey(handle.db, first!.kid, now());
    await assert.rejects(retireKey(handle.db, second, now()), /active key/);
    const after = (await open()).blobs;
    for (const i of [0, 600, 1_202]) assert.equal((await buffer((await after.read(`uploads/u${i}`))!.body)).toString(), `film ${i}`);
    assert.deepEqual((await keyStatus(handle.db)).keys.map((key) => [key.state, key.blobs]), [['retired', 0], ['active', 1_203]]);
  } finally {
    await handle.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
