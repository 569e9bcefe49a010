import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Upload } from 'tus-js-client';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { bearer, createUser, loginWithToken } from '../../test/helpers/auth.js';
import { makeVideo } from '../../test/helpers/media.js';
import { ownershipTest } from '../../test/helpers/ownership.js';
import { verdictOf } from '../../test/helpers/tus.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const metadataHeader = (fields: Record<string, string>) =>
  Object.entries(fields)
    .map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
    .join(',');

/** Creates an upload with a bare tus POST; returns the response. */
function create(t: TestApp, token: string, fields: Record<string, string>, length: number) {
  return t.app.inject({
    method: 'POST',
    url: '/api/uploads',
    headers: { ...bearer(token), 'tus-resumable': '1.0.0', 'upload-length': String(length), 'upload-metadata': metadataHeader(fields) },
  });
}

describe('tus uploads', () => {
  let t: TestApp;
  let base: string;
  let media: string;
  let video: Buffer;
  before(async () => {
    media = mkdtempSync(join(tmpdir(), 'sakuga-media-'));
    video = readFileSync(await makeVideo(media, 'clip.mp4', { seconds: 3 }));
    t = await createTestApp();
    await createUser(t, 'kaito', 'operator');
    await createUser(t, 'mika', 'viewer');
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await t.close();
    rmSync(media, { recursive: true, force: true });
  });

  const uploadFiles = () => readdirSync(join(t.dataDir, 'uploads'));

  test('the official tus-js-client uploads in chunks; the stored bytes are identical', async () => {
    const { access_token } = await loginWithToken(t, 'kaito');
    const url = await new Promise<string>((resolve, reject) => {
      const upload = new Upload(video, {
        endpoint: `${base}/api/uploads`,
        headers: bearer(access_token),
        metadata: { filename: 'Episode 1.mp4', kind: 'video' },
        chunkSize: 64 * 1024,
        retryDelays: [],
        onError: reject,
        onSuccess: () => resolve(upload.url!),
      });
      upload.start();
    });
    const id = url.split('/').pop()!;
    assert.match(id, /^[0-9a-f]{32}$/, 'the server chose the id');
    assert.equal(sha256(readFileSync(join(t.dataDir, 'uploads', id))), sha256(video));
    const verdict = await verdictOf(t, access_token, id);
    assert.deepEqual([verdict.filename, verdict.kind, verdict.size, verdict.status, verdict.sha256], ['Episode 1.mp4', 'video', video.length, 'accepted', sha256(video)]);
    const status = await t.app.inject({ url: `/api/uploads/${id}`, headers: bearer(access_token) });
    assert.ok(!status.body.includes(video.subarray(0, 64).toString('latin1')), 'GET answers the status, never the bytes');
  });

  test('a declared size over the kind\'s limit is 413 before a byte is written', async () => {
    const { access_token } = await loginWithToken(t, 'kaito');
    const before = uploadFiles().length;
    const response = await create(t, access_token, { filename: 'huge.png', kind: 'image' }, 10 * 1024 * 1024 + 1);
    assert.equal(response.statusCode, 413);
    assert.equal(response.json().error.code, 'upload_too_large');
    assert.equal(uploadFiles().length, before);
  });

  test('kind, extension, file name and length are checked at creation', async () => {
    const { access_token } = await loginWithToken(t, 'kaito');
    const cases: Array<[Record<string, string>, number, string]> = [
      [{ filename: 'x.mp4', kind: 'executable' }, 10, 'upload_kind_invalid'],
      [{ filename: 'x.exe', kind: 'video' }, 10, 'extension_not_allowed'],
      [{ filename: 'x.mp4.html', kind: 'video' }, 10, 'extension_not_allowed'],
      [{ kind: 'video' }, 10, 'upload_filename_missing'],
    ];
    for (const [fields, length, code] of cases) {
      const response = await create(t, access_token, fields, length);
      assert.equal(response.statusCode, 400, JSON.stringify(fields));
      assert.equal(response.json().error.code, code);
    }
  });

  test('no wildcard CORS: a foreign origin gets no Access-Control-Allow-Origin', async () => {
    const { access_token } = await loginWithToken(t, 'kaito');
    const created = await create(t, access_token, { filename: 'x.srt', kind: 'subtitles' }, 10);
    const head = await t.app.inject({
      method: 'HEAD',
      url: String(created.headers.location),
      headers: { ...bearer(access_token), 'tus-resumable': '1.0.0', origin: 'https://evil.example' },
    });
    assert.equal(head.statusCode, 200);
    assert.equal(head.headers['access-control-allow-origin'], undefined);
    assert.equal(head.headers['x-content-type-options'], 'nosniff', 'Sakuga\'s security headers come along');
  });

  test('viewers cannot upload', async () => {
    const { access_token } = await loginWithToken(t, 'mika');
    assert.equal((await create(t, access_token, { filename: 'x.mp4', kind: 'video' }, 10)).statusCode, 403);
  });

  test('HEAD of someone else\'s upload is a 404, like a missing one', async () => {
    const owner = (await loginWithToken(t, 'kaito')).access_token;
    const created = await create(t, owner, { filename: 'x.srt', kind: 'subtitles' }, 10);
    const id = String(created.headers.location).split('/').pop();
    await createUser(t, 'sora', 'operator');
    const other = (await loginWithToken(t, 'sora')).access_token;
    const head = (target: string) => t.app.inject({ method: 'HEAD', url: `/api/uploads/${target}`, headers: { ...bearer(other), 'tus-resumable': '1.0.0' } });
    assert.equal((await head(id!)).statusCode, 404);
    assert.equal((await head('0'.repeat(32))).statusCode, 404);
  });
});

ownershipTest({
  name: 'uploads',
  async create(t, token) {
    const response = await create(t, token, { filename: 'lines.srt', kind: 'subtitles' }, 100);
    assert.equal(response.statusCode, 201, response.body);
    return String(response.headers.location).split('/').pop()!;
  },
  routes: [
    { method: 'GET', url: (id) => `/api/uploads/${id}` },
    { method: 'DELETE', url: (id) => `/api/uploads/${id}` },
  ],
  keyScopes: ['read:job', 'submit:job'],
  missingId: () => '0'.repeat(32),
  stillThere: async (t, token, id) => (await t.app.inject({ url: `/api/uploads/${id}`, headers: bearer(token) })).statusCode === 200,
});
