import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { auditEvents } from '../../test/helpers/audit.js';
import { bearer, createUser, loginWithToken } from '../../test/helpers/auth.js';
import { insertTestUpload, SELFTEST_ENV, submitJob, submitSelftest } from '../../test/helpers/jobs.js';
import { ownershipTest } from '../../test/helpers/ownership.js';

const SLEEP = [{ op: 'sleep' as const, ms: 10 }];

async function withApp(env: Record<string, string>, body: (t: TestApp, token: string, userId: string) => Promise<void>): Promise<void> {
  const t = await createTestApp({ env: { ...SELFTEST_ENV, ...env } });
  try {
    const user = await createUser(t, 'kaito', 'operator');
    await body(t, (await loginWithToken(t, 'kaito')).access_token, user.id);
  } finally {
    await t.close();
  }
}

describe('submitting jobs', () => {
  test('a job is queued with its stages; GET and the list show it; the submission is audited', () =>
    withApp({}, async (t, token) => {
      const response = await submitJob(t, token, { type: 'selftest', options: { steps: [{ op: 'sleep', ms: 5 }, { op: 'spin', ms: 5 }] }, tags: ['night'] });
      assert.equal(response.statusCode, 201, response.body);
      const job = response.json();
      assert.equal(job.status, 'queued');
      assert.deepEqual(job.stages, [{ name: 'step-1', status: 'pending' }, { name: 'step-2', status: 'pending' }]);
      assert.deepEqual(job.tags, ['night']);
      assert.equal((await t.app.inject({ url: `/api/jobs/${job.id}`, headers: bearer(token) })).json().id, job.id);
      assert.deepEqual((await t.app.inject({ url: '/api/jobs', headers: bearer(token) })).json().jobs.map((j: { id: string }) => j.id), [job.id]);
      assert.ok(auditEvents(t).some((event) => event.action === 'job.submitted' && event.target === `job:${job.id}`));
    }));

  test('bad input is refused up front with a stable code, and no job is made', () =>
    withApp({}, async (t, token, userId) => {
      const other = await createUser(t, 'mika', 'operator');
      const foreign = await insertTestUpload(t, other.id, 'video');
      const image = await insertTestUpload(t, userId, 'image');
      const pending = await insertTestUpload(t, userId, 'video', 'validating');
      const rejected = await insertTestUpload(t, userId, 'video', 'rejected');
      const accepted = await insertTestUpload(t, userId, 'video');
      const cases: Array<[object, number, string]> = [
        [{ type: 'transcode', options: {} }, 422, 'unknown_job_type'],
        [{ type: 'selftest', options: { steps: [{ op: 'explode' }] } }, 400, 'invalid_job_options'],
        [{ type: 'selftest', options: { steps: SLEEP, extra: 1 } }, 400, 'invalid_job_options'],
        [{ type: 'dub', options: { upload_id: accepted } }, 400, 'invalid_job_options'],
        [{ type: 'dub', options: { upload_id: randomBytes(16).toString('hex'), target_language: 'en' } }, 422, 'input_not_found'],
        [{ type: 'dub', options: { upload_id: foreign, target_language: 'en' } }, 422, 'input_not_found'],
        [{ type: 'dub', options: { upload_id: image, target_language: 'en' } }, 422, 'input_wrong_kind'],
        [{ type: 'dub', options: { upload_id: pending, target_language: 'en' } }, 409, 'input_not_ready'],
        [{ type: 'dub', options: { upload_id: rejected, target_language: 'en' } }, 422, 'input_rejected'],
        [{ type: 'dub', options: { upload_id: accepted, target_language: 'en' } }, 422, 'asr_engine_unavailable'],
        [{ type: 'selftest', options: { steps: SLEEP }, tags: ['<script>'] }, 400, 'validation_failed'],
      ];
      for (const [body, status, code] of cases) {
        const response = await submitJob(t, token, body as { type: string; options: object });
        assert.equal(response.statusCode, status, `${JSON.stringify(body)}: ${response.body}`);
        assert.equal(response.json().error.code, code, JSON.stringify(body));
      }
      assert.equal((await t.app.inject({ url: '/api/jobs', headers: bearer(token) })).json().jobs.length, 0);
    }));

  test('selftest exists only when SAKUGA_SELFTEST_JOBS is on', async () => {
    const t = await createTestApp();
    try {
      await createUser(t, 'kaito', 'operator');
      const response = await submitJob(t, (await loginWithToken(t, 'kaito')).access_token, { type: 'selftest', options: { steps: SLEEP } });
      assert.equal(response.json().error.code, 'unknown_job_type');
    } finally {
      await t.close();
    }
  });

  test('Idempotency-Key: the same key and body give the same job; a different body 422; at once, still one job', () =>
    withApp({}, async (t, token) => {
      const body = { type: 'selftest', options: { steps: SLEEP } };
      const first = await submitJob(t, token, body, { 'idempotency-key': 'order-1' });
      const again = await submitJob(t, token, { options: { steps: SLEEP }, type: 'selftest' }, { 'idempotency-key': 'order-1' });
      assert.equal(first.statusCode, 201);
      assert.equal(again.statusCode, 200);
      assert.equal(again.headers['idempotent-replayed'], 'true');
      assert.equal(again.json().id, first.json().id);
      const changed = await submitJob(t, token, { type: 'selftest', options: { steps: [{ op: 'sleep', ms: 11 }] } }, { 'idempotency-key': 'order-1' });
      assert.equal(changed.statusCode, 422);
      assert.equal(changed.json().error.code, 'idempotency_key_reused');
      assert.equal((await submitJob(t, token, body, { 'idempotency-key': 'bad key' })).json().error.code, 'idempotency_key_invalid');

      const racing = await Promise.all(Array.from({ length: 8 }, () => submitJob(t, token, body, { 'idempotency-key': 'order-2' })));
      assert.equal(new Set(racing.map((response) => response.json().id)).size, 1, 'eight racing submissions made one job');
      assert.equal((await t.app.inject({ url: '/api/jobs', headers: bearer(token) })).json().jobs.length, 2);
    }));

  test('over the queue caps and the daily quota: 429 with Retry-After, nothing made', async () => {
    await withApp({ JOBS_MAX_QUEUED_PER_USER: '2', JOBS_MAX_QUEUED: '3', JOBS_DAILY_QUOTA: '4' }, async (t, token) => {
      await submitSelftest(t, token, SLEEP);
      await submitSelftest(t, token, SLEEP);
      const mine = await submitJob(t, token, { type: 'selftest', options: { steps: SLEEP } });
      assert.equal(mine.statusCode, 429);
      assert.equal(mine.json().error.code, 'too_many_queued');
      assert.ok(Number(mine.headers['retry-after']) > 0);

      await createUser(t, 'mika', 'operator');
      const mika = (await loginWithToken(t, 'mika')).access_token;
      await submitSelftest(t, mika, SLEEP);
      const full = await submitJob(t, mika, { type: 'selftest', options: { steps: SLEEP } });
      assert.equal(full.json().error.code, 'queue_full');

      // Two cancelled jobs free the queue, but they still count toward today's quota.
      const queued = (await t.app.inject({ url: '/api/jobs', headers: bearer(token) })).json().jobs;
      for (const job of queued) await t.app.inject({ method: 'POST', url: `/api/jobs/${job.id}/cancel`, headers: bearer(token) });
      await submitSelftest(t, token, SLEEP);
      await submitSelftest(t, token, SLEEP);
      const quota = await submitJob(t, token, { type: 'selftest', options: { steps: SLEEP } });
      assert.equal(quota.statusCode, 429);
      assert.equal(quota.json().error.code, 'job_quota_exceeded');
      assert.ok(Number(quota.headers['retry-after']) <= 86_400);
    });
  });

  test('a batch is all or none', () =>
    withApp({}, async (t, token) => {
      const bad = await t.app.inject({ method: 'POST', url: '/api/jobs/batch', headers: bearer(token), payload: { jobs: [{ type: 'selftest', options: { steps: SLEEP } }, { type: 'nope', options: {} }] } });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.json().error.message, /^jobs\[1\]/);
      assert.equal((await t.app.inject({ url: '/api/jobs', headers: bearer(token) })).json().jobs.length, 0);
      const good = await t.app.inject({ method: 'POST', url: '/api/jobs/batch', headers: bearer(token), payload: { jobs: [{ type: 'selftest', options: { steps: SLEEP } }, { type: 'selftest', options: { steps: SLEEP } }] } });
      assert.equal(good.statusCode, 201, good.body);
      assert.equal(good.json().jobs.length, 2);
    }));
});

describe('reading and cancelling', () => {
  test('list filters and cursor pagination', () =>
    withApp({}, async (t, token) => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i += 1) ids.push(await submitSelftest(t, token, i % 2 ? SLEEP : [{ op: 'spin', ms: 1 }], { tags: i < 2 ? ['keep'] : [] }));
      await t.app.inject({ method: 'POST', url: `/api/jobs/${ids[4]}/cancel`, headers: bearer(token) });
      const list = async (query: string) => (await t.app.inject({ url: `/api/jobs?${query}`, headers: bearer(token) })).json();
      assert.equal((await list('status=cancelled')).jobs.length, 1);
      assert.equal((await list('tag=keep')).jobs.length, 2);
      assert.equal((await list('text=spin')).jobs.length, 3);
      assert.equal((await list('text=%25')).jobs.length, 0, 'a % is text, not a wildcard');
      assert.equal((await list('archived=true')).jobs.length, 0);

      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await list(`limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.jobs.map((job: { id: string }) => job.id));
        cursor = page.next_cursor;
      } while (cursor);
      assert.deepEqual(new Set(seen), new Set(ids));
      assert.equal(seen.length, 5);
      const forged = await t.app.inject({ url: '/api/jobs?cursor=bm9wZQ', headers: bearer(token) });
      assert.equal(forged.json().error.code, 'invalid_cursor');
    }));

  test('cancel is idempotent; a viewer reads but cannot submit or cancel', () =>
    withApp({}, async (t, token) => {
      const id = await submitSelftest(t, token, SLEEP);
      const cancel = () => t.app.inject({ method: 'POST', url: `/api/jobs/${id}/cancel`, headers: bearer(token) });
      assert.equal((await cancel()).json().status, 'cancelled');
      assert.equal((await cancel()).json().status, 'cancelled');
      assert.equal(auditEvents(t).filter((event) => event.action === 'job.cancelled').length, 1);

      await createUser(t, 'nao', 'viewer');
      const viewer = (await loginWithToken(t, 'nao')).access_token;
      assert.equal((await submitJob(t, viewer, { type: 'selftest', options: { steps: SLEEP } })).statusCode, 403);
      assert.equal((await t.app.inject({ url: '/api/jobs', headers: bearer(viewer) })).statusCode, 200);
    }));

  test('an API key naming one job reads that job only, sees only it in the list, and cannot cancel it', () =>
    withApp({}, async (t, token) => {
      const one = await submitSelftest(t, token, SLEEP);
      const two = await submitSelftest(t, token, SLEEP);
      const { refresh_token: _r, ...session } = await loginWithToken(t, 'kaito');
      const key = (await t.app.inject({ method: 'POST', url: '/api/keys', headers: bearer(session.access_token), payload: { name: 'one job', scopes: [`job:${one}:write`] } })).json().key;
      assert.equal((await t.app.inject({ url: `/api/jobs/${one}`, headers: bearer(key) })).statusCode, 200);
      assert.equal((await t.app.inject({ url: `/api/jobs/${two}`, headers: bearer(key) })).statusCode, 404);
      assert.deepEqual((await t.app.inject({ url: '/api/jobs', headers: bearer(key) })).json().jobs.map((job: { id: string }) => job.id), [one]);
      assert.equal((await t.app.inject({ method: 'POST', url: `/api/jobs/${one}/cancel`, headers: bearer(key) })).statusCode, 403);
    }));
});

ownershipTest({
  name: 'jobs',
  app: { env: SELFTEST_ENV },
  create: (t, token) => submitSelftest(t, token, SLEEP),
  routes: [
    { method: 'GET', url: (id) => `/api/jobs/${id}` },
    { method: 'POST', url: (id) => `/api/jobs/${id}/cancel` },
    { method: 'GET', url: (id) => `/api/jobs/${id}/events` },
    { method: 'GET', url: (id) => `/api/jobs/${id}/log` },
    { method: 'GET', url: (id) => `/api/jobs/${id}/artifacts` },
    { method: 'GET', url: (id) => `/api/jobs/${id}/artifacts/step-1.json` },
  ],
  keyScopes: ['read:job', 'submit:job'],
  missingId: () => randomBytes(16).toString('hex'),
  stillThere: async (t, token, id) => (await t.app.inject({ url: `/api/jobs/${id}`, headers: bearer(token) })).json().status === 'queued',
});
