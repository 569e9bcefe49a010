import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pino from 'pino';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { bearer, createUser, loginWithToken } from '../../test/helpers/auth.js';
import { type ComfyUiFake, startComfyUiFake } from '../../test/helpers/comfyui-fake.js';
import { isFinal, submitJob, waitForJob } from '../../test/helpers/jobs.js';
import { createJobWorker } from '../jobs/engine.js';
import type { Worker } from '../jobs/worker.js';

/** Daily allowances, per user, through real generations (a ComfyUI fake, the worker, the sandbox). */
describe('generation allowances per user and day', () => {
  let t: TestApp;
  let worker: Worker;
  let fake: ComfyUiFake;
  const tokens: Record<string, string> = {};

  before(async () => {
    fake = await startComfyUiFake();
    t = await createTestApp({ env: { GENERATE_ENGINE: 'comfyui', GENERATE_URL: fake.url, GENERATE_DAILY_LIMIT: '2', GENERATE_DAILY_GPU_SECONDS: '2', JOB_MAX_ATTEMPTS: '1' } });
    for (const name of ['kana', 'leo', 'mei']) {
      await createUser(t, name, 'operator');
      tokens[name] = (await loginWithToken(t, name)).access_token;
    }
    worker = createJobWorker(t.services, { dialect: t.database.dialect, log: pino({ level: 'silent' }) });
    worker.start();
  });
  after(async () => {
    await worker.stop();
    await t.close();
    await fake.close();
  });

  // Two sampler steps: with stepMs, the engine time is known.
  const submit = (who: string) => submitJob(t, tokens[who]!, { type: 'generate', options: { prompt: `a picture for ${who}`, output: 'image', steps: 2 } });
  const usage = async (who: string) => (await t.app.inject({ url: '/api/usage', headers: bearer(tokens[who]!) })).json();
  async function generated(who: string) {
    const response = await submit(who);
    assert.equal(response.statusCode, 201, response.body);
    const job = await waitForJob(t, tokens[who]!, response.json().id, isFinal, 30_000);
    assert.equal(job.status, 'succeeded');
  }

  test('past the daily number of generations: 429 generation_limit_reached with Retry-After until midnight UTC; others are not affected', async () => {
    fake.options.stepMs = 0;
    await generated('kana');
    await generated('kana');
    const refused = await submit('kana');
    assert.equal(refused.statusCode, 429);
    assert.equal(refused.json().error.code, 'generation_limit_reached');
    const now = new Date();
    const untilMidnight = (Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1) - now.getTime()) / 1000;
    assert.ok(Math.abs(Number(refused.headers['retry-after']) - untilMidnight) <= 5, `Retry-After ${refused.headers['retry-after']} ≈ ${untilMidnight}`);
    const report = await usage('kana');
    assert.deepEqual(report.generations, { used: 2, limit: 2, remaining: 0 });
    assert.equal(report.gpu_slots, 1);
    assert.equal(report.day, now.toISOString().slice(0, 10));
    await generated('leo'); // per user
  });

  test('past the daily engine time: 429 gpu_time_limit_reached; the time is what the engine took', async () => {
    fake.options.stepMs = 1_300; // two steps: some 2.6 s of engine time
    try {
      assert.deepEqual((await usage('mei')).gpu_seconds, { used: 0, limit: 2, remaining: 2 });
      await generated('mei');
      const report = await usage('mei');
      assert.ok(report.gpu_seconds.used >= 3, `engine time counted: ${JSON.stringify(report.gpu_seconds)}`);
      assert.equal(report.gpu_seconds.remaining, 0);
      const refused = await submit('mei');
      assert.equal(refused.statusCode, 429);
      assert.equal(refused.json().error.code, 'gpu_time_limit_reached');
      assert.ok(Number(refused.headers['retry-after']) > 0);
    } finally {
      fake.options.stepMs = 0;
    }
  });
});
