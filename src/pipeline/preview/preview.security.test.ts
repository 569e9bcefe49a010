import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { bearer, createUser, loginWithToken } from '../../../test/helpers/auth.js';
import { submitJob } from '../../../test/helpers/jobs.js';
import { ownershipTest } from '../../../test/helpers/ownership.js';
import { insertJobs } from '../../jobs/store.js';
import { replaceSegments } from '../segment-store.js';
import { newSegment } from '../segments.js';

/** A finished dub of `userId` with two lines (the second without text), stored directly: these routes never need its media. */
async function storedDub(t: TestApp, userId: string): Promise<string> {
  const id = randomBytes(16).toString('hex');
  const at = new Date().toISOString();
  const options = { upload_id: randomBytes(16).toString('hex'), target_language: 'en' };
  await insertJobs(t.services.db, [
    {
      row: {
        id, user_id: userId, type: 'dub', class: 'gpu', title: 'dub → en', options: JSON.stringify(options), stages: '["probe"]', skipped_stages: null, status: 'succeeded', checkpoint: 1, progress: 1, attempts: 1,
        run_after: at, lease_owner: null, lease_expires_at: null, cancel_requested: 0, failure_code: null, failure_message: null, idempotency_key: null, request_hash: null, archived: 0, render: 1, parent_id: null, notes: null, trashed_at: null, privacy_mode: 'off',
        created_at: at, started_at: at, finished_at: at, updated_at: at,
      },
      tags: [],
    },
  ]);
  const lines = [newSegment(0, { startMs: 1_000, endMs: 3_000, targetText: 'Good morning.' }), newSegment(1, { startMs: 4_000, endMs: 5_000 })];
  await replaceSegments(t.services.db, id, lines, at);
  return id;
}

/** Options a preview job really has, so a refusal cannot be blamed on them. */
const PREVIEW_OPTIONS = { dub_id: 'a'.repeat(32), segment_id: 's0001', text: 'Hello.', start_ms: 0, end_ms: 1_000, next_start_ms: null, speaker: null, voice: null, dub: { target_language: 'en' } };

describe('line previews: internal jobs no client can submit, reached only through a dub the caller may edit', () => {
  let t: TestApp;
  let token: string;
  let dubId: string;
  before(async () => {
    t = await createTestApp();
    const user = await createUser(t, 'rin', 'editor');
    token = (await loginWithToken(t, 'rin')).access_token;
    dubId = await storedDub(t, user.id);
  });
  after(() => t.close());

  test('POST /api/jobs refuses dub_preview exactly as an unknown type, alone and in a batch', async () => {
    const unknown = await submitJob(t, token, { type: 'no_such_type', options: PREVIEW_OPTIONS });
    const preview = await submitJob(t, token, { type: 'dub_preview', options: PREVIEW_OPTIONS });
    assert.equal(preview.statusCode, unknown.statusCode, preview.body);
    assert.equal(preview.statusCode, 422);
    assert.deepEqual(preview.json().error.code, 'unknown_job_type');
    assert.equal(preview.json().error.message, unknown.json().error.message);
    const batch = await t.app.inject({ method: 'POST', url: '/api/jobs/batch', headers: bearer(token), payload: { jobs: [{ type: 'dub_preview', options: PREVIEW_OPTIONS }] } });
    assert.equal(batch.statusCode, 422, batch.body);
    assert.equal(batch.json().error.code, 'unknown_job_type');
    const types = (await t.app.inject({ url: '/api/jobs?type=dub_preview', headers: bearer(token) })).json().jobs;
    assert.deepEqual(types, [], 'nothing was made');
  });

  test('a line without text cannot be heard: 422 segment_text_empty, nothing queued', async () => {
    for (const [sid, payload] of [['s0002', {}], ['s0001', { target_text: '  \n ' }]] as const) {
      const response = await t.app.inject({ method: 'POST', url: `/api/jobs/${dubId}/segments/${sid}/preview`, headers: bearer(token), payload });
      assert.equal(response.statusCode, 422, response.body);
      assert.equal(response.json().error.code, 'segment_text_empty');
    }
    const tooLong = await t.app.inject({ method: 'POST', url: `/api/jobs/${dubId}/segments/s0001/preview`, headers: bearer(token), payload: { target_text: 'x'.repeat(2_001) } });
    assert.equal(tooLong.statusCode, 400, 'the PATCH schema\'s length limit');
    const missing = await t.app.inject({ method: 'POST', url: `/api/jobs/${dubId}/segments/s0009/preview`, headers: bearer(token), payload: {} });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().error.code, 'segment_not_found');
    assert.deepEqual((await t.app.inject({ url: '/api/jobs?type=dub_preview', headers: bearer(token) })).json().jobs, []);
  });

  test('a preview is made for the dub, owned by its owner, hidden from the plain job list', async () => {
    const response = await t.app.inject({ method: 'POST', url: `/api/jobs/${dubId}/segments/s0001/preview`, headers: bearer(token) });
    assert.equal(response.statusCode, 202, response.body);
    const { job, audio_path } = response.json();
    assert.equal(job.type, 'dub_preview');
    assert.equal(job.options.dub_id, dubId);
    assert.equal(job.options.text, 'Good morning.');
    assert.equal(audio_path, `/api/jobs/${job.id}/artifacts/preview.wav`);
    const row = await t.services.db.selectFrom('jobs').select(['parent_id', 'class']).where('id', '=', job.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { parent_id: dubId, class: 'cpu' });
    const listed = (await t.app.inject({ url: '/api/jobs', headers: bearer(token) })).json().jobs.map((listedJob: { id: string }) => listedJob.id);
    assert.deepEqual(listed, [dubId], 'the plain list leaves previews out');
    const asked = (await t.app.inject({ url: '/api/jobs?type=dub_preview', headers: bearer(token) })).json().jobs.map((listedJob: { id: string }) => listedJob.id);
    assert.deepEqual(asked, [job.id]);
  });

  test('an API key bound to the dub reaches the previews it asked for; a key bound to another dub does not', async () => {
    const user = await t.services.db.selectFrom('users').select('id').where('username', '=', 'rin').executeTakeFirstOrThrow();
    const otherDub = await storedDub(t, user.id);
    const session = (await loginWithToken(t, 'rin')).access_token;
    const keyFor = async (jobId: string) => (await t.app.inject({ method: 'POST', url: '/api/keys', headers: bearer(session), payload: { name: `dub ${jobId}`, scopes: [`job:${jobId}:write`] } })).json().key as string;
    const [bound, elsewhere] = [await keyFor(dubId), await keyFor(otherDub)];
    const made = await t.app.inject({ method: 'POST', url: `/api/jobs/${dubId}/segments/s0001/preview`, headers: bearer(bound), payload: {} });
    assert.equal(made.statusCode, 202, made.body);
    const previewId = made.json().job.id as string;
    assert.equal((await t.app.inject({ url: `/api/jobs/${previewId}`, headers: bearer(bound) })).statusCode, 200, 'through its parent');
    assert.equal((await t.app.inject({ url: `/api/jobs/${previewId}`, headers: bearer(elsewhere) })).statusCode, 404, 'not through another job');
  });

  test('a viewer cannot queue a preview (403), not even of their own dub', async () => {
    const viewer = await createUser(t, 'sora', 'viewer');
    const viewerDub = await storedDub(t, viewer.id);
    const viewerToken = (await loginWithToken(t, 'sora')).access_token;
    const response = await t.app.inject({ method: 'POST', url: `/api/jobs/${viewerDub}/segments/s0001/preview`, headers: bearer(viewerToken), payload: {} });
    assert.equal(response.statusCode, 403, response.body);
  });
});

ownershipTest({
  name: 'line preview',
  role: 'editor',
  async create(t) {
    const owner = await t.services.db.selectFrom('users').select('id').where('username', '=', 'owner-a').executeTakeFirstOrThrow();
    return storedDub(t, owner.id);
  },
  routes: [{ method: 'POST', url: (id) => `/api/jobs/${id}/segments/s0001/preview`, payload: {} }],
  keyScopes: ['edit:job'],
  missingId: () => randomBytes(16).toString('hex'),
  async stillThere(t, ownerToken, id) {
    const previews = (await t.app.inject({ url: '/api/jobs?type=dub_preview', headers: bearer(ownerToken) })).json().jobs;
    const dub = await t.app.inject({ url: `/api/jobs/${id}`, headers: bearer(ownerToken) });
    return previews.length === 0 && dub.statusCode === 200;
  },
});
