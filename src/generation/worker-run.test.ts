import assert from 'node:assert/strict';
import { locateTool } from '../media/toolchain.js';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { startComfyUiFake, tinyPng } from '../../test/helpers/comfyui-fake.js';
import { createEngineClient } from '../engines/engine-http.js';
import { createComfyUi } from '../engines/generate/comfyui.js';
import { BUILTIN_TEMPLATES } from './templates.js';
import { createGenerationRunner } from './worker-run.js';

const JOB = 'b'.repeat(32);
const UPLOAD = 'c'.repeat(32);

describe('a generation on the worker\'s side', async () => {
  const fake = await startComfyUiFake();
  const dir = mkdtempSync(join(tmpdir(), 'sakuga-generation-'));
  const engine = createComfyUi(createEngineClient({ label: 'generation engine (comfyui)', baseUrl: fake.url, timeoutMs: 5_000, retries: 0, maxResponseBytes: 1024 * 1024 }), { baseUrl: fake.url, pollMs: 50 });
  const runner = createGenerationRunner({
    engine: () => engine,
    capabilities: () => ({ engine: true, promptMax: 500, template: (name) => BUILTIN_TEMPLATES[name] }),
    readUpload: (id) => readFile(join(dir, 'uploads', id)),
    scratchRoot: join(dir, 'tmp'),
    ffprobe: () => locateTool('ffprobe', undefined),
    maxVideoSeconds: 600,
  });
  after(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const signal = new AbortController().signal;
  const lastGraph = () => fake.requests.filter((request) => request.path === '/prompt').at(-1)!.json!.prompt as Record<string, { inputs: Record<string, unknown> }>;

  test('the graph is built here from the options and the template, with a seed chosen and kept; the outputs are read back in pieces', async () => {
    const progress: number[] = [];
    const run = await runner.generate({ id: JOB, userId: 'u', options: { prompt: 'a fox in the rain', output: 'image', width: 640 } }, { signal, onProgress: (fraction) => progress.push(fraction) });
    const graph = lastGraph();
    assert.equal(graph['6']!.inputs.text, 'a fox in the rain');
    assert.equal(graph['5']!.inputs.width, 640);
    assert.equal(graph['3']!.inputs.seed, run.seed, 'the seed returned is the one queued');
    assert.ok(Number.isInteger(run.seed) && run.seed >= 0 && run.seed < 2 ** 32);
    assert.deepEqual(run.outputs.map(({ index, kind, format }) => ({ index, kind, format })), [{ index: 0, kind: 'image', format: 'png' }]);
    const whole = await runner.read(JOB, 0, 0);
    assert.equal(whole.byteLength, run.outputs[0]!.size);
    assert.deepEqual([...whole.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    assert.deepEqual([...(await runner.read(JOB, 0, 8))], [...whole.subarray(8)]);
    assert.equal((await runner.read(JOB, 0, whole.byteLength)).byteLength, 0, 'empty at the end');
    await assert.rejects(runner.read('../../etc', 0, 0), /invalid job id/);
    await assert.rejects(runner.read(JOB, -1, 0), RangeError);
    await runner.discard(JOB);
    assert.equal(existsSync(join(dir, 'tmp', JOB)), false);
    const again = await runner.generate({ id: JOB, userId: 'u', options: { prompt: 'a fox', output: 'image', seed: 1234 } }, { signal });
    assert.equal(again.seed, 1234);
    assert.equal(lastGraph()['3']!.inputs.seed, 1234);
  });

  test('img2img: the reference is read from the upload store and sent as itself; one that is not an image never leaves', async () => {
    mkdirSync(join(dir, 'uploads'), { recursive: true });
    const png = await tinyPng();
    writeFileSync(join(dir, 'uploads', UPLOAD), png);
    await runner.generate({ id: JOB, userId: 'u', options: { prompt: 'redraw it at dusk', output: 'image', reference_upload_id: UPLOAD } }, { signal });
    const [name, bytes] = [...fake.uploads].at(-1)!;
    assert.deepEqual([...bytes], [...png]);
    assert.equal(lastGraph()['10']!.inputs.image, name);

    writeFileSync(join(dir, 'uploads', UPLOAD), '<html><script>alert(1)</script></html>');
    const uploads = fake.uploads.size;
    await assert.rejects(runner.generate({ id: JOB, userId: 'u', options: { prompt: 'redraw it', output: 'image', reference_upload_id: UPLOAD } }, { signal }), /not a PNG, JPEG or WebP/);
    assert.equal(fake.uploads.size, uploads);
  });

  test('without an engine, or with options the template refuses, nothing is queued', async () => {
    const queued = fake.requests.filter((request) => request.path === '/prompt').length;
    const none = createGenerationRunner({ engine: () => undefined, capabilities: () => ({ engine: true, promptMax: 500, template: (name) => BUILTIN_TEMPLATES[name] }), readUpload: () => Promise.reject(new Error('no uploads here')), scratchRoot: dir, ffprobe: () => locateTool('ffprobe', undefined), maxVideoSeconds: 600 });
    await assert.rejects(none.generate({ id: JOB, userId: 'u', options: { prompt: 'x', output: 'image' } }, { signal }), /no generation engine/);
    await assert.rejects(runner.generate({ id: JOB, userId: 'u', options: { prompt: 'x', output: 'image', frames: 9 } }, { signal }), (error: Error & { code?: string }) => error.code === 'template_param_unsupported');
    assert.equal(fake.requests.filter((request) => request.path === '/prompt').length, queued);
  });
});
