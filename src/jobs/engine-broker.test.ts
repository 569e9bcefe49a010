import assert from 'node:assert/strict';
import { locateTool } from '../media/toolchain.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import pino from 'pino';
import { startComfyUiFake } from '../../test/helpers/comfyui-fake.js';
import { enginesFor } from '../../test/helpers/engine-fakes.js';
import { BUILTIN_TEMPLATES } from '../generation/templates.js';
import { createGenerationRunner } from '../generation/worker-run.js';
import { createEngineBroker } from './engine-broker.js';
import type { EngineResults } from './engine-protocol.js';

const run = { jobId: 'd'.repeat(32), userId: 'u', options: { prompt: 'a fox in the rain', output: 'image' } };

describe('the engine broker: a generation for a job process', async () => {
  const fake = await startComfyUiFake();
  const dir = mkdtempSync(join(tmpdir(), 'sakuga-broker-'));
  after(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const brokerFor = (env: Record<string, string>) => {
    const engines = enginesFor(env);
    const generation = createGenerationRunner({ engine: () => engines.generate, capabilities: () => ({ engine: true, promptMax: 500, template: (name) => BUILTIN_TEMPLATES[name] }), readUpload: () => Promise.reject(new Error('no uploads here')), scratchRoot: join(dir, 'tmp'), ffprobe: () => locateTool('ffprobe', undefined), maxVideoSeconds: 600 });
    return createEngineBroker({ engines, log: pino({ level: 'silent' }), generation });
  };
  const signal = new AbortController().signal;

  test('generate runs the job\'s own options; its outputs are read back in pieces, and only the outputs it has', async () => {
    const broker = brokerFor({ GENERATE_ENGINE: 'comfyui', GENERATE_URL: fake.url });
    const generated = await broker({ engine: 'generate' }, signal, run);
    assert.ok(generated.ok, JSON.stringify(generated));
    const { outputs, seed } = generated.result as EngineResults['generate'];
    assert.equal(outputs.length, 1);
    assert.equal(typeof seed, 'number');
    const piece = await broker({ engine: 'generate_read', output: 0, offset: 0 }, signal, run);
    assert.ok(piece.ok);
    assert.equal(Buffer.from((piece.result as { data: string }).data, 'base64').byteLength, outputs[0]!.size);
    assert.deepEqual(await broker({ engine: 'generate_read', output: 5, offset: 0 }, signal, run), { ok: false, code: 'engine_request_invalid', message: 'There is no such output of this generation.', transient: false });
  });

  test('without a generation engine: engine_not_configured; a node that fails on the engine: engine_rejected, not transient', async () => {
    const none = await brokerFor({})({ engine: 'generate' }, signal, run);
    assert.deepEqual([none.ok, !none.ok && none.code], [false, 'engine_not_configured']);
    const failing = await startComfyUiFake({ failAt: 'KSampler' });
    try {
      const outcome = await brokerFor({ GENERATE_ENGINE: 'comfyui', GENERATE_URL: failing.url })({ engine: 'generate' }, signal, run);
      assert.ok(!outcome.ok);
      assert.deepEqual([outcome.code, outcome.transient], ['engine_rejected', false]);
      assert.match(outcome.message, /OutOfMemoryError/);
    } finally {
      await failing.close();
    }
  });
});
