import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestApp } from '../../../test/helpers/app.js';
import { bearer, createUser, loginWithToken } from '../../../test/helpers/auth.js';
import { insertFinishedDub } from '../../../test/helpers/dub-fixture.js';
import { ownershipTest } from '../../../test/helpers/ownership.js';
import { mediaPlaylist } from '../media/hls-playlists.js';

const meOf = async (t: Parameters<typeof insertFinishedDub>[0], token: string) => (await t.app.inject({ url: '/api/auth/me', headers: bearer(token) })).json().user.id as string;
/** A package small enough to write by hand: the routes read it, nothing plays it. */
const PACKAGE = { 'hls-video.m3u8': mediaPlaylist('hls-video.ts', [{ durationSeconds: 2, offset: 0, length: 188 }]), 'hls-video.ts': Buffer.alloc(188, 0x47), 'dubbed.mp4': 'not a real video' };

ownershipTest({
  name: 'a dub\'s playback, HLS package and QR code',
  role: 'viewer',
  async create(t, token) {
    return insertFinishedDub(t, await meOf(t, token), { ...PACKAGE, 'hls.m3u8': '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1000\nhls-video.m3u8\n' });
  },
  routes: [
    { method: 'GET', url: (id) => `/api/jobs/${id}/playback` },
    { method: 'GET', url: (id) => `/api/jobs/${id}/hls/hls.m3u8` },
    { method: 'GET', url: (id) => `/api/jobs/${id}/hls/hls-video.ts` },
    { method: 'GET', url: (id) => `/api/jobs/${id}/qrcode` },
  ],
  keyScopes: ['read:job'],
  missingId: () => '0'.repeat(32),
  async stillThere(t, token, id) {
    const routes = [`/api/jobs/${id}/playback`, `/api/jobs/${id}/hls/hls.m3u8`, `/api/jobs/${id}/hls/hls-video.ts`, `/api/jobs/${id}/qrcode`];
    const answers = await Promise.all(routes.map((url) => t.app.inject({ url, headers: bearer(token) })));
    // The owner, a viewer, reads all of it.
    for (const [index, answer] of answers.entries()) assert.equal(answer.statusCode, 200, `${routes[index]}: ${answer.body}`);
    return true;
  },
});

test('the playback and QR routes are not signable: a signed URL never lists sources (and so never mints more URLs)', async () => {
  const t = await createTestApp();
  try {
    await createUser(t, 'mika', 'viewer');
    const { access_token } = await loginWithToken(t, 'mika');
    const id = await insertFinishedDub(t, await meOf(t, access_token), PACKAGE);
    for (const path of [`/api/jobs/${id}/playback`, `/api/jobs/${id}/qrcode`]) {
      const minted = await t.app.inject({ method: 'POST', url: '/api/signed-urls', headers: bearer(access_token), payload: { path } });
      assert.deepEqual([minted.statusCode, minted.json().error.code], [400, 'not_signable'], path);
    }
  } finally {
    await t.close();
  }
});
