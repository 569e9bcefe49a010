import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import pino from 'pino';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { auditEvents } from '../../test/helpers/audit.js';
import { bearer, createUser, loginWithToken } from '../../test/helpers/auth.js';
import { isFinal, SELFTEST_ENV, submitSelftest, waitForJob } from '../../test/helpers/jobs.js';
import { insertFinishedDub } from '../../test/helpers/dub-fixture.js';
import { createJobWorker } from './engine.js';
import type { Worker } from './worker.js';

/** Reads an SSE response body into events. */
function parseEvents(body: string): Array<{ id: number; event: string; data: Record<string, unknown> }> {
  return body
    .split('\n\n')
    .filter((block) => block.startsWith('id: '))
    .map((block) => {
      const fields = Object.fromEntries(block.split('\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]));
      return { id: Number(fields.id), event: fields.event!, data: JSON.parse(fields.data!) as Record<string, unknown> };
    });
}

describe('a job through the worker, end to end', () => {
  let t: TestApp;
  let worker: Worker;
  let token: string;

  before(async () => {
    t = await createTestApp({ env: { ...SELFTEST_ENV, JOB_LEASE: '3s', JOB_RETRY_DELAY: '0s' } });
    await createUser(t, 'kaito', 'operator');
    token = (await loginWithToken(t, 'kaito')).access_token;
    worker = createJobWorker(t.services, { dialect: t.database.dialect, log: pino({ level: 'silent' }) });
    worker.start();
  });
  after(async () => {
    await worker.stop();
    await t.close();
  });

  test('runs its stages, streams events (resumable), keeps its log, and serves its artifacts with Range', async () => {
    const id = await submitSelftest(t, token, [{ op: 'sleep', ms: 300 }, { op: 'spin', ms: 50 }]);
    const events = await t.app.inject({ url: `/api/jobs/${id}/events`, headers: bearer(token) });
    assert.equal(events.statusCode, 200);
    assert.match(String(events.headers['content-type']), /^text\/event-stream/);
    const stream = parseEvents(events.body);
    const states = stream.filter((e) => e.event === 'state').map((e) => e.data.status);
    assert.deepEqual(states, ['queued', 'running', 'succeeded']);
    assert.deepEqual(stream.filter((e) => e.event === 'stage' && e.data.status === 'done').map((e) => e.data.index), [0, 1]);
    assert.ok(stream.some((e) => e.event === 'progress'), 'progress was reported');
    assert.deepEqual([...stream.map((e) => e.id)].sort((a, b) => a - b), stream.map((e) => e.id), 'ids increase');

    const middle = stream[2]!.id;
    const resumed = parseEvents((await t.app.inject({ url: `/api/jobs/${id}/events`, headers: { ...bearer(token), 'last-event-id': String(middle) } })).body);
    assert.deepEqual(resumed.map((e) => e.id), stream.filter((e) => e.id > middle).map((e) => e.id), 'Last-Event-ID resumes after that event');

    const job = (await t.app.inject({ url: `/api/jobs/${id}`, headers: bearer(token) })).json();
    assert.equal(job.status, 'succeeded');
    assert.equal(job.progress, 1);
    assert.deepEqual(job.stages.map((s: { status: string }) => s.status), ['done', 'done']);

    const artifacts = (await t.app.inject({ url: `/api/jobs/${id}/artifacts`, headers: bearer(token) })).json().artifacts;
    assert.deepEqual(artifacts.map((a: { name: string }) => a.name), ['step-1.json', 'step-2.json']);
    const whole = await t.app.inject({ url: `/api/jobs/${id}/artifacts/step-1.json`, headers: bearer(token) });
    assert.equal(whole.statusCode, 200);
    assert.equal(createHash('sha256').update(whole.rawPayload).digest('hex'), artifacts[0].sha256);
    assert.equal(whole.headers['x-content-type-options'], 'nosniff');
    assert.match(String(whole.headers['content-disposition']), /step-1\.json/);
    const part = await t.app.inject({ url: `/api/jobs/${id}/artifacts/step-1.json`, headers: { ...bearer(token), range: 'bytes=1-4' } });
    assert.equal(part.statusCode, 206);
    assert.equal(part.headers['content-range'], `bytes 1-4/${whole.rawPayload.length}`);
    assert.deepEqual(part.rawPayload, whole.rawPayload.subarray(1, 5));
    const outside = await t.app.inject({ url: `/api/jobs/${id}/artifacts/step-1.json`, headers: { ...bearer(token), range: 'bytes=9999-' } });
    assert.equal(outside.statusCode, 416);
    assert.equal((await t.app.inject({ url: `/api/jobs/${id}/artifacts/..%2Fsakuga.db`, headers: bearer(token) })).statusCode, 404);
  });

  test('over a real socket, the event stream stays open until the job ends', async () => {
    const id = await submitSelftest(t, token, [{ op: 'sleep', ms: 1500 }]);
    const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const response = await fetch(`${address}/api/jobs/${id}/events`, { headers: bearer(token) });
    const states = parseEvents(await response.text()).filter((e) => e.event === 'state').map((e) => e.data.status);
    assert.deepEqual(states.slice(-1), ['succeeded'], 'the stream closed only after the final state');
  });

  test('cancelling a running job stops it within 5 seconds', async () => {
    const id = await submitSelftest(t, token, [{ op: 'sleep', ms: 60_000 }]);
    await waitForJob(t, token, id, (job) => job.status === 'running');
    const started = Date.now();
    const cancel = await t.app.inject({ method: 'POST', url: `/api/jobs/${id}/cancel`, headers: bearer(token) });
    assert.equal(cancel.statusCode, 200);
    const job = await waitForJob(t, token, id, isFinal, 5_000);
    assert.equal(job.status, 'cancelled');
    assert.ok(Date.now() - started < 5_000);
    assert.deepEqual(worker.running(), []);
  });

  test('a transient failure is retried; a permanent one fails with the stage\'s code and message', async () => {
    const flaky = await submitSelftest(t, token, [{ op: 'fail', transient: true, times: 1 }]);
    const retried = await waitForJob(t, token, flaky, isFinal);
    assert.equal(retried.status, 'succeeded');
    assert.equal(retried.attempts, 2);

    const broken = await submitSelftest(t, token, [{ op: 'fail' }]);
    const failed = await waitForJob(t, token, broken, isFinal);
    assert.equal(failed.status, 'failed');
    assert.equal((failed.failure as { code: string }).code, 'selftest_failed');
    const log = (await t.app.inject({ url: `/api/jobs/${broken}/log`, headers: bearer(token) })).json();
    assert.ok(log.entries.some((entry: { level: string; msg: string }) => entry.level === 'error' && entry.msg.includes('selftest_failed')));
  });
});

describe('limits and the sandbox, through the worker', () => {
  async function engine(env: Record<string, string>, body: (t: TestApp, token: string) => Promise<void>): Promise<void> {
    const t = await createTestApp({ env: { ...SELFTEST_ENV, JOB_RETRY_DELAY: '0s', ...env } });
    const worker = createJobWorker(t.services, { dialect: t.database.dialect, log: pino({ level: 'silent' }) });
    try {
      await createUser(t, 'kaito', 'operator');
      worker.start();
      await body(t, (await loginWithToken(t, 'kaito')).access_token);
    } finally {
      await worker.stop();
      await t.close();
    }
  }

  test('a busy loop and a memory hog are stopped with a clear reason, audited, while the server keeps answering', () =>
    engine({ JOB_CPU_TIME: '2s', JOB_MEMORY_MB: '2048' }, async (t, token) => {
      const spin = await submitSelftest(t, token, [{ op: 'spin', ms: 60_000 }]);
      const hog = await submitSelftest(t, token, [{ op: 'alloc', mb: 4096 }]);
      let slowest = 0;
      while (!isFinal((await t.app.inject({ url: `/api/jobs/${spin}`, headers: bearer(token) })).json())) {
        const started = Date.now();
        assert.equal((await t.app.inject({ url: '/healthz' })).statusCode, 200);
        slowest = Math.max(slowest, Date.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const spun = await waitForJob(t, token, spin, isFinal);
      const hogged = await waitForJob(t, token, hog, isFinal);
      assert.equal(spun.status, 'failed');
      assert.equal((spun.failure as { code: string }).code, 'cpu_limit');
      assert.equal((hogged.failure as { code: string }).code, 'memory_limit');
      // Generous: CI runs many test files at once on two cores; a server blocked by the job would not answer at all.
      assert.ok(slowest < 2000, `the server answered within ${slowest} ms throughout`);
      // The audit line follows the job's final state by a moment; wait for it rather than race it.
      const limitCodes = () =>
        auditEvents(t)
          .filter((event) => event.action === 'job.failed' && event.details?.limit === true)
          .map((event) => event.details?.code)
          .sort();
      for (const deadline = Date.now() + 5_000; limitCodes().length < 2 && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.deepEqual(limitCodes(), ['cpu_limit', 'memory_limit']);
    }));

  test('REQUIRE_SANDBOX refuses to run a job without bubblewrap; otherwise it runs with a warning; both audited', async () => {
    await engine({ BWRAP_PATH: '/bin/false', REQUIRE_SANDBOX: 'true' }, async (t, token) => {
      const id = await submitSelftest(t, token, [{ op: 'sleep', ms: 10 }]);
      const job = await waitForJob(t, token, id, isFinal);
      assert.equal(job.status, 'failed');
      assert.equal((job.failure as { code: string }).code, 'sandbox_unavailable');
      assert.ok(auditEvents(t).some((event) => event.action === 'job.sandbox_unavailable' && event.details?.refused === true));
    });
    await engine({ BWRAP_PATH: '/bin/false' }, async (t, token) => {
      const id = await submitSelftest(t, token, [{ op: 'sleep', ms: 10 }]);
      assert.equal((await waitForJob(t, token, id, isFinal)).status, 'succeeded');
      const log = (await t.app.inject({ url: `/api/jobs/${id}/log`, headers: bearer(token) })).json();
      assert.ok(log.entries.some((entry: { level: string; msg: string }) => entry.level === 'warn' && entry.msg.includes('without the sandbox')));
      assert.ok(auditEvents(t).some((event) => event.action === 'job.sandbox_unavailable' && event.details?.refused === false));
    });
  });
});

describe('jobs queued in this process start at once', () => {
  test('with a poll of ten minutes, a submitted job and a re-render still reach the worker straight away', async () => {
    const t = await createTestApp({ env: SELFTEST_ENV });
    // A poll this long means only the queue signal can start the jobs within the test's time.
    const worker = createJobWorker(t.services, { dialect: t.database.dialect, log: pino({ level: 'silent' }), idlePollMs: 600_000 });
    try {
      await createUser(t, 'kaito', 'editor');
      const token = (await loginWithToken(t, 'kaito')).access_token;
      worker.start();
      // Let the loop claim nothing and fall asleep first.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const first = await submitSelftest(t, token, [{ op: 'sleep', ms: 10 }]);
      assert.equal((await waitForJob(t, token, first, isFinal, 15_000)).status, 'succeeded');
      const second = await submitSelftest(t, token, [{ op: 'sleep', ms: 10 }]);
      assert.equal((await waitForJob(t, token, second, isFinal, 15_000)).status, 'succeeded', 'the loop sleeps again after a job and still wakes');

      let signalled = 0;
      const stop = t.services.queueSignal.subscribe(() => (signalled += 1));
      const me = (await t.app.inject({ url: '/api/auth/me', headers: bearer(token) })).json().user.id as string;
      const dub = await insertFinishedDub(t, me);
      await worker.stop();
      const rerender = await t.app.inject({ method: 'POST', url: `/api/jobs/${dub}/rerender`, headers: bearer(token), payload: {} });
      assert.equal(rerender.statusCode, 202, rerender.body);
      stop();
      assert.equal(signalled, 1, 'a re-render queues the dub again and says so');
    } finally {
      await worker.stop();
      await t.close();
    }
  });
});
