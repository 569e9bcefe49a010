import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pino from 'pino';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { bearer, createUser, loginWithToken } from '../../test/helpers/auth.js';
import { DAY } from '../../test/helpers/clock.js';
import { type ComfyUiFake, startComfyUiFake } from '../../test/helpers/comfyui-fake.js';
import { pngWithText } from '../../test/helpers/generation-media.js';
import { isFinal, submitJob, waitForJob } from '../../test/helpers/jobs.js';
import { createJobWorker } from '../jobs/engine.js';
import type { Worker } from '../jobs/worker.js';

type Item = { id: string; display_name: string | null; file_url: string; mine?: { visibility: string; hidden: boolean } } & Record<string, unknown>;

/**
 * The gallery leaks nothing private: every public route tried anonymously
 * and with another user's session, on items made by real generations
 * (a ComfyUI fake, the worker, the sandbox).
 */
describe('the gallery and its share links', () => {
  let t: TestApp;
  let worker: Worker;
  let fake: ComfyUiFake;
  let aki: string;
  let ben: string;
  let admin: string;
  let offset = 0;
  let published: string;
  let secret: string;
  let bens: string;

  const get = (url: string, token?: string) => t.app.inject({ url, headers: token ? bearer(token) : {} });
  const list = async (token?: string) => ((await get('/api/gallery', token)).json().items as Item[]);

  async function generateFor(token: string, prompt: string): Promise<string> {
    const id = (await submitJob(t, token, { type: 'generate', options: { prompt, output: 'image' } })).json().id as string;
    const job = await waitForJob(t, token, id, isFinal, 30_000);
    assert.equal(job.status, 'succeeded', JSON.stringify(job));
    return (await get(`/api/jobs/${id}/generation`, token)).json().version.outputs[0].id as string;
  }

  before(async () => {
    fake = await startComfyUiFake({ image: async (node) => ({ filename: `ComfyUI_${node}_00001_.png`, bytes: await pngWithText('prompt', 'private prompt text') }) });
    t = await createTestApp({ env: { GENERATE_ENGINE: 'comfyui', GENERATE_URL: fake.url, JOB_MAX_ATTEMPTS: '1' }, now: () => new Date(Date.now() + offset) });
    await createUser(t, 'aki', 'operator');
    await createUser(t, 'ben', 'operator');
    await createUser(t, 'root-admin', 'admin');
    aki = (await loginWithToken(t, 'aki')).access_token;
    ben = (await loginWithToken(t, 'ben')).access_token;
    admin = (await loginWithToken(t, 'root-admin')).access_token;
    worker = createJobWorker(t.services, { dialect: t.database.dialect, log: pino({ level: 'silent' }) });
    worker.start();
    published = await generateFor(aki, 'a secret birthday card for my sister');
    secret = await generateFor(aki, 'a second, private one');
    bens = await generateFor(ben, 'ben keeps this to himself');
    await worker.stop();
  });
  after(async () => {
    await t.close();
    await fake.close();
  });

  test('private by default: the public gallery is empty until the owner publishes; then it shows the item and the chosen name only', async () => {
    assert.deepEqual(await list(), []);
    const made = await t.app.inject({ method: 'PUT', url: `/api/gallery/items/${published}/visibility`, headers: bearer(aki), payload: { visibility: 'public' } });
    assert.equal(made.statusCode, 200, made.body);
    let items = await list();
    assert.deepEqual(items.map((item) => item.id), [published]);
    assert.equal(items[0]!.display_name, null, 'no name until one is chosen: never the username');
    assert.equal(items[0]!.mine, undefined);
    const body = (await get('/api/gallery')).body;
    for (const leak of ['aki', 'birthday', 'project', 'job', 'prompt']) assert.doesNotMatch(body, new RegExp(leak, 'i'), `the public list shows no ${leak}`);
    assert.equal((await t.app.inject({ method: 'PUT', url: '/api/gallery/profile', headers: bearer(aki), payload: { display_name: '  Aki  the  painter ' } })).json().display_name, 'Aki the painter');
    items = await list();
    assert.equal(items[0]!.display_name, 'Aki the painter');
    const anonymous = await get('/api/gallery');
    assert.equal(anonymous.headers['cache-control'], 'public, max-age=60');
    const file = await get(items[0]!.file_url);
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], 'image/png');
    assert.equal(file.rawPayload.includes('private prompt text'), false, 'the engine\'s embedded text was stripped');
  });

  test('every public route, anonymously and as another user: a private item is not there; signed in, one\'s own private items are', async () => {
    for (const token of [undefined, ben]) {
      const who = token ? 'ben' : 'anonymous';
      for (const url of [`/api/gallery/items/${secret}`, `/api/gallery/items/${secret}/file`]) {
        const response = await get(url, token);
        assert.equal(response.statusCode, 404, `${who} ${url}`);
        assert.equal(response.json().error.code, 'gallery_item_not_found');
      }
      assert.ok(!(await list(token)).some((item) => item.id === secret), `${who} does not list it`);
    }
    const bensView = await get('/api/gallery', ben);
    assert.equal(bensView.headers['cache-control'], 'private, no-store', 'a list holding private items is never cached by others');
    assert.deepEqual((bensView.json().items as Item[]).map((item) => [item.id, item.mine?.visibility ?? 'theirs']).sort(), [[bens, 'private'], [published, 'theirs']].sort());
    const akisView = await list(aki);
    assert.deepEqual(akisView.map((item) => item.id).sort(), [published, secret].sort());
    assert.equal((await get(`/api/gallery/items/${secret}/file`, aki)).headers['cache-control'], 'private, no-store');
  });

  test('only the owner publishes or shares: another user, and another user\'s key, get what a missing item gets', async () => {
    const key = (await t.app.inject({ method: 'POST', url: '/api/keys', headers: bearer(ben), payload: { name: 'ben', scopes: ['library:manage'] } })).json().key as string;
    for (const token of [ben, key]) {
      const publish = await t.app.inject({ method: 'PUT', url: `/api/gallery/items/${secret}/visibility`, headers: bearer(token), payload: { visibility: 'public' } });
      assert.equal(publish.json().error.code, 'gallery_item_not_found');
      assert.equal((await t.app.inject({ method: 'POST', url: `/api/gallery/items/${secret}/shares`, headers: bearer(token), payload: {} })).statusCode, 404);
      assert.equal((await get(`/api/gallery/items/${secret}/shares`, token)).statusCode, 404);
    }
    assert.ok(!(await list()).some((item) => item.id === secret), 'still private');
    const hide = await t.app.inject({ method: 'POST', url: `/api/gallery/items/${published}/hide`, headers: bearer(ben), payload: { hidden: true } });
    assert.equal(hide.statusCode, 403, 'only admins hide');
  });

  test('share links: unlisted, open one item signed out; revoked, expired or made up → 404; the token is not stored', async () => {
    const made = await t.app.inject({ method: 'POST', url: `/api/gallery/items/${secret}/shares`, headers: bearer(aki), payload: { expires_in_days: 7 } });
    assert.equal(made.statusCode, 201, made.body);
    const { token, id, path } = made.json() as { token: string; id: string; path: string };
    assert.equal(path, `/s/${token}`);
    const stored = await t.services.db.selectFrom('share_links').selectAll().execute();
    assert.ok(!JSON.stringify(stored).includes(token), 'only the token\'s hash is in the database');
    const item = await get(`/api/shares/${token}`);
    assert.equal(item.statusCode, 200);
    assert.equal(item.json().id, secret);
    assert.equal(item.headers['cache-control'], 'private, no-store');
    const file = await get(item.json().file_url);
    assert.equal(file.statusCode, 200);
    assert.deepEqual(file.rawPayload, (await get(`/api/gallery/items/${secret}/file`, aki)).rawPayload);
    assert.ok(!(await list()).some((listed) => listed.id === secret), 'a shared item stays unlisted');
    assert.deepEqual(((await get(`/api/gallery/items/${secret}/shares`, aki)).json().shares as Array<{ id: string; active: boolean }>).map((share) => [share.id, share.active]), [[id, true]]);

    assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/gallery/shares/${id}`, headers: bearer(ben) })).statusCode, 404, 'not ben\'s to revoke');
    assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/gallery/shares/${id}`, headers: bearer(aki) })).statusCode, 204);
    for (const url of [`/api/shares/${token}`, `/api/shares/${token}/file`]) assert.equal((await get(url)).json().error.code, 'share_not_found');

    const expiring = (await t.app.inject({ method: 'POST', url: `/api/gallery/items/${secret}/shares`, headers: bearer(aki), payload: { expires_in_days: 1 } })).json().token as string;
    assert.equal((await get(`/api/shares/${expiring}`)).statusCode, 200);
    offset += DAY + 60_000;
    assert.equal((await get(`/api/shares/${expiring}`)).json().error.code, 'share_not_found');
    assert.equal((await get(`/api/shares/${expiring.slice(0, -1)}${expiring.endsWith('A') ? 'B' : 'A'}`)).statusCode, 404);
    assert.equal((await get('/api/shares/not-a-token')).statusCode, 404);
  });

  test('an admin hides anything: gone from the gallery and from its share links; the owner still sees it, marked hidden', async () => {
    // The clock moved a day on above: sign in again.
    aki = (await loginWithToken(t, 'aki')).access_token;
    admin = (await loginWithToken(t, 'root-admin')).access_token;
    const share = (await t.app.inject({ method: 'POST', url: `/api/gallery/items/${published}/shares`, headers: bearer(aki), payload: {} })).json().token as string;
    assert.equal((await t.app.inject({ method: 'POST', url: `/api/gallery/items/${published}/hide`, headers: bearer(admin), payload: { hidden: true } })).statusCode, 204);
    assert.deepEqual(await list(), []);
    assert.equal((await get(`/api/gallery/items/${published}`)).statusCode, 404);
    assert.equal((await get(`/api/shares/${share}`)).statusCode, 404);
    assert.equal((await get(`/api/gallery/items/${published}`, aki)).json().mine.hidden, true);
    await t.app.inject({ method: 'POST', url: `/api/gallery/items/${published}/hide`, headers: bearer(admin), payload: { hidden: false } });
    assert.deepEqual((await list()).map((item) => item.id), [published]);
  });

  test('admins moderate from a list of what is public and what is hidden; nobody else reads it, and a private item stays its owner\'s alone', async () => {
    ben = (await loginWithToken(t, 'ben')).access_token;
    const moderation = async (state: string, token = admin) => get(`/api/admin/gallery?state=${state}`, token);
    const listed = await moderation('listed');
    assert.equal(listed.headers['cache-control'], 'private, no-store');
    assert.deepEqual((listed.json().items as Array<{ id: string; owner: string; hidden_at: string | null }>).map((item) => [item.id, item.owner, item.hidden_at]), [[published, 'aki', null]]);
    for (const token of [aki, ben]) assert.equal((await moderation('listed', token)).statusCode, 403);
    assert.equal((await get('/api/admin/gallery')).statusCode, 401);

    assert.equal((await t.app.inject({ method: 'POST', url: `/api/gallery/items/${published}/hide`, headers: bearer(admin), payload: { hidden: true } })).statusCode, 204);
    assert.deepEqual((await moderation('listed')).json().items, []);
    assert.deepEqual(((await moderation('hidden')).json().items as Array<{ id: string }>).map((item) => item.id), [published]);
    // The admin still opens what they hid, never from a shared cache; others cannot.
    const file = await get(`/api/gallery/items/${published}/file`, admin);
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['cache-control'], 'private, no-store');
    assert.equal((await get(`/api/gallery/items/${published}`, admin)).headers['cache-control'], 'private, no-store');
    assert.equal((await get(`/api/gallery/items/${published}/file`, ben)).statusCode, 404);
    // Moderation is about what is public: an admin's gallery view does not open someone's private work.
    for (const url of [`/api/gallery/items/${secret}`, `/api/gallery/items/${secret}/file`]) assert.equal((await get(url, admin)).statusCode, 404);
    assert.equal((await moderation('nonsense')).statusCode, 400);
    await t.app.inject({ method: 'POST', url: `/api/gallery/items/${published}/hide`, headers: bearer(admin), payload: { hidden: false } });
    assert.deepEqual((await moderation('hidden')).json().items, []);
  });

  test('public routes are rate limited per address, with Retry-After', async () => {
    let limited;
    for (let i = 0; i < 130 && !limited; i++) {
      const response = await t.app.inject({ url: '/api/gallery', remoteAddress: '203.0.113.9' });
      if (response.statusCode === 429) limited = response;
    }
    assert.ok(limited, 'limited within 130 requests');
    assert.equal(limited.json().error.code, 'rate_limited');
    assert.ok(Number(limited.headers['retry-after']) > 0);
    assert.equal((await t.app.inject({ url: '/api/gallery', remoteAddress: '203.0.113.10' })).statusCode, 200, 'another address is not limited');
  });
});
