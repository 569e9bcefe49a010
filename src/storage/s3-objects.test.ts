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
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { bearer, createUser, loginWithToken } from '../../test/helpers/auth.js';
import { startLocalS3 } from '../../test/helpers/s3.js';
import { verdictOf } from '../../test/helpers/tus.js';
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

test('S3 unreachable during an upload: the PATCH answers 503 storage_unavailable, the upload stays resumable, and resumes once S3 is back', { timeout: 60_000 }, async () => {
  const s3 = await startLocalS3();
  const { bucket, endpoint, accessKeyId, secretAccessKey } = s3.settings;
  const settings = { STORAGE: 's3', S3_BUCKET: bucket, S3_ACCESS_KEY_ID: accessKeyId, S3_SECRET_ACCESS_KEY: secretAccessKey, ENCRYPTION_AT_REST: 'on' };
  const root = mkdtempSync(join(tmpdir(), 'sakuga-s3-upload-down-'));
  const dataDir = join(root, 'data');
  const body = Buffer.from(JSON.stringify({ lines: Array.from({ length: 2_000 }, (_, i) => `line ${i}`) }));
  const tus = (token: string) => ({ ...bearer(token), 'tus-resumable': '1.0.0' });
  const patch = (t: TestApp, token: string, id: string, offset: number, bytes: Buffer) =>
    t.app.inject({ method: 'PATCH', url: `/api/uploads/${id}`, headers: { ...tus(token), 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' }, payload: bytes });
  let down: TestApp | undefined;
  let up: TestApp | undefined;
  try {
    down = await createTestApp({ dataDir, env: { ...settings, S3_ENDPOINT: 'http://127.0.0.1:9' } });
    await createUser(down, 'kaito', 'operator');
    const token = (await loginWithToken(down, 'kaito')).access_token;
    const metadata = `filename ${Buffer.from('lines.json').toString('base64')},kind ${Buffer.from('data').toString('base64')}`;
    const created = await down.app.inject({ method: 'POST', url: '/api/uploads', headers: { ...tus(token), 'upload-length': String(body.length), 'upload-metadata': metadata } });
    assert.equal(created.statusCode, 201, created.body);
    const id = String(created.headers.location).split('/').pop()!;
    const refused = await patch(down, token, id, 0, body);
    assert.equal(refused.statusCode, 503, refused.body);
    assert.equal(JSON.parse(refused.body).error.code, 'storage_unavailable');
    assert.doesNotMatch(refused.body, /127\.0\.0\.1|ECONNREFUSED|stack/);
    assert.equal((await down.app.inject({ url: `/api/uploads/${id}`, headers: bearer(token) })).json().status, 'receiving', 'the upload is still there');
    await down.close();
    down = undefined;

    up = await createTestApp({ dataDir, env: { ...settings, S3_ENDPOINT: endpoint! } });
    const head = await up.app.inject({ method: 'HEAD', url: `/api/uploads/${id}`, headers: tus(token) });
    assert.equal(head.headers['upload-offset'], '0');
    assert.equal((await patch(up, token, id, 0, body)).statusCode, 204);
    const verdict = await verdictOf(up, token, id);
    assert.equal(verdict.status, 'accepted', JSON.stringify(verdict));
  } finally {
    await down?.close();
    await up?.close();
    await s3.close();
    rmSync(root, { recursive: true, force: true });
  }
});
