import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { SEGMENT_BYTES } from '../src/storage/crypto/blob-format.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { bearer, createUser, loginWithToken } from './helpers/auth.js';
import { insertFinishedDub } from './helpers/dub-fixture.js';

const S = SEGMENT_BYTES;

/**
 * With ENCRYPTION_AT_REST=on, job artifacts are served from encrypted blobs
 * exactly as from plain files: whole, by one range across segment edges,
 * a suffix, 416 past the end; a blob tampered with in storage serves nothing.
 */
describe('artifacts encrypted at rest, over HTTP', () => {
  let t: TestApp;
  let token: string;
  let job: string;
  const video = Buffer.concat([Buffer.from('CANARY-IN-THE-VIDEO '), randomBytes(5 * S + 321)]);
  const get = (name: string, range?: string) => t.app.inject({ url: `/api/jobs/${job}/artifacts/${name}`, headers: { ...bearer(token), ...(range && { range }) } });

  before(async () => {
    t = await createTestApp({ env: { ENCRYPTION_AT_REST: 'on' } });
    const mika = (await createUser(t, 'mika', 'viewer')).id;
    token = (await loginWithToken(t, 'mika')).access_token;
    job = await insertFinishedDub(t, mika, { 'dubbed.mp4': video, 'segments.json': '{}' });
  });
  after(() => t.close());

  test('whole, one range across segment edges, a suffix, past the end', async () => {
    assert.equal((await t.services.blobs.stat(`artifacts/${job}/dubbed.mp4`))!.encrypted, true);
    const whole = await get('dubbed.mp4');
    assert.equal(whole.statusCode, 200);
    assert.deepEqual(whole.rawPayload, video);
    const middle = await get('dubbed.mp4', `bytes=${S - 10}-${3 * S + 9}`);
    assert.equal(middle.statusCode, 206);
    assert.equal(middle.headers['content-range'], `bytes ${S - 10}-${3 * S + 9}/${video.length}`);
    assert.deepEqual(middle.rawPayload, video.subarray(S - 10, 3 * S + 10));
    const suffix = await get('dubbed.mp4', 'bytes=-100');
    assert.deepEqual(suffix.rawPayload, video.subarray(video.length - 100));
    const past = await get('dubbed.mp4', `bytes=${video.length}-`);
    assert.equal(past.statusCode, 416);
    assert.equal(past.headers['content-range'], `bytes */${video.length}`);
  });

  test('nothing of the plaintext in storage; a tampered blob answers stored_file_damaged with no byte of it', async () => {
    const row = await t.services.db.selectFrom('blobs').select(['id', 'stored_size']).where('key', '=', `artifacts/${job}/dubbed.mp4`).executeTakeFirstOrThrow();
    const objects = (await import('../src/storage/open-storage.js')).objectStoreFor(t.config.storage, t.dataDir);
    const stored = await objects.read(row.id, 0, Number(row.stored_size));
    assert.equal(stored.indexOf('CANARY-IN-THE-VIDEO'), -1);
    const tampered = Buffer.from(stored);
    tampered[120]! ^= 0x80;
    await objects.put(row.id, Readable.from([tampered]));
    const damaged = await get('dubbed.mp4', 'bytes=0-99');
    assert.equal(damaged.statusCode, 500);
    assert.equal(damaged.json().error.code, 'stored_file_damaged');
    assert.equal(damaged.body.indexOf('CANARY'), -1);
    await objects.put(row.id, Readable.from([stored]));
    assert.equal((await get('dubbed.mp4', 'bytes=0-19')).body, 'CANARY-IN-THE-VIDEO ');
  });
});
