import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { bearer, createUser, loginWithToken } from '../../test/helpers/auth.js';
import { manualClock, MINUTE } from '../../test/helpers/clock.js';

const clock = manualClock();

/** Creates an upload (receiving) with a bare tus POST, a minute after the last; returns its id. */
async function createUpload(t: TestApp, token: string, filename: string): Promise<string> {
  clock.advance(MINUTE);
  const metadata = `filename ${Buffer.from(filename).toString('base64')},kind ${Buffer.from('video').toString('base64')}`;
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/uploads',
    headers: { ...bearer(token), 'tus-resumable': '1.0.0', 'upload-length': '1000', 'upload-metadata': metadata },
  });
  assert.equal(response.statusCode, 201, response.body);
  return response.headers.location!.split('/').pop()!;
}

async function list(t: TestApp, token: string, query = '') {
  const response = await t.app.inject({ url: `/api/uploads${query}`, headers: bearer(token) });
  return { status: response.statusCode, body: response.json() };
}

describe('listing uploads', () => {
  let t: TestApp;
  let kaito: string;
  let mika: string;
  const kaitosUploads: string[] = [];
  let mikasUpload: string;
  before(async () => {
    t = await createTestApp({ now: clock.now });
    await createUser(t, 'kaito', 'operator');
    await createUser(t, 'mika', 'operator');
    kaito = (await loginWithToken(t, 'kaito')).access_token;
    mika = (await loginWithToken(t, 'mika')).access_token;
    for (const name of ['one.mp4', 'two.mp4', 'three.mp4']) kaitosUploads.push(await createUpload(t, kaito, name));
    mikasUpload = await createUpload(t, mika, 'hers.mp4');
  });
  after(() => t.close());

  test('the caller\'s own uploads, newest first, a page at a time', async () => {
    const first = await list(t, kaito, '?limit=2');
    assert.equal(first.status, 200);
    assert.deepEqual(
      first.body.uploads.map((upload: { filename: string; status: string }) => [upload.filename, upload.status]),
      [['three.mp4', 'receiving'], ['two.mp4', 'receiving']],
    );
    const second = await list(t, kaito, `?limit=2&cursor=${first.body.next_cursor}`);
    assert.deepEqual(second.body.uploads.map((upload: { id: string }) => upload.id), [kaitosUploads[0]]);
    assert.equal(second.body.next_cursor, undefined, 'no cursor after the last page');
  });

  test('security: another user\'s uploads never appear, not even through the owner\'s cursor', async () => {
    const all = await list(t, mika);
    assert.deepEqual(all.body.uploads.map((upload: { id: string }) => upload.id), [mikasUpload]);
    const kaitosCursor = (await list(t, kaito, '?limit=1')).body.next_cursor;
    const throughCursor = await list(t, mika, `?cursor=${kaitosCursor}`);
    assert.equal(throughCursor.status, 200);
    for (const upload of throughCursor.body.uploads as Array<{ id: string }>) assert.ok(!kaitosUploads.includes(upload.id), 'kaito\'s upload listed for mika');
  });

  test('a cursor the server did not give out is 400 invalid_cursor', async () => {
    for (const cursor of ['not-a-cursor', Buffer.from('["2026-01-01T00:00:00Z","../etc"]').toString('base64url')]) {
      const response = await list(t, kaito, `?cursor=${cursor}`);
      assert.equal(response.status, 400);
      assert.equal(response.body.error.code, 'invalid_cursor');
    }
  });

  test('the limits say what each kind accepts, before any upload', async () => {
    const response = await t.app.inject({ url: '/api/uploads/limits', headers: bearer(kaito) });
    assert.equal(response.statusCode, 200);
    const video = response.json().kinds.find((kind: { kind: string }) => kind.kind === 'video');
    assert.deepEqual(video, { kind: 'video', extensions: ['.mp4', '.mkv', '.mov', '.webm', '.m4v'], max_bytes: t.config.uploadLimits.video });
    assert.equal(response.json().max_video_seconds, t.config.mediaLimits.maxVideoSeconds);
  });

  test('signed out, neither list nor limits answer', async () => {
    for (const url of ['/api/uploads', '/api/uploads/limits']) assert.equal((await t.app.inject({ url })).statusCode, 401);
  });
});
