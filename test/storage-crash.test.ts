import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { openStorageKeyring } from '../src/storage/keys/storage-keys.js';
import { openStorage } from '../src/storage/open-storage.js';
import { startCli, startServer } from './helpers/process.js';

function dataDirOf(): { root: string; dataDir: string } {
  const root = mkdtempSync(join(tmpdir(), 'sakuga-crash-'));
  chmodSync(root, 0o711);
  const dataDir = join(root, 'data');
  mkdirSync(dataDir, { mode: 0o700 });
  return { root, dataDir };
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(20)) if (await check()) return;
  assert.fail(`timed out waiting for ${what}`);
}

/**
 * kill -9 in the middle of the two background jobs of encryption at rest,
 * in real processes: after a restart each finishes, and every blob reads back
 * whole. Nothing is lost or left unreadable.
 */
test('kill -9 during a key rotation\'s re-wrap: `keys rewrap` finishes it, every data key opens under the new key', { timeout: 120_000 }, async () => {
  const { root, dataDir } = dataDirOf();
  const env = { SAKUGA_DATA_DIR: dataDir, ENCRYPTION_AT_REST: 'on', LOG_LEVEL: 'warn' };
  const handle = openDatabase({ kind: 'sqlite', file: join(dataDir, 'sakuga.db') });
  try {
    await migrateToLatest(handle.db);
    const { blobs } = await openStorage({ config: { backend: 'fs', encrypted: true }, dataDir, db: handle.db, now: () => new Date() });
    // Many rows, small files: the re-wrap's batches, not the bytes, are what takes time.
    for (let i = 0; i < 4_000; i++) await blobs.put(`uploads/u${String(i).padStart(4, '0')}`, Readable.from([Buffer.from(`film ${i}`)]));

    const rotation = startCli(['keys', 'rotate'], env);
    await until(() => / left\n/.test(rotation.output()), 'the first batch', 60_000);
    rotation.child.kill('SIGKILL');
    await rotation.exited;
    const behind = await handle.db.selectFrom('blobs').select('kid').execute();
    const kids = new Set(behind.map((row) => row.kid));
    assert.equal(kids.size, 2, `cut short: data keys under the old key and the new (${rotation.output()})`);

    const resumed = startCli(['keys', 'rewrap'], env);
    assert.equal(await resumed.exited, 0, resumed.output());
    const keyring = (await openStorageKeyring({ db: handle.db, dataDir, encrypted: true, now: () => new Date() }))!;
    const rows = await handle.db.selectFrom('blobs').select(['id', 'kid', 'wrapped_key']).execute();
    assert.ok(rows.every((row) => row.kid === keyring.activeKid), 'all under the active key');
    const reopened = (await openStorage({ config: { backend: 'fs', encrypted: true }, dataDir, db: handle.db, now: () => new Date() })).blobs;
    for (const i of [0, 1_999, 3_999]) assert.equal((await buffer((await reopened.read(`uploads/u${String(i).padStart(4, '0')}`))!.body)).toString(), `film ${i}`);
  } finally {
    await handle.close();
    rmSync(root, { recursive: true, force: true });
  }
});

test('kill -9 while the server encrypts blobs stored before encryption was on: the next start finishes, every blob reads back whole', { timeout: 120_000 }, async () => {
  const { root, dataDir } = dataDirOf();
  const handle = openDatabase({ kind: 'sqlite', file: join(dataDir, 'sakuga.db') });
  try {
    await migrateToLatest(handle.db);
    const { blobs } = await openStorage({ config: { backend: 'fs', encrypted: false }, dataDir, db: handle.db, now: () => new Date() });
    const contents = new Map<string, Buffer>();
    for (let i = 0; i < 400; i++) {
      const bytes = randomBytes(96 * 1024);
      contents.set(`uploads/u${i}`, bytes);
      await blobs.put(`uploads/u${i}`, Readable.from([bytes]));
    }
    const plaintext = async () => (await handle.db.selectFrom('blobs').select('key').where('kid', 'is', null).execute()).length;
    const env = { SAKUGA_DATA_DIR: dataDir, ENCRYPTION_AT_REST: 'on', LOG_LEVEL: 'info', EMBEDDED_WORKER: 'false' };

    const first = await startServer(env);
    await until(async () => (await plaintext()) < 400, 'the first blobs sealed');
    first.child.kill('SIGKILL');
    await first.exited;
    const left = await plaintext();
    assert.ok(left > 0, 'cut short while blobs were still plaintext');

    const second = await startServer(env);
    try {
      await until(async () => (await plaintext()) === 0, 'every blob sealed');
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
    const reading = (await openStorage({ config: { backend: 'fs', encrypted: true }, dataDir, db: handle.db, now: () => new Date() })).blobs;
    for (const [key, bytes] of contents) assert.deepEqual(await buffer((await reading.read(key))!.body), bytes, key);
  } finally {
    await handle.close();
    rmSync(root, { recursive: true, force: true });
  }
});
