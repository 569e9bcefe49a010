import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { bearer, createUser, loginWithToken } from '../../test/helpers/auth.js';
import { HOUR, manualClock } from '../../test/helpers/clock.js';
import { databaseTargets, type TestDatabase } from '../../test/helpers/databases.js';
import { insertFinishedDub } from '../../test/helpers/dub-fixture.js';
import { ownershipTest } from '../../test/helpers/ownership.js';

for (const target of await databaseTargets()) {
  describe(`the library on ${target.dialect}`, { skip: target.skip }, () => {
    let database: TestDatabase;
    let t: TestApp;
    let token: string;
    let userId: string;
    const clock = manualClock(new Date());
    const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) => t.app.inject({ method, url, headers: bearer(token), ...(payload && { payload }) });
    const titles = async (query = '') => ((await call('GET', `/api/library${query}`)).json().items as Array<{ title: string }>).map((item) => item.title);

    before(async () => {
      database = await target.create();
      t = await createTestApp({ database: database.config, now: clock.now, env: { ENABLE_HARD_DELETE: 'true', ENCRYPTION_AT_REST: 'on', TRASH_DAYS: '30' } });
      userId = (await createUser(t, 'kaito', 'operator')).id;
      token = (await loginWithToken(t, 'kaito')).access_token;
    });
    after(async () => {
      await t.close();
      await database.drop();
    });

    test('describe, then find by words of the title, notes and tags (prefixes, any case, accents folded); no query syntax leaks', async () => {
      const first = await insertFinishedDub(t, userId, { 'dubbed.mp4': 'one' });
      const second = await insertFinishedDub(t, userId, { 'dubbed.mp4': 'two' });
      assert.equal((await call('PATCH', `/api/jobs/${first}`, { title: 'Episode 12 — Café scene', notes: 'retake the storyboard ending', tags: ['season-2'] })).statusCode, 200);
      assert.equal((await call('PATCH', `/api/jobs/${second}`, { title: 'Opening', tags: ['teaser'] })).statusCode, 200);
      assert.deepEqual(await titles('?q=cafe'), ['Episode 12 — Café scene']);
      assert.deepEqual(await titles('?q=STORY%20epi'), ['Episode 12 — Café scene'], 'every word, as a prefix, from notes and title');
      assert.deepEqual(await titles('?q=teaser'), ['Opening'], 'tags are found');
      assert.deepEqual(await titles('?tag=season-2'), ['Episode 12 — Café scene']);
      for (const hostile of ['"', 'a OR b', "x' --", '*', 'NEAR(a b)', ':*', '&|!']) assert.equal((await call('GET', `/api/library?q=${encodeURIComponent(hostile)}`)).statusCode, 200, hostile);
      assert.deepEqual(await titles('?q=nothing-like-it'), []);
      const item = (await call('GET', '/api/library?q=opening')).json().items[0];
      assert.deepEqual([item.notes, item.tags, item.trashed_at], [null, ['teaser'], null]);
    });

    test('archive hides from the default view; trash hides from both, restores within the window, and empties past TRASH_DAYS with every file shredded', async () => {
      const id = await insertFinishedDub(t, userId, { 'dubbed.mp4': 'to archive', 'segments.json': '{}' });
      await call('PATCH', `/api/jobs/${id}`, { title: 'Kept for later' });
      assert.equal((await call('POST', `/api/jobs/${id}/archive`)).json().archived, true);
      assert.ok(!(await titles()).includes('Kept for later'));
      assert.ok((await titles('?view=archived')).includes('Kept for later'));
      await call('POST', `/api/jobs/${id}/unarchive`);
      const trashed = (await call('DELETE', `/api/jobs/${id}`)).json();
      assert.ok(trashed.trashed_at && trashed.deletes_at > trashed.trashed_at);
      assert.ok(!(await titles()).includes('Kept for later') && (await titles('?view=trash')).includes('Kept for later'));
      assert.equal((await call('GET', '/api/jobs')).json().jobs.some((job: { id: string }) => job.id === id), false, 'the jobs list leaves the trash out too');
      assert.equal((await call('POST', `/api/jobs/${id}/restore`)).statusCode, 200);
      assert.ok((await titles()).includes('Kept for later'));
      assert.equal((await call('POST', `/api/jobs/${id}/restore`)).json().error.code, 'not_in_trash');

      await call('DELETE', `/api/jobs/${id}`);
      clock.advance(29 * 24 * HOUR);
      assert.equal((await t.services.library.emptyTrash()).jobs, 0, 'still within the window');
      clock.advance(2 * 24 * HOUR);
      token = (await loginWithToken(t, 'kaito')).access_token;
      const emptied = await t.services.library.emptyTrash();
      assert.equal(emptied.jobs, 1);
      assert.equal(emptied.encrypted, 2);
      assert.deepEqual(await t.services.blobs.list(`artifacts/${id}/`), []);
      assert.equal((await call('GET', `/api/jobs/${id}`)).statusCode, 404);
      assert.equal((await t.services.db.selectFrom('shred_ledger').select('object_id').where('reason', '=', 'trash_expired').execute()).length, 2);
    });

    test("emptying one's trash deletes for good what is in it, and nobody else's", async () => {
      const neighbour = (await createUser(t, `neighbour-${target.dialect}`, 'operator')).id;
      const theirs = await insertFinishedDub(t, neighbour, { 'dubbed.mp4': 'theirs' });
      await t.services.db.updateTable('jobs').set({ trashed_at: clock.now().toISOString() }).where('id', '=', theirs).execute();
      const mine = await insertFinishedDub(t, userId, { 'dubbed.mp4': 'mine', 'segments.json': '{}' });
      const kept = await insertFinishedDub(t, userId, { 'dubbed.mp4': 'kept' });
      await call('DELETE', `/api/jobs/${mine}`);
      const listing = (await call('GET', '/api/library?view=trash')).json();
      assert.deepEqual([listing.trash_days, listing.hard_delete], [30, true]);

      const reply = await call('POST', '/api/library/trash/empty');
      assert.equal(reply.statusCode, 200, reply.body);
      assert.deepEqual([reply.json().jobs, reply.json().files, reply.json().encrypted], [1, 2, 2]);
      assert.deepEqual(await t.services.blobs.list(`artifacts/${mine}/`), []);
      assert.equal((await call('GET', '/api/library?view=trash')).json().items.length, 0);
      assert.equal((await t.services.blobs.list(`artifacts/${theirs}/`)).length, 1, "another person's trash is theirs to empty");
      assert.equal((await t.services.blobs.list(`artifacts/${kept}/`)).length, 1, 'what is not in the trash stays');
    });

    test('delete for good: every blob of the item shredded, the report says until when backups hold it; refused while running', async () => {
      const id = await insertFinishedDub(t, userId, { 'dubbed.mp4': 'gone for good', 'hls.m3u8': '#EXTM3U' });
      const reply = await call('DELETE', `/api/jobs/${id}/permanently`);
      assert.equal(reply.statusCode, 200, reply.body);
      const report = reply.json();
      assert.deepEqual([report.jobs, report.files, report.encrypted], [1, 2, 2]);
      assert.match(report.backups, /database backups taken before .* until storage key [0-9a-f]{16} is retired/);
      assert.deepEqual(await t.services.blobs.list(`artifacts/${id}/`), []);
      assert.equal((await call('GET', `/api/jobs/${id}`)).statusCode, 404);
      const running = await insertFinishedDub(t, userId);
      await t.services.db.updateTable('jobs').set({ status: 'running' }).where('id', '=', running).execute();
      assert.equal((await call('DELETE', `/api/jobs/${running}/permanently`)).json().error.code, 'job_active');
      assert.equal((await call('DELETE', `/api/jobs/${running}`)).json().error.code, 'job_active');
    });
  });
}

test('without ENABLE_HARD_DELETE nothing is deleted for good on request', async () => {
  const t = await createTestApp();
  try {
    const userId = (await createUser(t, 'kaito', 'operator')).id;
    const token = (await loginWithToken(t, 'kaito')).access_token;
    const id = await insertFinishedDub(t, userId, { 'dubbed.mp4': 'stays' });
    const refused = await t.app.inject({ method: 'DELETE', url: `/api/jobs/${id}/permanently`, headers: bearer(token) });
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().error.code, 'hard_delete_disabled');
    assert.equal((await t.services.blobs.list(`artifacts/${id}/`)).length, 1);
    await t.app.inject({ method: 'DELETE', url: `/api/jobs/${id}`, headers: bearer(token) });
    const empty = await t.app.inject({ method: 'POST', url: '/api/library/trash/empty', headers: bearer(token) });
    assert.equal(empty.json().error.code, 'hard_delete_disabled', 'emptying the trash early is deleting for good');
    assert.equal((await t.services.blobs.list(`artifacts/${id}/`)).length, 1);
  } finally {
    await t.close();
  }
});

ownershipTest({
  name: 'library items',
  app: { env: { ENABLE_HARD_DELETE: 'true' } },
  async create(t, ownerToken) {
    const me = await t.app.inject({ url: '/api/auth/me', headers: bearer(ownerToken) });
    return insertFinishedDub(t, me.json().user.id, { 'dubbed.mp4': 'mine' });
  },
  routes: [
    { method: 'PATCH', url: (id) => `/api/jobs/${id}`, payload: { title: 'taken over' } },
    { method: 'POST', url: (id) => `/api/jobs/${id}/archive` },
    { method: 'POST', url: (id) => `/api/jobs/${id}/unarchive` },
    { method: 'DELETE', url: (id) => `/api/jobs/${id}` },
    { method: 'POST', url: (id) => `/api/jobs/${id}/restore` },
    { method: 'DELETE', url: (id) => `/api/jobs/${id}/permanently` },
  ],
  keyScopes: ['read:job', 'submit:job'],
  missingId: () => '0'.repeat(32),
  async stillThere(t, ownerToken, id) {
    const job = await t.app.inject({ url: `/api/jobs/${id}`, headers: bearer(ownerToken) });
    return job.statusCode === 200 && job.json().title !== 'taken over' && job.json().archived === false && (await t.services.blobs.list(`artifacts/${id}/`)).length === 1;
  },
});
