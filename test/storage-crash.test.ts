import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
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
import { PART_BYTES } from '../src/uploads/receiving-store.js';
import { TEST_PASSWORD } from './helpers/auth.js';
import { runCli, startCli, startServer } from './helpers/process.js';

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

test('kill -9 in the middle of an encrypted upload: after a restart it resumes from the parts that were stored, and is accepted whole', { timeout: 120_000 }, async () => {
  const { root, dataDir } = dataDirOf();
  const env = { SAKUGA_DATA_DIR: dataDir, ENCRYPTION_AT_REST: 'on', LOG_LEVEL: 'warn', EMBEDDED_WORKER: 'false', UPLOAD_MAX_DATA_BYTES: String(64 * 1024 ** 2) };
  const body = Buffer.from(JSON.stringify({ frames: Array.from({ length: 1_000_000 }, (_, i) => `UPLOAD-CANARY-${i}`) }));
  assert.ok(body.length > 2 * PART_BYTES, 'more than two parts');
  try {
    assert.equal((await runCli(['user', 'create', '--username', 'kaito', '--role', 'operator', '--password-stdin'], env, TEST_PASSWORD)).code, 0);
    const first = await startServer(env);
    const base = `http://127.0.0.1:${first.port}`;
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'kaito', password: TEST_PASSWORD }) });
    const { access_token: token } = (await login.json()) as { access_token: string };
    const tus = { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0' };
    const metadata = `filename ${Buffer.from('frames.json').toString('base64')},kind ${Buffer.from('data').toString('base64')}`;
    const created = await fetch(`${base}/api/uploads`, { method: 'POST', headers: { ...tus, 'upload-length': String(body.length), 'upload-metadata': metadata } });
    assert.equal(created.status, 201);
    const url = `${base}${created.headers.get('location')}`;

    // One PATCH with the whole body, sent slowly past the first part; the server dies with the second part in flight.
    const sent = PART_BYTES + 3 * 1024 * 1024;
    const request = httpRequest(url, { method: 'PATCH', headers: { ...tus, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream', 'content-length': String(body.length) } });
    request.on('error', () => undefined);
    for (let at = 0; at < sent; at += 256 * 1024) {
      if (!request.write(body.subarray(at, Math.min(at + 256 * 1024, sent)))) await once(request, 'drain');
    }
    const handle = openDatabase({ kind: 'sqlite', file: join(dataDir, 'sakuga.db') });
    try {
      await until(async () => (await handle.db.selectFrom('blobs').select('key').where('key', 'like', 'uploads/%').execute()).length > 0, 'the first part stored');
    } finally {
      await handle.close();
    }
    first.child.kill('SIGKILL');
    await first.exited;
    request.destroy();

    const second = await startServer(env);
    try {
      const again = `http://127.0.0.1:${second.port}${new URL(url).pathname}`;
      const resumeAt = Number((await fetch(again, { method: 'HEAD', headers: tus })).headers.get('upload-offset'));
      assert.equal(resumeAt, PART_BYTES, 'the stored part is durable; the one in flight is not counted');
      const rest = await fetch(again, { method: 'PATCH', headers: { ...tus, 'upload-offset': String(resumeAt), 'content-type': 'application/offset+octet-stream' }, body: body.subarray(resumeAt) });
      assert.equal(rest.status, 204, await rest.text());
      let status: { status: string; sha256?: string } = { status: 'validating' };
      await until(async () => {
        status = (await (await fetch(again, { headers: { authorization: `Bearer ${token}` } })).json()) as typeof status;
        return status.status !== 'validating' && status.status !== 'receiving';
      }, 'validation');
      assert.equal(status.status, 'accepted');
      assert.equal(status.sha256, createHash('sha256').update(body).digest('hex'), 'byte-identical');
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
    // Nothing of it in plaintext anywhere in the data dir: the parts, the kept file, the validation's scratch copy (gone).
    for (const path of readdirSync(dataDir, { recursive: true }).map((name) => join(dataDir, String(name)))) {
      if (statSync(path).isFile()) assert.equal(readFileSync(path).indexOf('UPLOAD-CANARY-'), -1, `plaintext in ${path.slice(dataDir.length)}`);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
