import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Upload } from 'tus-js-client';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { bearer, createUser, loginWithToken } from '../../test/helpers/auth.js';
import { HOUR, manualClock } from '../../test/helpers/clock.js';
import { makeVideo } from '../../test/helpers/media.js';
import { ownershipTest } from '../../test/helpers/ownership.js';
import { storedUpload, uploadBlobs, verdictOf } from '../../test/helpers/tus.js';

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

  /** How many uploads there are, and how many blobs they hold. */
  const uploadsStored = async () => ({ rows: (await t.services.db.selectFrom('uploads').select('id').execute()).length, blobs: (await t.services.blobs.list('uploads/')).length });

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
    assert.equal(sha256((await storedUpload(t, id))!), sha256(video));
    const verdict = await verdictOf(t, access_token, id);
    assert.deepEqual([verdict.filename, verdict.kind, verdict.size, verdict.status, verdict.sha256], ['Episode 1.mp4', 'video', video.length, 'accepted', sha256(video)]);
    const status = await t.app.inject({ url: `/api/uploads/${id}`, headers: bearer(access_token) });
    assert.ok(!status.body.includes(video.subarray(0, 64).toString('latin1')), 'GET answers the status, never the bytes');
  });

  test('a declared size over the kind\'s limit is 413 before a byte is written', async () => {
    const { access_token } = await loginWithToken(t, 'kaito');
    const before = await uploadsStored();
    const response = await create(t, access_token, { filename: 'huge.png', kind: 'image' }, 10 * 1024 * 1024 + 1);
    assert.equal(response.statusCode, 413);
    assert.equal(response.json().error.code, 'upload_too_large');
    assert.deepEqual(await uploadsStored(), before);
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

  test('tus discovery: OPTIONS answers 204 with Tus-Version, Tus-Extension and Tus-Max-Size (tus 1.0)', async () => {
    const response = await t.app.inject({ method: 'OPTIONS', url: '/api/uploads' });
    assert.equal(response.statusCode, 204);
    assert.equal(response.headers['tus-version'], '1.0.0');
    const extensions = String(response.headers['tus-extension']).split(',');
    for (const extension of ['creation', 'termination', 'expiration']) assert.ok(extensions.includes(extension), `${extension} in ${extensions.join(',')}`);
    assert.equal(Number(response.headers['tus-max-size']), t.services.uploads.largestLimit);
    assert.equal(response.headers['x-content-type-options'], 'nosniff', 'Sakuga\'s security headers come along');
  });

  test('a CORS preflight for a tus PATCH allows the tus headers for a configured origin only', async () => {
    const allowed = await createTestApp({ env: { CORS_ORIGINS: 'https://studio.example' } });
    try {
      const preflight = (origin: string, url = '/api/uploads/0123456789abcdef0123456789abcdef') =>
        allowed.app.inject({
          method: 'OPTIONS',
          url,
          headers: { origin, 'access-control-request-method': 'PATCH', 'access-control-request-headers': 'upload-offset,tus-resumable,x-csrf-token,content-type' },
        });
      const ok = await preflight('https://studio.example');
      assert.equal(ok.statusCode, 204);
      assert.equal(ok.headers['access-control-allow-origin'], 'https://studio.example');
      const headers = String(ok.headers['access-control-allow-headers']).toLowerCase();
      for (const name of ['upload-offset', 'tus-resumable', 'x-csrf-token']) assert.ok(headers.includes(name), `${name} allowed`);
      assert.ok(String(ok.headers['access-control-allow-methods']).includes('PATCH'));
      // (Not an upload URL: a preflight the CORS plugin refuses falls through to tus, whose store would start on this short-lived app.)
      const foreign = await preflight('https://evil.example', '/api/jobs');
      assert.equal(foreign.headers['access-control-allow-origin'], undefined);
    } finally {
      await allowed.close();
    }
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

describe('upload limits and abuse', () => {
  const patch = (t: TestApp, token: string, id: string, offset: number, body: Buffer) =>
    t.app.inject({
      method: 'PATCH',
      url: `/api/uploads/${id}`,
      headers: { ...bearer(token), 'tus-resumable': '1.0.0', 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' },
      payload: body,
    });
  const idOf = (response: { headers: Record<string, unknown> }) => String(response.headers.location).split('/').pop()!;

  test('bytes beyond the declared length and wrong offsets are refused; the file never grows past its size', async () => {
    const t = await createTestApp();
    try {
      await createUser(t, 'kaito', 'operator');
      const token = (await loginWithToken(t, 'kaito')).access_token;
      const id = idOf(await create(t, token, { filename: 'x.json', kind: 'data' }, 10));
      const tooMuch = await patch(t, token, id, 0, Buffer.alloc(64, 0x41));
      assert.ok(tooMuch.statusCode >= 400 && tooMuch.statusCode < 500, `beyond the length: ${tooMuch.statusCode}`);
      const wrongOffset = await patch(t, token, id, 5, Buffer.from('{}'));
      assert.equal(wrongOffset.statusCode, 409, 'a wrong offset conflicts');
      const size = (await storedUpload(t, id))?.length ?? 0;
      assert.ok(size <= 10, `stored ${size} bytes for a 10-byte upload`);
    } finally {
      await t.close();
    }
  });

  test('quota, unfinished uploads at once, and the creation rate are enforced per user', async () => {
    const t = await createTestApp({ env: { UPLOAD_QUOTA_BYTES: '1000', MAX_CONCURRENT_UPLOADS: '2' } });
    try {
      await createUser(t, 'kaito', 'operator');
      await createUser(t, 'sora', 'operator');
      const kaito = (await loginWithToken(t, 'kaito')).access_token;
      assert.equal((await create(t, kaito, { filename: 'a.srt', kind: 'subtitles' }, 400)).statusCode, 201);
      assert.equal((await create(t, kaito, { filename: 'b.srt', kind: 'subtitles' }, 400)).statusCode, 201);
      const third = await create(t, kaito, { filename: 'c.srt', kind: 'subtitles' }, 10);
      assert.equal(third.statusCode, 429);
      assert.equal(third.json().error.code, 'too_many_uploads');

      const sora = (await loginWithToken(t, 'sora')).access_token;
      assert.equal((await create(t, sora, { filename: 'a.srt', kind: 'subtitles' }, 600)).statusCode, 201);
      const over = await create(t, sora, { filename: 'b.srt', kind: 'subtitles' }, 500);
      assert.equal(over.statusCode, 413);
      assert.equal(over.json().error.code, 'quota_exceeded');
    } finally {
      await t.close();
    }

    const busy = await createTestApp({ env: { MAX_CONCURRENT_UPLOADS: '100' } });
    try {
      await createUser(busy, 'kaito', 'operator');
      const token = (await loginWithToken(busy, 'kaito')).access_token;
      for (let i = 0; i < 60; i += 1) {
        const response = await create(busy, token, { filename: `${i}.srt`, kind: 'subtitles' }, 10);
        if (response.statusCode === 429) assert.fail(`limited too early, at ${i}`);
        if (i % 2 === 0) await busy.app.inject({ method: 'DELETE', url: `/api/uploads/${idOf(response)}`, headers: { ...bearer(token), 'tus-resumable': '1.0.0' } });
      }
      const limited = await create(busy, token, { filename: 'x.srt', kind: 'subtitles' }, 10);
      assert.equal(limited.statusCode, 429);
      assert.equal(limited.json().error.code, 'rate_limited');
    } finally {
      await busy.close();
    }
  });

  test('an unfinished upload idle longer than UPLOAD_EXPIRY is deleted by the sweep', async () => {
    const clock = manualClock(new Date());
    const t = await createTestApp({ now: clock.now, env: { UPLOAD_EXPIRY: '24h' } });
    try {
      await createUser(t, 'kaito', 'operator');
      const token = (await loginWithToken(t, 'kaito')).access_token;
      const id = idOf(await create(t, token, { filename: 'a.srt', kind: 'subtitles' }, 100));
      assert.equal(await t.services.uploads.expireStale(), 0, 'not yet');
      clock.advance(25 * HOUR);
      assert.equal(await t.services.uploads.expireStale(), 1);
      assert.deepEqual(await uploadBlobs(t, id), []);
      const token2 = (await loginWithToken(t, 'kaito')).access_token;
      assert.equal((await t.app.inject({ url: `/api/uploads/${id}`, headers: bearer(token2) })).statusCode, 404);
    } finally {
      await t.close();
    }
  });
});
