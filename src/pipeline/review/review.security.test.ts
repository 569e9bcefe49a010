import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTestApp } from '../../../test/helpers/app.js';
import { bearer, createUser, loginWithToken } from '../../../test/helpers/auth.js';
import { insertFinishedDub } from '../../../test/helpers/dub-fixture.js';
import { ownershipTest } from '../../../test/helpers/ownership.js';
import { buildQaReport } from '../qa.js';

const meOf = async (t: Parameters<typeof insertFinishedDub>[0], token: string) => (await t.app.inject({ url: '/api/auth/me', headers: bearer(token) })).json().user.id as string;
const cleanReport = () =>
  JSON.stringify(buildQaReport({ segments: [], clips: new Map(), programme: { integratedLufs: -16, truePeakDbtp: -2, loudnessRangeLu: 5 }, drift: { video: { startMs: 0, endMs: 1000 }, audio: { startMs: 0, endMs: 1000 }, driftMs: 0 }, settings: { maxTempo: 1.35 } }));

ownershipTest({
  name: 'a dub\'s review, QA and kept renders',
  role: 'editor',
  async create(t, token) {
    return insertFinishedDub(t, await meOf(t, token), { 'qa.json': cleanReport(), 'dubbed.mp4': 'not a real video' });
  },
  routes: [
    { method: 'GET', url: (id) => `/api/jobs/${id}/segments` },
    { method: 'PATCH', url: (id) => `/api/jobs/${id}/segments/s0001`, payload: { target_text: 'Taken over.' } },
    { method: 'POST', url: (id) => `/api/jobs/${id}/rerender`, payload: {} },
    { method: 'GET', url: (id) => `/api/jobs/${id}/renders` },
    { method: 'GET', url: (id) => `/api/jobs/${id}/renders/1/artifacts/dubbed.mp4` },
    { method: 'GET', url: (id) => `/api/jobs/${id}/qa` },
  ],
  keyScopes: ['read:job', 'edit:job'],
  missingId: () => '0'.repeat(32),
  async stillThere(t, token, id) {
    const page = (await t.app.inject({ url: `/api/jobs/${id}/segments`, headers: bearer(token) })).json();
    const job = (await t.app.inject({ url: `/api/jobs/${id}`, headers: bearer(token) })).json();
    return page.segments[0].target_text === 'Good morning, Mika.' && job.render === 1 && job.status === 'succeeded';
  },
});

describe('the QA report route', () => {
  test('the owner reads qa.json as stored; a dub without one is 409 qa_not_ready; a non-dub is not_a_dub', async () => {
    const t = await createTestApp();
    try {
      await createUser(t, 'mika', 'viewer');
      const token = (await loginWithToken(t, 'mika')).access_token;
      const userId = await meOf(t, token);
      const report = cleanReport();
      const withQa = await insertFinishedDub(t, userId, { 'qa.json': report });
      const read = await t.app.inject({ url: `/api/jobs/${withQa}/qa`, headers: bearer(token) });
      assert.equal(read.statusCode, 200, 'a viewer reads the report of their own dub');
      assert.deepEqual(read.json(), JSON.parse(report));

      const without = await insertFinishedDub(t, userId);
      const missing = await t.app.inject({ url: `/api/jobs/${without}/qa`, headers: bearer(token) });
      assert.deepEqual([missing.statusCode, missing.json().error.code], [409, 'qa_not_ready']);

      // A report that does not fit the schema (planted in storage) is never served as one.
      const tampered = await insertFinishedDub(t, userId, { 'qa.json': '{"segments": "<script>"}' });
      const refused = await t.app.inject({ url: `/api/jobs/${tampered}/qa`, headers: bearer(token) });
      assert.deepEqual([refused.statusCode, refused.json().error.code], [409, 'qa_not_ready']);

      const editable = async () => (await t.app.inject({ url: `/api/jobs/${withQa}/segments`, headers: bearer(token) })).json().editable;
      assert.equal(await editable(), false, 'a viewer is told the lines are not theirs to edit');
      await t.services.db.updateTable('users').set({ role: 'editor' }).where('id', '=', userId).execute();
      assert.equal(await editable(), true, 'an editor may edit a finished dub');

      await t.services.db.updateTable('jobs').set({ type: 'generate' }).where('id', '=', withQa).execute();
      const notDub = await t.app.inject({ url: `/api/jobs/${withQa}/qa`, headers: bearer(token) });
      assert.equal(notDub.json().error.code, 'not_a_dub');
    } finally {
      await t.close();
    }
  });
});
