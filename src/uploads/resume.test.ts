import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Upload } from 'tus-js-client';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { bearer, createUser, loginWithToken } from '../../test/helpers/auth.js';
import { verdictOf } from '../../test/helpers/tus.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const CHUNK = 64 * 1024;
/** JSON big enough for many chunks: validation accepts it, so the whole path is exercised. */
const payload = Buffer.from(JSON.stringify({ frames: Array.from({ length: 20_000 }, (_, i) => ({ i, note: randomBytes(8).toString('hex') })) }));

async function listen(t: TestApp): Promise<string> {
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
}

/** Starts an upload and stops it (the connection dropped) once some chunks are in; resolves to its URL. */
function startThenDrop(base: string, token: string, stopAfterBytes: number, onStop: () => Promise<void> = async () => {}): Promise<string> {
  return new Promise((resolve, reject) => {
    let stopped = false;
    const upload: Upload = new Upload(payload, {
      endpoint: `${base}/api/uploads`,
      headers: bearer(token),
      metadata: { filename: 'frames.json', kind: 'data' },
      chunkSize: CHUNK,
      retryDelays: [],
      onProgress: (sent) => {
        if (stopped || sent < stopAfterBytes) return;
        stopped = true;
        // abort() tears down the request in flight (abort(true) would also delete the upload).
        void upload.abort().then(onStop).then(() => resolve(upload.url!), reject);
      },
      onError: (error) => (stopped ? undefined : reject(error)),
      onSuccess: () => reject(new Error('the upload finished before it could be interrupted')),
    });
    upload.start();
  });
}

function resume(base: string, token: string, url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const upload = new Upload(payload, {
      endpoint: `${base}/api/uploads`,
      uploadUrl: `${base}/api/uploads/${url.split('/').pop()}`,
      headers: bearer(token),
      metadata: { filename: 'frames.json', kind: 'data' },
      chunkSize: CHUNK,
      retryDelays: [],
      onError: reject,
      onSuccess: () => resolve(),
    });
    upload.start();
  });
}

test('an upload resumes after a dropped connection and is byte-identical', async () => {
  const t = await createTestApp();
  try {
    await createUser(t, 'kaito', 'operator');
    const token = (await loginWithToken(t, 'kaito')).access_token;
    const base = await listen(t);
    const url = await startThenDrop(base, token, 3 * CHUNK);
    const id = url.split('/').pop()!;
    const head = await t.app.inject({ method: 'HEAD', url: `/api/uploads/${id}`, headers: { ...bearer(token), 'tus-resumable': '1.0.0' } });
    const offset = Number(head.headers['upload-offset']);
    assert.ok(offset > 0 && offset < payload.length, `partial offset ${offset}`);

    await resume(base, token, url);
    const verdict = await verdictOf(t, token, id);
    assert.equal(verdict.status, 'accepted', JSON.stringify(verdict));
    assert.equal(verdict.sha256, sha256(payload));
  } finally {
    await t.close();
  }
});

test('an upload resumes after the server restarts and is byte-identical', async () => {
  const root = mkdtempSync(join(tmpdir(), 'sakuga-restart-'));
  const dataDir = join(root, 'data');
  try {
    const first = await createTestApp({ dataDir });
    await createUser(first, 'kaito', 'operator');
    const token = (await loginWithToken(first, 'kaito')).access_token;
    const url = await startThenDrop(await listen(first), token, 3 * CHUNK, () => first.close());

    const second = await createTestApp({ dataDir });
    try {
      await resume(await listen(second), token, url);
      const verdict = await verdictOf(second, token, url.split('/').pop()!);
      assert.equal(verdict.status, 'accepted', JSON.stringify(verdict));
      assert.equal(verdict.sha256, sha256(payload));
    } finally {
      await second.close();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
