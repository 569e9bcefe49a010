import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { test } from 'node:test';
import pino from 'pino';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { createBlobStore } from './blob-store.js';
import { createKeyring, keyIdOf } from './crypto/data-key.js';
import { decryptAllBlobs, encryptExistingBlobs } from './encrypt-existing.js';
import { createFsObjects } from './fs-objects.js';
import type { ObjectStore } from './object-store.js';

const log = pino({ level: 'silent' });

test('encryption turned on later: existing blobs are sealed where they are, resumably, none lost; a blob replaced meanwhile keeps the new bytes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sakuga-seal-'));
  const handle = openDatabase({ kind: 'sqlite', file: join(dir, 'sakuga.db') });
  try {
    await migrateToLatest(handle.db);
    const objects = createFsObjects(join(dir, 'blobs'));
    const plain = createBlobStore({ db: handle.db, objects, now: () => new Date() });
    const contents = new Map<string, Buffer>();
    for (let i = 0; i < 12; i++) {
      const bytes = Buffer.concat([Buffer.from(`OLD-PLAINTEXT-CANARY-${i} `), randomBytes(i * 30_000)]);
      contents.set(`uploads/u${i}`, bytes);
      await plain.put(`uploads/u${i}`, Readable.from([bytes]));
    }
    const kek = randomBytes(32);
    const keyring = createKeyring([kek], keyIdOf(kek));

    // A run that dies after a few objects (its storage stops taking writes): nothing is lost, the next run finishes.
    let writes = 0;
    const failing: ObjectStore = { ...objects, put: async (id, body) => (++writes > 5 ? Promise.reject(new Error('the process died')) : objects.put(id, body)) };
    const interrupted = await encryptExistingBlobs({ blobs: createBlobStore({ db: handle.db, objects: failing, keyring, now: () => new Date() }), log });
    assert.equal(interrupted.sealed, 5);
    assert.equal(interrupted.remaining, 7);

    const encrypted = createBlobStore({ db: handle.db, objects, keyring, now: () => new Date() });
    // One blob is replaced while the run reads it: the run must not put the old bytes back.
    const replacedKey = 'uploads/u9';
    const racing: ObjectStore = {
      ...objects,
      async stream(id, range) {
        const row = await handle.db.selectFrom('blobs').select('key').where('id', '=', id).executeTakeFirst();
        if (row?.key === replacedKey) await encrypted.put(replacedKey, Readable.from([Buffer.from('written while sealing')]));
        return objects.stream(id, range);
      },
    };
    const finished = await encryptExistingBlobs({ blobs: createBlobStore({ db: handle.db, objects: racing, keyring, now: () => new Date() }), log });
    assert.equal(finished.remaining, 0);
    contents.set(replacedKey, Buffer.from('written while sealing'));

    for (const [key, bytes] of contents) {
      assert.equal((await encrypted.stat(key))!.encrypted, true, key);
      assert.deepEqual(await buffer((await encrypted.read(key))!.body), bytes, key);
    }
    for await (const { id } of objects.list()) assert.equal((await objects.read(id, 0, 1 << 20)).indexOf('OLD-PLAINTEXT-CANARY'), -1, 'no plaintext object left');
    assert.deepEqual(await encryptExistingBlobs({ blobs: encrypted, log }), { sealed: 0, remaining: 0 });

    // And back, explicitly (`sakuga keys decrypt`): cut short, then finished; every blob plaintext and whole, no sealed object left.
    writes = 0;
    const cut = await decryptAllBlobs({ blobs: createBlobStore({ db: handle.db, objects: failing, keyring, now: () => new Date() }), log });
    assert.deepEqual(cut, { decrypted: 5, remaining: contents.size - 5 });
    assert.deepEqual(await decryptAllBlobs({ blobs: encrypted, log }), { decrypted: contents.size - 5, remaining: 0 });
    const off = createBlobStore({ db: handle.db, objects, now: () => new Date() });
    for (const [key, bytes] of contents) {
      assert.equal((await off.stat(key))!.encrypted, false, key);
      assert.deepEqual(await buffer((await off.read(key))!.body), bytes, key);
    }
    for await (const { id } of objects.list()) assert.notEqual((await objects.read(id, 0, 4)).toString('latin1'), 'SKG1', 'no sealed object left');
  } finally {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
