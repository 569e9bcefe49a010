import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { auditEvents } from '../../test/helpers/audit.js';
import { bearer, createUser, loginWithToken } from '../../test/helpers/auth.js';
import { HOUR, manualClock, MINUTE } from '../../test/helpers/clock.js';
import { resolveSecrets } from '../config/generated-secrets.js';
import { createRouteMatcher } from '../http/route-table.js';
import { createUrlSigner } from './url-signer.js';

/** Stand-ins for the media routes jobs will add: one open to signed URLs, one not. */
function mediaRoutes(app: FastifyInstance) {
  const reply = async (request: { principal: { userId: string; via: string } | null }) => ({ user: request.principal!.userId, via: request.principal!.via });
  app.get('/api/test/media/:name', { config: { permission: 'jobs:read', signedUrl: true } }, reply);
  app.get('/api/test/uploads/:name', { config: { permission: 'jobs:submit', signedUrl: true } }, reply);
  app.get('/api/test/private/:name', { config: { permission: 'jobs:read' } }, reply);
}

const SECOND_KEY = 'Zr5kQ2wN8vLx3TbY7pHc1mGd4sJf9aEu_-6oKi0qWxE';

describe('signed URLs', () => {
  let t: TestApp;
  const clock = manualClock(new Date());
  const ids: Record<string, string> = {};
  before(async () => {
    t = await createTestApp({ now: clock.now, extend: mediaRoutes });
    ids.mika = (await createUser(t, 'mika', 'viewer')).id;
    ids.sora = (await createUser(t, 'sora', 'viewer')).id;
  });
  after(() => t.close());

  async function mint(token: string, path: string, extra: Record<string, unknown> = {}) {
    return t.app.inject({ method: 'POST', url: '/api/signed-urls', headers: bearer(token), payload: { path, ...extra } });
  }
  async function signedPath(token: string, path: string, extra: Record<string, unknown> = {}): Promise<string> {
    const response = await mint(token, path, extra);
    assert.equal(response.statusCode, 200, response.body);
    return response.json().url;
  }
  const open = (url: string, method: 'GET' | 'HEAD' | 'POST' = 'GET') => t.app.inject({ method, url });
  const lastDenial = () => auditEvents(t).filter((event) => event.action === 'signed_url.denied').at(-1)?.details.reason;

  test('a URL opens its one path without any header, for GET and HEAD, as its minter', async () => {
    const { access_token } = await loginWithToken(t, 'mika');
    const url = await signedPath(access_token, '/api/test/media/episode-1.mp4');
    assert.match(url, /^\/api\/test\/media\/episode-1\.mp4\?sig_exp=\d+&sig_uid=[\w-]+&sig_by=s:[\w-]+&sig_kid=[0-9a-f]{8}&sig=[\w-]{43}$/);
    const opened = await open(url);
    assert.equal(opened.statusCode, 200, opened.body);
    assert.deepEqual(opened.json(), { user: ids.mika, via: 'signed_url' });
    assert.equal((await open(url, 'HEAD')).statusCode, 200);
    assert.equal((await open(url, 'POST')).statusCode, 403);
  });

  test('tampering with the path, the expiry, the user or the query is 403, audited without the signature', async () => {
    const { access_token } = await loginWithToken(t, 'mika');
    const url = await signedPath(access_token, '/api/test/media/episode-1.mp4?quality=high');
    const tampered = {
      path: url.replace('episode-1.mp4', 'episode-2.mp4'),
      expiry: url.replace(/sig_exp=(\d+)/, (_m, exp: string) => `sig_exp=${Number(exp) + 3600}`),
      user: url.replace(/sig_uid=[\w-]+/, `sig_uid=${ids.sora}`),
      query: url.replace('quality=high', 'quality=low'),
      appended: `${url}&extra=1`,
      signature: url.replace(/sig=([\w-])/, (_m, first: string) => `sig=${first === 'A' ? 'B' : 'A'}`),
    };
    for (const [what, bad] of Object.entries(tampered)) {
      const response = await open(bad);
      assert.equal(response.statusCode, 403, what);
      assert.equal(response.json().error.code, 'signed_url_invalid', what);
    }
    assert.equal(lastDenial(), 'bad_signature');
    assert.ok(!JSON.stringify(auditEvents(t)).includes('sig='), 'no signature in the audit log');
    assert.equal((await open(url)).statusCode, 200, 'the untouched URL still works');
  });

  test('10 minutes by default, 24 hours at most', async () => {
    const { access_token } = await loginWithToken(t, 'mika');
    const short = await signedPath(access_token, '/api/test/media/a.mp4');
    const day = await signedPath(access_token, '/api/test/media/b.mp4', { expires_in: 24 * 3600 });
    assert.equal((await mint(access_token, '/api/test/media/c.mp4', { expires_in: 24 * 3600 + 1 })).statusCode, 400);
    clock.advance(10 * MINUTE + 1000);
    assert.equal((await open(short)).statusCode, 403);
    assert.equal(lastDenial(), 'expired');
    assert.equal((await open(day)).statusCode, 200);
    clock.advance(24 * HOUR);
    assert.equal((await open(day)).statusCode, 403);
  });

  test('a URL dies with the session that minted it', async () => {
    const { access_token } = await loginWithToken(t, 'mika');
    const url = await signedPath(access_token, '/api/test/media/a.mp4');
    assert.equal((await open(url)).statusCode, 200);
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(access_token) })).statusCode, 204);
    assert.equal((await open(url)).statusCode, 403);
    assert.equal(lastDenial(), 'minter_gone');
  });

  test('a key-minted URL carries the key\'s scopes and dies with the key', async () => {
    const { access_token } = await loginWithToken(t, 'mika');
    const key = (await t.app.inject({ method: 'POST', url: '/api/keys', headers: bearer(access_token), payload: { name: 'player', scopes: ['read:job'] } })).json().key;
    const url = await signedPath(key, '/api/test/media/a.mp4');
    assert.match(url, /sig_by=k:/);
    assert.equal((await open(url)).statusCode, 200);
    assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/keys/${key.slice(3, 19)}`, headers: bearer(access_token) })).statusCode, 204);
    assert.equal((await open(url)).statusCode, 403);
  });

  test('a URL a key minted obeys the key\'s address ranges', async () => {
    const { access_token } = await loginWithToken(t, 'mika');
    const key = (await t.app.inject({ method: 'POST', url: '/api/keys', headers: bearer(access_token), payload: { name: 'lan player', scopes: ['read:job'], allowed_cidrs: ['10.0.0.0/8'] } })).json().key;
    const minted = await t.app.inject({ method: 'POST', url: '/api/signed-urls', headers: bearer(key), payload: { path: '/api/test/media/a.mp4' }, remoteAddress: '10.1.2.3' });
    assert.equal(minted.statusCode, 200, minted.body);
    const url = minted.json().url;
    assert.equal((await t.app.inject({ url, remoteAddress: '10.9.9.9' })).statusCode, 200);
    assert.equal((await t.app.inject({ url, remoteAddress: '203.0.113.9' })).statusCode, 403);
    assert.equal(lastDenial(), 'address');
  });

  test('only routes made for signed URLs, and only what the minter may do there', async () => {
    const { access_token } = await loginWithToken(t, 'mika');
    const notSignable = await mint(access_token, '/api/test/private/a.mp4');
    assert.equal(notSignable.json().error.code, 'not_signable');
    assert.equal((await mint(access_token, '/api/audit/recent')).json().error.code, 'not_signable');
    assert.equal((await mint(access_token, '/api/test/uploads/a.mp4')).statusCode, 403, 'a viewer cannot sign an operator route');

    // Even a correctly signed URL for another route is stopped by authorization.
    const signer = createUrlSigner(resolveSecrets(t.config).secretKey);
    const { session_id } = await loginWithToken(t, 'mika');
    const forged = signer.sign('GET', '/api/test/private/a.mp4', { userId: ids.mika!, binder: `s:${session_id}`, expiresAt: Math.floor(clock.now().getTime() / 1000) + 60 });
    const refused = await open(forged);
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().error.code, 'forbidden');
  });

  test('a URL signed alike another (a playlist\'s children) keeps its user, minter and expiry, never past 24 hours, only on signable routes', async () => {
    const { access_token } = await loginWithToken(t, 'mika');
    const parent = await signedPath(access_token, '/api/test/media/list.m3u8', { expires_in: 120 });
    const principal = await t.services.signedUrls.resolve('GET', parent, { ip: '127.0.0.1', requestId: 'r' });
    const route = createRouteMatcher(t.app);
    const child = t.services.signedUrls.signAlike(principal, '/api/test/media/part.ts', route('GET', '/api/test/media/part.ts'));
    const claims = (url: string) => /sig_exp=(\d+)&sig_uid=([\w-]+)&sig_by=([\w:-]+)/.exec(url)!.slice(1);
    assert.deepEqual(claims(child), claims(parent));
    assert.deepEqual((await open(child)).json(), { user: ids.mika, via: 'signed_url' });

    const far = t.services.signedUrls.signAlike({ ...principal, expiresAt: principal.expiresAt + 10 * 24 * 3600 }, '/api/test/media/part.ts', route('GET', '/api/test/media/part.ts'));
    assert.equal(Number(claims(far)[0]), Math.floor(clock.now().getTime() / 1000) + 24 * 3600, 'capped like mint');
    assert.throws(() => t.services.signedUrls.signAlike(principal, '/api/test/private/a.mp4', route('GET', '/api/test/private/a.mp4')), { code: 'not_signable' });

    clock.advance(121_000);
    assert.equal((await open(child)).statusCode, 403, 'dies with the URL it was signed alike');
  });

  test('a new server key ends every URL signed with the old one', async () => {
    const { access_token } = await loginWithToken(t, 'mika');
    const url = await signedPath(access_token, '/api/test/media/a.mp4');
    const rotated = await createTestApp({ now: clock.now, extend: mediaRoutes, database: t.config.database, env: { SAKUGA_SECRET_KEY: SECOND_KEY } });
    try {
      const response = await rotated.app.inject({ url });
      assert.equal(response.statusCode, 403);
      assert.equal(response.json().error.code, 'signed_url_invalid');
    } finally {
      await rotated.close();
    }
  });
});

describe('the legacy ?token= login', () => {
  test('off by default: a token in the URL is ignored', async () => {
    const t = await createTestApp({ extend: mediaRoutes });
    try {
      await createUser(t, 'mika', 'viewer');
      const { access_token } = await loginWithToken(t, 'mika');
      const response = await t.app.inject({ url: `/api/test/media/a.mp4?token=${access_token}` });
      assert.equal(response.statusCode, 401);
    } finally {
      await t.close();
    }
  });

  test('when on: GET from loopback or private addresses only, every use audited', async () => {
    const t = await createTestApp({ extend: mediaRoutes, env: { ALLOW_LEGACY_TOKEN_LOGIN: 'true' } });
    try {
      await createUser(t, 'mika', 'viewer');
      const { access_token } = await loginWithToken(t, 'mika');
      const url = `/api/test/media/a.mp4?token=${access_token}`;
      for (const ip of ['127.0.0.1', '192.168.1.20', '::1', 'fd00::7']) {
        assert.equal((await t.app.inject({ url, remoteAddress: ip })).statusCode, 200, ip);
      }
      const remote = await t.app.inject({ url, remoteAddress: '203.0.113.5' });
      assert.equal(remote.statusCode, 403);
      assert.equal(remote.json().error.code, 'legacy_token_refused');
      assert.equal((await t.app.inject({ method: 'POST', url: `/api/keys?token=${access_token}`, payload: {} })).statusCode, 401, 'never for POST');
      const uses = auditEvents(t).filter((event) => event.action === 'auth.legacy_token_used');
      assert.deepEqual(
        uses.map((event) => event.result),
        ['success', 'success', 'success', 'success', 'denied'],
      );
      assert.ok(!JSON.stringify(uses).includes(access_token));
    } finally {
      await t.close();
    }
  });
});
