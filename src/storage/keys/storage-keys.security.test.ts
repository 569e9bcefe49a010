import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { after, before, describe, test } from 'node:test';
import { databaseTargets, type TestDatabase } from '../../../test/helpers/databases.js';
import type { DatabaseHandle } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { openStorage } from '../open-storage.js';
import { StorageKeyError, storageKeysDir, writeNewKeyFile } from './storage-keys.js';

const now = () => new Date();

for (const target of await databaseTargets()) {
  describe(`encryption at rest fails safe (${target.dialect})`, { skip: target.skip }, () => {
    let database: TestDatabase;
    let handle: DatabaseHandle;
    let dataDir: string;
    const open = (encrypted: boolean) => openStorage({ config: { backend: 'fs', encrypted }, dataDir, db: handle.db, now });

    before(async () => {
      database = await target.create();
      handle = database.open();
      await migrateToLatest(handle.db);
      dataDir = mkdtempSync(join(tmpdir(), 'sakuga-keys-'));
    });
    after(async () => {
      await handle.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    test('turned on for the first time: one key is made (0600, named by its id) and recorded active; two starts at once agree on it', async () => {
      await Promise.all([open(true), open(true), open(true)]);
      const files = readdirSync(storageKeysDir(dataDir));
      assert.equal(files.length, 1, 'one key file');
      assert.equal(statSync(join(storageKeysDir(dataDir), files[0]!)).mode & 0o777, 0o600);
      const rows = await handle.db.selectFrom('storage_keys').selectAll().execute();
      assert.deepEqual(rows.map((row) => [row.kid, row.state]), [[files[0], 'active']]);
      const { blobs } = await open(true);
      const info = await blobs.put('uploads/first', Readable.from([Buffer.from('a private film')]));
      assert.equal(info.encrypted, true);
    });

    test('the active key\'s file missing: the start is refused, nothing is written in plaintext', async () => {
      const [kid] = readdirSync(storageKeysDir(dataDir));
      const file = join(storageKeysDir(dataDir), kid!);
      renameSync(file, `${file}.away`);
      try {
        await assert.rejects(open(true), (error: unknown) => error instanceof StorageKeyError && /not in secrets\/storage-keys/.test(error.message));
        assert.equal((await handle.db.selectFrom('blobs').select('key').execute()).length, 1);
      } finally {
        renameSync(`${file}.away`, file);
      }
    });

    test('a key file that is not the key its name says is refused', async () => {
      const [kid] = readdirSync(storageKeysDir(dataDir));
      const file = join(storageKeysDir(dataDir), kid!);
      const original = readFileSync(file);
      writeFileSync(file, `${Buffer.alloc(32, 7).toString('base64url')}\n`);
      try {
        await assert.rejects(open(true), StorageKeyError);
      } finally {
        writeFileSync(file, original);
      }
    });

    test('turned off while blobs are encrypted: refused, rather than writing plaintext beside them', async () => {
      await assert.rejects(open(false), (error: unknown) => error instanceof StorageKeyError && /ENCRYPTION_AT_REST is off/.test(error.message));
      const { blobs } = await open(true);
      assert.equal((await buffer((await blobs.read('uploads/first'))!.body)).toString(), 'a private film');
    });

    test('a key retired while blobs are still sealed under it: refused, naming the key', async () => {
      const [old] = readdirSync(storageKeysDir(dataDir));
      const { kid } = writeNewKeyFile(storageKeysDir(dataDir));
      const at = new Date().toISOString();
      await handle.db.updateTable('storage_keys').set({ state: 'retired' }).where('kid', '=', old!).execute();
      await handle.db.insertInto('storage_keys').values({ kid, state: 'active', created_at: at, updated_at: at }).execute();
      await assert.rejects(open(true), (error: unknown) => error instanceof StorageKeyError && error.message.includes(old!));
      await handle.db.updateTable('storage_keys').set({ state: 'decrypt' }).where('kid', '=', old!).execute();
      const { blobs } = await open(true);
      assert.equal((await buffer((await blobs.read('uploads/first'))!.body)).toString(), 'a private film', 'a decrypt-only key still opens');
      assert.equal((await blobs.put('uploads/second', Readable.from([Buffer.from('new')]))).encrypted, true);
      const row = await handle.db.selectFrom('blobs').select('kid').where('key', '=', 'uploads/second').executeTakeFirstOrThrow();
      assert.equal(row.kid, kid, 'new blobs under the active key');
    });

    test('a database restored without its key records: refused, never a new key that opens nothing', async () => {
      await handle.db.deleteFrom('storage_keys').execute();
      await assert.rejects(open(true), (error: unknown) => error instanceof StorageKeyError && /no storage key is recorded/.test(error.message));
    });
  });
}
