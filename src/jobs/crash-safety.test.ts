import assert from 'node:assert/strict';
import { readdirSync, readlinkSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { bearer, createUser, loginWithToken, TEST_PASSWORD } from '../../test/helpers/auth.js';
import { databaseTargets } from '../../test/helpers/databases.js';
import { isFinal, SELFTEST_ENV, type Step, storedArtifacts, submitSelftest, waitForJob } from '../../test/helpers/jobs.js';
import { type RunningWorker, startServer, startWorker } from '../../test/helpers/process.js';
import { eventsAfter } from './store.js';

const ENGINE_ENV = { ...SELFTEST_ENV, JOB_LEASE: '2s', JOB_RETRY_DELAY: '0s', LOG_LEVEL: 'warn' };

/** What happened to a job, from its recorded events. */
async function history(t: TestApp, id: string) {
  const events = (await eventsAfter(t.services.db, id, 0, 10_000)).map((event) => ({ kind: event.kind, data: JSON.parse(event.data) as Record<string, unknown> }));
  return {
    claims: events.filter((e) => e.kind === 'state' && e.data.status === 'running').length,
    stagesDone: events.filter((e) => e.kind === 'stage' && e.data.status === 'done').map((e) => e.data.index as number),
    succeeded: events.filter((e) => e.kind === 'state' && e.data.status === 'succeeded').length,
  };
}

async function waitForStage(t: TestApp, id: string, index: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const events = await eventsAfter(t.services.db, id, 0, 10_000);
    if (events.some((event) => event.kind === 'stage' && JSON.parse(event.data).index === index && JSON.parse(event.data).status === 'started')) return;
    await sleep(50);
  }
  assert.fail(`stage ${index} of job ${id} never started`);
}

async function assertNoPartialArtifacts(t: TestApp, id: string, expected: string[]): Promise<void> {
  assert.deepEqual(await storedArtifacts(t, id), expected, 'exactly the artifacts, no partial or duplicate file');
}

// The middle stage reports progress every 2 s, so a child cut off from its worker learns of it only by watching (a write would fail sooner).
const STEPS: Step[] = [{ op: 'sleep', ms: 200 }, { op: 'sleep', ms: 8_000 }, { op: 'sleep', ms: 200 }];

/** Live processes whose working directory is this job's work dir (a job's child runs there). */
function processesOf(jobId: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readlinkSync(`/proc/${pid}/cwd`).includes(jobId);
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('crash safety', () => {
  for (const sandbox of [true, false]) {
    test(`a worker killed mid-stage (${sandbox ? 'sandboxed' : 'no sandbox'}): its job process dies with it; the job resumes from its checkpoint elsewhere and finishes exactly once`, async () => {
      const t = await createTestApp({ env: ENGINE_ENV });
      const env = { SAKUGA_DATA_DIR: t.dataDir, ...ENGINE_ENV, ...(!sandbox && { BWRAP_PATH: '/bin/false' }) };
      let workers: RunningWorker[] = [];
      try {
        await createUser(t, 'kaito', 'operator');
        const token = (await loginWithToken(t, 'kaito')).access_token;
        const id = await submitSelftest(t, token, STEPS);
        workers.push(await startWorker(env));
        await waitForStage(t, id, 1);
        assert.ok(processesOf(id).length > 0, 'the job process is found while it runs');
        workers[0]!.child.kill('SIGKILL');
        await workers[0]!.exited;
        await sleep(1000);
        assert.deepEqual(processesOf(id), [], 'no job process outlives its worker');
        workers.push(await startWorker(env));
        const job = await waitForJob(t, token, id, isFinal, 30_000);
        assert.equal(job.status, 'succeeded');
        assert.equal(job.attempts, 2);
        const seen = await history(t, id);
        assert.equal(seen.claims, 2);
        assert.deepEqual(seen.stagesDone, [0, 1, 2], 'stage 1 was not run again; each stage finished once');
        assert.equal(seen.succeeded, 1);
        await assertNoPartialArtifacts(t, id, ['step-1.json', 'step-2.json', 'step-3.json']);
        const first = (await t.app.inject({ url: `/api/jobs/${id}/artifacts/step-1.json`, headers: bearer(token) })).json();
        assert.equal(first.attempt, 1, 'the first stage\'s artifact is from the first run');
      } finally {
        for (const worker of workers) worker.child.kill('SIGKILL');
        await Promise.all(workers.map((worker) => worker.exited));
        workers = [];
        await t.close();
      }
    });
  }

  test('the whole server killed mid-job: after a restart the job finishes exactly once', async () => {
    const t = await createTestApp({ env: ENGINE_ENV });
    const env = { SAKUGA_DATA_DIR: t.dataDir, HOST: '127.0.0.1', ...ENGINE_ENV };
    await createUser(t, 'kaito', 'operator');
    let server = await startServer(env);
    try {
      const base = () => `http://127.0.0.1:${server.port}`;
      const login = await fetch(`${base()}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'kaito', password: TEST_PASSWORD }) });
      const { access_token } = (await login.json()) as { access_token: string };
      const submitted = await fetch(`${base()}/api/jobs`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${access_token}` }, body: JSON.stringify({ type: 'selftest', options: { steps: STEPS } }) });
      assert.equal(submitted.status, 201);
      const { id } = (await submitted.json()) as { id: string };
      await waitForStage(t, id, 1);
      server.child.kill('SIGKILL');
      await server.exited;
      server = await startServer(env);
      const job = await waitForJob(t, access_token, id, isFinal, 30_000);
      assert.equal(job.status, 'succeeded');
      const seen = await history(t, id);
      assert.deepEqual(seen.stagesDone, [0, 1, 2]);
      assert.equal(seen.succeeded, 1);
      await assertNoPartialArtifacts(t, id, ['step-1.json', 'step-2.json', 'step-3.json']);
    } finally {
      server.child.kill('SIGKILL');
      await server.exited;
      await t.close();
    }
  });
});

for (const target of await databaseTargets()) {
  if (target.dialect !== 'postgres') continue;
  describe('several worker processes on PostgreSQL', { skip: target.skip }, () => {
    test('never run one job twice, even when one of them dies mid-run', async () => {
      const database = await target.create();
      const t = await createTestApp({ env: ENGINE_ENV, database: database.config });
      const url = database.config.kind === 'postgres' ? database.config.url.reveal() : '';
      const env = { SAKUGA_DATA_DIR: t.dataDir, DATABASE_URL: url, WORKER_SLOTS: '3', JOBS_MAX_RUNNING: '9', JOBS_MAX_RUNNING_PER_USER: '9', ...ENGINE_ENV };
      const workers: RunningWorker[] = [];
      try {
        await createUser(t, 'kaito', 'operator');
        const token = (await loginWithToken(t, 'kaito')).access_token;
        const ids: string[] = [];
        for (let i = 0; i < 24; i += 1) ids.push(await submitSelftest(t, token, [{ op: 'sleep', ms: 150 }, { op: 'sleep', ms: 300 }]));
        for (let i = 0; i < 3; i += 1) workers.push(await startWorker(env));
        await sleep(700);
        workers[0]!.child.kill('SIGKILL');
        for (const id of ids) {
          const job = await waitForJob(t, token, id, isFinal, 60_000);
          if (job.status !== 'succeeded') {
            // The job's own log says why (it keeps the end of the child's stderr).
            const log = (await t.app.inject({ url: `/api/jobs/${id}/log`, headers: bearer(token) })).json();
            assert.fail(`${id} ended ${job.status}: ${JSON.stringify(job.failure)} ${JSON.stringify(log.entries)}`);
          }
        }
        for (const id of ids) {
          const seen = await history(t, id);
          assert.equal(seen.succeeded, 1, `${id} succeeded once`);
          assert.deepEqual(seen.stagesDone, [0, 1], `${id}: each stage finished exactly once`);
        }
        const claimedBy = await t.services.db.selectFrom('job_events').select('data').where('kind', '=', 'state').execute();
        const workersSeen = new Set(claimedBy.map((row) => (JSON.parse(row.data) as { worker?: string }).worker).filter(Boolean));
        assert.ok(workersSeen.size >= 2, 'the work was shared');
      } finally {
        for (const worker of workers) worker.child.kill('SIGKILL');
        await Promise.all(workers.map((worker) => worker.exited));
        await t.close();
        await database.drop();
      }
    });
  });
}
