import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { type ComfyUiFake, startComfyUiFake } from '../../../test/helpers/comfyui-fake.js';
import { downUrl, expectEngineError } from '../../../test/helpers/engine-fakes.js';
import { createEngineClient } from '../engine-http.js';
import type { GenerateProgress } from '../types.js';
import { createComfyUi } from './comfyui.js';

/** txt2img as ComfyUI's "Save (API Format)" writes it. */
const TXT2IMG = {
  '4': { class_type: 'CheckpointLoaderSimple', inputs: { ckpt_name: 'anything-v5.safetensors' } },
  '6': { class_type: 'CLIPTextEncode', inputs: { text: 'a fox in the rain', clip: ['4', 1] } },
  '7': { class_type: 'CLIPTextEncode', inputs: { text: 'blurry', clip: ['4', 1] } },
  '5': { class_type: 'EmptyLatentImage', inputs: { width: 512, height: 512, batch_size: 1 } },
  '3': { class_type: 'KSampler', inputs: { seed: 7, steps: 5, cfg: 7, sampler_name: 'euler', scheduler: 'normal', denoise: 1, model: ['4', 0], positive: ['6', 0], negative: ['7', 0], latent_image: ['5', 0] } },
  '8': { class_type: 'VAEDecode', inputs: { samples: ['3', 0], vae: ['4', 2] } },
  '9': { class_type: 'SaveImage', inputs: { filename_prefix: 'ComfyUI', images: ['8', 0] } },
};

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47];

function engineFor(fake: { url: string }, settings: { pollMs?: number; maxWaitMs?: number } = {}) {
  const client = createEngineClient({ label: 'generation engine (comfyui)', baseUrl: fake.url, timeoutMs: 5_000, retries: 0, maxResponseBytes: 1024 * 1024 });
  return createComfyUi(client, { baseUrl: fake.url, pollMs: 50, socketTimeoutMs: 2_000, ...settings });
}

describe('ComfyUI: a graph in, its output files out', () => {
  const fakes: ComfyUiFake[] = [];
  const start = async (...args: Parameters<typeof startComfyUiFake>) => {
    const fake = await startComfyUiFake(...args);
    fakes.push(fake);
    return fake;
  };
  after(async () => {
    for (const fake of fakes) await fake.close();
  });

  test('queues the graph under its own socket, follows its events in order, and fetches the image with /view', async () => {
    // Steps take a little time, as a sampler's do, so the previews come while the call follows the prompt.
    const fake = await start({ previews: true, stepMs: 20 });
    const progress: GenerateProgress[] = [];
    const previews: string[] = [];
    const result = await engineFor(fake).generate({ graph: TXT2IMG }, { onProgress: (p) => progress.push(p), onPreview: (p) => previews.push(p.mime) });

    const queued = fake.requests.find((request) => request.path === '/prompt')!.json!;
    assert.deepEqual(queued.prompt, TXT2IMG, 'the graph as given');
    assert.equal(queued.prompt_id, result.promptId);
    const events = fake.sent.filter(([sid]) => sid === queued.client_id).map(([, type, data]) => (type === 'executing' ? `executing:${String(data.node)}` : type));
    assert.deepEqual(events.filter((type) => type !== 'status' && type !== 'progress' && !/^executing:\d/.test(type)), ['execution_start', 'execution_cached', 'executed', 'execution_success', 'executing:null'], 'ComfyUI\'s order of events');
    assert.deepEqual(progress.map((p) => p.fraction), [0.2, 0.4, 0.6, 0.8, 1], 'the sampler\'s steps');
    assert.equal(previews.length, 5);
    assert.ok(previews.every((mime) => mime === 'image/jpeg'));

    assert.equal(result.files.length, 1);
    const [file] = result.files;
    assert.deepEqual([file!.node, file!.kind], ['9', 'image']);
    assert.deepEqual([...file!.bytes.subarray(0, 4)], PNG_MAGIC);
    const view = fake.requests.find((request) => request.path === '/view')!;
    assert.deepEqual([view.query.get('filename'), view.query.get('type')], [file!.filename, 'output']);
  });

  test('without a socket it polls /history and still gets every output; clips come back as video', async () => {
    const clip = { filename: 'AnimateDiff_00001.mp4', bytes: new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70]) };
    const fake = await start({ noSocket: true, video: () => clip });
    const graph = {
      ...TXT2IMG,
      '10': { class_type: 'VHS_VideoCombine', inputs: { images: ['8', 0], frame_rate: 8, format: 'video/h264-mp4' } },
      '11': { class_type: 'SaveAnimatedWEBP', inputs: { images: ['8', 0], fps: 8 } },
    };
    const result = await engineFor(fake).generate({ graph });
    assert.ok(fake.requests.filter((request) => request.path.startsWith('/history/')).length >= 1, 'the history was polled');
    assert.deepEqual(result.files.map((file) => [file.node, file.kind]), [['9', 'image'], ['10', 'video'], ['11', 'video']]);
    assert.deepEqual([...result.files[1]!.bytes], [...clip.bytes]);
  });

  test('a socket lost in the middle of a run: the call goes on by polling /history', async () => {
    const fake = await start({ stepMs: 30, steps: 10 });
    let dropped = false;
    const onProgress = () => {
      if (dropped) return;
      dropped = true;
      fake.dropSockets();
    };
    const result = await engineFor(fake).generate({ graph: TXT2IMG }, { onProgress });
    assert.ok(dropped);
    assert.equal(result.files.length, 1);
    const [prompt] = fake.prompts.values();
    assert.ok(fake.sent.filter(([sid, type]) => sid === prompt!.clientId && type === 'progress').length < 10, 'the socket was gone before the run ended');
  });

  test('a reference image is uploaded under a name of Sakuga\'s, and the graph loads it by that name', async () => {
    const fake = await start();
    const png = new Uint8Array([...PNG_MAGIC, 1, 2, 3]);
    const graph = { ...TXT2IMG, '12': { class_type: 'LoadImage', inputs: { image: 'placeholder.png' } } };
    await engineFor(fake).generate({ graph, references: [{ node: '12', input: 'image', bytes: png, type: 'image/png' }] });
    const [name, bytes] = [...fake.uploads][0]!;
    assert.match(name!, /^sakuga-[0-9a-f-]{36}\.png$/);
    assert.deepEqual([...bytes!], [...png]);
    const sent = fake.requests.find((request) => request.path === '/prompt')!.json!.prompt as Record<string, { inputs: Record<string, unknown> }>;
    assert.equal(sent['12']!.inputs.image, name);
    assert.equal(graph['12'].inputs.image, 'placeholder.png', 'the caller\'s graph is not changed');
    await assert.rejects(engineFor(fake).generate({ graph, references: [{ node: '99', input: 'image', bytes: png, type: 'image/png' }] }), RangeError);
  });

  test('a node that fails is engine_rejected, not transient, naming the node\'s class and the exception, with no traceback', async () => {
    for (const noSocket of [false, true]) {
      const fake = await start({ failAt: 'KSampler', noSocket });
      const error = await expectEngineError(engineFor(fake).generate({ graph: TXT2IMG }), 'engine_rejected');
      assert.equal(error.transient, false);
      assert.match(error.message, /KSampler node: torch\.OutOfMemoryError: CUDA out of memory/);
      assert.doesNotMatch(error.message, /execution\.py|127\.0\.0\.1/);
    }
  });

  test('a graph ComfyUI refuses (an unknown node class) is engine_rejected with its reason', async () => {
    const fake = await start({ classes: ['KSampler'] });
    const error = await expectEngineError(engineFor(fake).generate({ graph: TXT2IMG }), 'engine_rejected');
    assert.match(error.message, /does not exist/);
  });

  test('a ComfyUI too old to take prompt_id: the prompt it queued under its own id is taken off again, and the call says why', async () => {
    const fake = await start({ ignorePromptId: true, stepMs: 50 });
    const error = await expectEngineError(engineFor(fake).generate({ graph: TXT2IMG }), 'engine_bad_response');
    assert.match(error.message, /too old to take prompt_id/);
    const [prompt] = fake.prompts.values();
    assert.deepEqual(fake.requests.find((request) => request.path === '/queue' && request.method === 'POST')?.json, { delete: [prompt!.id] });
  });

  test('cancelled while sampling: the prompt is taken off the queue and interrupted, and the call ends with the cancellation', async () => {
    const fake = await start({ stepMs: 100, steps: 100 });
    const controller = new AbortController();
    const reason = new Error('cancelled by its owner');
    const running = engineFor(fake).generate({ graph: TXT2IMG }, { signal: controller.signal, onProgress: () => controller.abort(reason) });
    await assert.rejects(running, (error) => error === reason);
    const [prompt] = fake.prompts.values();
    const interrupt = fake.requests.find((request) => request.path === '/interrupt');
    assert.equal(interrupt?.json?.prompt_id, prompt!.id);
    assert.deepEqual(fake.requests.find((request) => request.path === '/queue' && request.method === 'POST')?.json, { delete: [prompt!.id] });
    for (let waited = 0; prompt!.state !== 'done' && waited < 5_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(prompt!.state, 'done', 'the fake stopped sampling');
    assert.equal(prompt!.interrupted, true);
  });

  test('a generation that runs past its time limit is engine_unavailable', async () => {
    const fake = await start({ stepMs: 200, steps: 50 });
    await expectEngineError(engineFor(fake, { maxWaitMs: 300 }).generate({ graph: TXT2IMG }), 'engine_unavailable');
  });

  test('health from /system_stats; object_info lists the node classes; an engine that is down does not answer', async () => {
    const fake = await start();
    assert.deepEqual(await engineFor(fake).health(), { answers: true, detail: 'ComfyUI 0.3.66, cpu' });
    assert.ok('KSampler' in (await engineFor(fake).objectInfo()));
    const down = await engineFor({ url: await downUrl() }).health();
    assert.equal(down.answers, false);
    assert.match(down.detail!, /could not be reached/);
  });
});
