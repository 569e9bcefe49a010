import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import pino from 'pino';
import sharp from 'sharp';
import { createJobWorker } from '../src/jobs/engine.js';
import type { Worker } from '../src/jobs/worker.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { bearer, createUser, loginWithToken } from './helpers/auth.js';
import { type ComfyUiFake, startComfyUiFake, tinyPng } from './helpers/comfyui-fake.js';
import { animatedWebp, HTML_PAGE, pngBomb, pngWithText } from './helpers/generation-media.js';
import { isFinal, storedArtifacts, submitJob, waitForJob } from './helpers/jobs.js';
import { ffmpeg, scratchDir } from './helpers/dub-media.js';
import { BUILTIN_TEMPLATES } from '../src/generation/templates.js';

const CANARY = 'comfy-workflow-CANARY-51c2';

/**
 * Generations end to end: POST /api/jobs, the worker's call to a ComfyUI
 * fake speaking its real HTTP and WebSocket protocol, the job's stages in
 * the sandbox reading and cleaning the outputs, artifacts stored. An engine
 * that answers something other than media fails the job with a clear code
 * and nothing stored.
 */
describe('generate jobs through the worker and the sandbox', () => {
  let t: TestApp;
  let worker: Worker;
  let token: string;
  let admin: string;
  let fake: ComfyUiFake;

  before(async () => {
    fake = await startComfyUiFake({ steps: 4, stepMs: 5 });
    t = await createTestApp({ env: { GENERATE_ENGINE: 'comfyui', GENERATE_URL: fake.url, ENGINE_TIMEOUT: '5s', ENGINE_RETRIES: '0', JOB_MAX_ATTEMPTS: '1' } });
    await createUser(t, 'hana', 'operator');
    await createUser(t, 'ichiro', 'admin');
    await createUser(t, 'jun', 'operator');
    token = (await loginWithToken(t, 'hana')).access_token;
    admin = (await loginWithToken(t, 'ichiro')).access_token;
    worker = createJobWorker(t.services, { dialect: t.database.dialect, log: pino({ level: 'silent' }) });
    worker.start();
  });
  after(async () => {
    await worker.stop();
    await t.close();
    await fake.close();
  });

  async function generate(options: object, timeoutMs = 30_000) {
    const response = await submitJob(t, token, { type: 'generate', options });
    assert.equal(response.statusCode, 201, response.body);
    return waitForJob(t, token, response.json().id, isFinal, timeoutMs) as Promise<{ id: string; status: string; failure?: { code: string; message: string } }>;
  }
  const artifactsOf = async (id: string) => ((await t.app.inject({ url: `/api/jobs/${id}/artifacts`, headers: bearer(token) })).json().artifacts as Array<{ name: string }>).map((artifact) => artifact.name).sort();
  const download = async (id: string, name: string) => (await t.app.inject({ url: `/api/jobs/${id}/artifacts/${name}`, headers: bearer(token) })).rawPayload;
  const storedFiles = (id: string) => storedArtifacts(t, id);

  test('an image: the prompt queued, progress on the generate stage, the output stored clean of the workflow ComfyUI embeds', async () => {
    fake.options.image = async (node) => ({ filename: `ComfyUI_${node}_00001_.png`, bytes: await pngWithText('workflow', CANARY) });
    const job = await generate({ prompt: 'a fox under cherry blossoms', output: 'image', seed: 4242, width: 512, height: 512 });
    assert.equal(job.status, 'succeeded', JSON.stringify(job));
    assert.deepEqual(await artifactsOf(job.id), ['generation.json', 'output-1.png']);
    const image = await download(job.id, 'output-1.png');
    assert.equal(image.includes(CANARY), false, 'metadata stripped');
    assert.equal((await sharp(image).metadata()).format, 'png');
    const result = JSON.parse((await download(job.id, 'generation.json')).toString('utf8'));
    assert.equal(result.seed, 4242);
    assert.deepEqual(result.outputs.map((output: { name: string; kind: string }) => [output.name, output.kind]), [['output-1.png', 'image']]);
    const queued = [...fake.prompts.values()].at(-1)!.graph;
    assert.ok(Object.values(queued).some((node) => node.inputs.text === 'a fox under cherry blossoms'));
    assert.ok(Object.values(queued).some((node) => node.inputs.seed === 4242));
    const events = (await t.app.inject({ url: `/api/jobs/${job.id}/events`, headers: bearer(token) })).body;
    assert.match(events, /"stage_progress"/, 'the engine\'s steps became the stage\'s progress');
  });

  test('every generation is a version of its project: history, branch from an older version, restore; without a project, one is made', async () => {
    fake.options.image = async (node) => ({ filename: `ComfyUI_${node}_00001_.png`, bytes: await tinyPng() });
    const project = (await t.app.inject({ method: 'POST', url: '/api/projects', headers: bearer(token), payload: { name: 'Fox studies' } })).json().id as string;
    const versions = async () => (await t.app.inject({ url: `/api/projects/${project}`, headers: bearer(token) })).json() as { head_version_id: string; versions: Array<{ id: string; number: number; parent_id: string | null; prompt: string; seed: number; params: Record<string, unknown>; outputs: Array<{ url: string; visibility: string }> }> };
    const made = async (options: object) => {
      const job = await generate({ output: 'image', project_id: project, ...options });
      assert.equal(job.status, 'succeeded', JSON.stringify(job));
      return (await t.app.inject({ url: `/api/jobs/${job.id}/generation`, headers: bearer(token) })).json().version.id as string;
    };
    const v1 = await made({ prompt: 'a fox, first try', seed: 7, width: 640 });
    const v2 = await made({ prompt: 'a fox, second try' });
    const v3 = await made({ prompt: 'a fox at dusk', parent_version_id: v1 });
    let history = await versions();
    assert.deepEqual(history.versions.map((v) => [v.number, v.parent_id, v.prompt]), [[1, null, 'a fox, first try'], [2, v1, 'a fox, second try'], [3, v1, 'a fox at dusk']]);
    assert.equal(history.head_version_id, v3);
    assert.equal(history.versions[0]!.seed, 7);
    assert.equal(history.versions[0]!.params.width, 640);
    assert.ok(Number.isInteger(history.versions[1]!.seed), 'a seed chosen by the worker is kept');
    const output = history.versions[0]!.outputs[0]!;
    assert.equal(output.visibility, 'private', 'private by default');
    assert.equal((await t.app.inject({ url: output.url, headers: bearer(token) })).statusCode, 200);

    const restored = await t.app.inject({ method: 'POST', url: `/api/projects/${project}/restore`, headers: bearer(token), payload: { version_id: v2 } });
    assert.equal(restored.json().head_version_id, v2);
    const v4 = await made({ prompt: 'a fox, from the restored one' });
    history = await versions();
    assert.deepEqual([history.versions.at(-1)!.id, history.versions.at(-1)!.parent_id, history.head_version_id], [v4, v2, v4]);

    const loose = await generate({ prompt: 'a lighthouse in a storm', output: 'image' });
    const where = (await t.app.inject({ url: `/api/jobs/${loose.id}/generation`, headers: bearer(token) })).json();
    const made_for_it = (await t.app.inject({ url: `/api/projects/${where.project_id}`, headers: bearer(token) })).json();
    assert.deepEqual([made_for_it.name, made_for_it.versions.length], ['a lighthouse in a storm', 1]);

    // A deleted project's files are removed by the clean-up, which reports what it removed; the rest stays.
    const jobsOfProject = history.versions.map((version) => (version as unknown as { job_id: string }).job_id);
    assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/projects/${project}`, headers: bearer(token) })).statusCode, 204);
    const dry = await t.services.generationCleanup.run({ dryRun: true });
    assert.deepEqual([dry.jobs, dry.files], [4, 8], 'four generations, each an output and generation.json');
    assert.deepEqual(await storedFiles(jobsOfProject[0]!), ['generation.json', 'output-1.png'], 'a dry run removes nothing');
    const report = await t.services.generationCleanup.run();
    assert.deepEqual([report.jobs, report.files, report.bytes], [4, 8, dry.bytes]);
    assert.ok(report.bytes > 0);
    for (const job of jobsOfProject) {
      assert.deepEqual(await storedFiles(job), []);
      assert.deepEqual(await artifactsOf(job), []);
    }
    assert.deepEqual(await artifactsOf(loose.id), ['generation.json', 'output-1.png'], 'a generation a version still references is kept');
    assert.equal((await t.services.generationCleanup.run()).jobs, 0, 'nothing left to remove');
    const ledger = await t.services.db.selectFrom('shred_ledger').select(['reason']).execute();
    assert.deepEqual([ledger.length, new Set(ledger.map((row) => row.reason))], [8, new Set(['project_deleted'])], 'each deleted file is in the shred ledger');
  });

  test('a clip (txt2video, an animated WebP) keeps its frames', async () => {
    fake.options.image = async (node) => ({ filename: `ComfyUI_${node}_00001_.webp`, bytes: await animatedWebp(5) });
    const job = await generate({ prompt: 'waves at night', output: 'video', frames: 5 });
    assert.equal(job.status, 'succeeded', JSON.stringify(job));
    assert.deepEqual(await artifactsOf(job.id), ['generation.json', 'output-1.webp']);
    assert.equal((await sharp(await download(job.id, 'output-1.webp'), { animated: true }).metadata()).pages, 5);
  });

  test('an admin installs a template checked against /object_info: a VideoHelperSuite MP4 clip, end to end; one needing a node ComfyUI lacks is refused', async () => {
    const clip = join(scratchDir('generate-template'), 'clip.mp4');
    await ffmpeg(['-f', 'lavfi', '-i', 'testsrc=size=128x96:rate=8:duration=1', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-metadata', `comment=${CANARY}`, clip]);
    fake.options.video = (node) => ({ filename: `sakuga_${node}_00001.mp4`, bytes: readFileSync(clip) });
    const shipped = structuredClone(BUILTIN_TEMPLATES.txt2video!) as unknown as { name: string; title: string; graph: Record<string, { class_type: string; inputs: Record<string, unknown> }> };
    shipped.name = 'wan-mp4';
    shipped.title = 'Wan 2.1 as MP4';
    shipped.graph['28'] = { class_type: 'VHS_VideoCombine', inputs: { images: ['8', 0], frame_rate: 16, loop_count: 0, filename_prefix: 'sakuga', format: 'video/h264-mp4', pingpong: false, save_output: true } };
    const install = (body: object, who = admin) => t.app.inject({ method: 'POST', url: '/api/generation/templates', headers: bearer(who), payload: body });

    assert.equal((await install(shipped, token)).statusCode, 403, 'only admins install');
    const installed = await install(shipped);
    assert.equal(installed.statusCode, 201, installed.body);
    const listed = (await t.app.inject({ url: '/api/generation/templates', headers: bearer(token) })).json().templates as Array<{ name: string; builtin: boolean; params: string[] }>;
    assert.deepEqual(listed.map((template) => [template.name, template.builtin]), [['txt2img', true], ['img2img', true], ['txt2video', true], ['wan-mp4', false]]);

    const job = await generate({ prompt: 'rain on a tin roof', output: 'video', template: 'wan-mp4', frames: 8, steps: 2 });
    assert.equal(job.status, 'succeeded', JSON.stringify(job));
    assert.deepEqual(await artifactsOf(job.id), ['generation.json', 'output-1.mp4']);
    const mp4 = await download(job.id, 'output-1.mp4');
    assert.equal(mp4.includes(CANARY), false, 'remuxed without its metadata');
    const result = JSON.parse((await download(job.id, 'generation.json')).toString('utf8'));
    assert.deepEqual([result.outputs[0].kind, result.outputs[0].format, result.outputs[0].width, result.outputs[0].height], ['video', 'mp4', 128, 96]);

    const custom = structuredClone(shipped);
    custom.name = 'needs-a-custom-node';
    custom.graph['28']!.class_type = 'SomeCustomSaver';
    const refused = await install(custom);
    assert.equal(refused.json().error.code, 'template_engine_mismatch');
    assert.match(refused.json().error.message, /SomeCustomSaver/);
    const broken = structuredClone(shipped);
    broken.name = 'broken';
    (broken as unknown as { params: Record<string, unknown> }).params.prompt = { node: '999', input: 'text' };
    assert.equal((await install(broken)).json().error.code, 'template_invalid');
    assert.equal((await install({ ...shipped, name: 'txt2img' })).json().error.code, 'template_builtin');

    assert.equal((await t.app.inject({ method: 'DELETE', url: '/api/generation/templates/wan-mp4', headers: bearer(admin) })).statusCode, 204);
    const gone = await submitJob(t, token, { type: 'generate', options: { prompt: 'again', output: 'video', template: 'wan-mp4' } });
    assert.equal(gone.json().error.code, 'template_not_found');
    assert.equal((await t.app.inject({ method: 'DELETE', url: '/api/generation/templates/txt2img', headers: bearer(admin) })).json().error.code, 'template_builtin');
  });

  test('HTML named .png: the job fails with generation_output_invalid and nothing is stored', async () => {
    fake.options.image = (node) => ({ filename: `ComfyUI_${node}_00001_.png`, bytes: HTML_PAGE });
    const job = await generate({ prompt: 'anything', output: 'image' });
    assert.equal(job.status, 'failed');
    assert.equal(job.failure?.code, 'generation_output_invalid');
    assert.match(job.failure!.message, /not a PNG, JPEG or WebP image/);
    assert.deepEqual(await artifactsOf(job.id), []);
    assert.deepEqual(await storedFiles(job.id), []);
  });

  test('a 30000×30000 PNG: the job fails with generation_output_too_large in the sandbox, nothing stored, nothing left behind', async () => {
    let calls = 0;
    fake.options.image = async (node) => ({ filename: `ComfyUI_${node}_0000${++calls}_.png`, bytes: pngBomb() });
    const job = await generate({ prompt: 'anything', output: 'image' });
    assert.equal(job.status, 'failed');
    assert.equal(job.failure?.code, 'generation_output_too_large');
    assert.deepEqual(await artifactsOf(job.id), []);
    assert.deepEqual(await storedFiles(job.id), []);
    // The worker clears up just after it records the ending.
    await waitFor(() => !existsSync(join(t.services.config.dataDir, 'tmp', 'generate', job.id)) && !existsSync(join(t.services.config.dataDir, 'work', job.id)));
  });

  test('live previews: the engine\'s frames reach the job\'s owner while it runs, nobody else, and are gone once it ends', async () => {
    fake.options.image = async (node) => ({ filename: `ComfyUI_${node}_00001_.png`, bytes: await tinyPng() });
    fake.options.previews = true;
    fake.options.stepMs = 250;
    const other = (await loginWithToken(t, 'jun')).access_token;
    try {
      const id = (await submitJob(t, token, { type: 'generate', options: { prompt: 'a fox, sketched live', output: 'image', steps: 6 } })).json().id as string;
      const preview = () => t.app.inject({ url: `/api/jobs/${id}/preview`, headers: bearer(token) });
      let frame = await preview();
      for (const deadline = Date.now() + 15_000; frame.statusCode !== 200 && Date.now() < deadline; frame = await preview()) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(frame.statusCode, 200, frame.body);
      assert.equal(frame.headers['content-type'], 'image/jpeg');
      assert.equal(frame.headers['cache-control'], 'no-store');
      assert.equal(frame.headers['x-content-type-options'], 'nosniff');
      assert.match(String(frame.headers['content-security-policy']), /sandbox/);
      const shown = await sharp(frame.rawPayload).metadata();
      assert.deepEqual([shown.format, shown.width, shown.height], ['jpeg', 64, 64]);
      const stranger = await t.app.inject({ url: `/api/jobs/${id}/preview`, headers: bearer(other) });
      assert.deepEqual([stranger.statusCode, stranger.json().error.code], [404, 'job_not_found'], 'another user learns nothing of it');

      const job = await waitForJob(t, token, id, isFinal);
      assert.equal(job.status, 'succeeded');
      const events = (await t.app.inject({ url: `/api/jobs/${id}/events`, headers: bearer(token) })).body;
      const seqs = [...events.matchAll(/event: preview\ndata: (\{.*\})/g)].map((match) => (JSON.parse(match[1]!) as { seq: number }).seq);
      assert.ok(seqs.length >= 2 && seqs.length < 6, `thinned to a few frames: ${seqs.join(' ')}`);
      assert.deepEqual(seqs, seqs.map((_, i) => i + 1));
      const ended = await preview();
      assert.deepEqual([ended.statusCode, ended.json().error.code], [404, 'preview_not_found']);
      assert.equal(await t.services.db.selectFrom('job_previews').select('job_id').where('job_id', '=', id).executeTakeFirst(), undefined);
      assert.deepEqual(await t.services.blobs.list(`previews/${id}/`), [], 'the frames are gone from storage too');
    } finally {
      delete fake.options.previews;
      fake.options.stepMs = 5;
    }
  });

  test('a preview frame that is not a small image (HTML said to be a JPEG) is never kept; the job goes on', async () => {
    fake.options.image = async (node) => ({ filename: `ComfyUI_${node}_00001_.png`, bytes: await tinyPng() });
    fake.options.previews = () => HTML_PAGE;
    fake.options.stepMs = 150;
    try {
      const job = await generate({ prompt: 'anything', output: 'image', steps: 4 });
      assert.equal(job.status, 'succeeded');
      assert.ok(fake.sent.filter(([, type]) => type === 'progress').length >= 4, 'the frames were sent');
      const events = (await t.app.inject({ url: `/api/jobs/${job.id}/events`, headers: bearer(token) })).body;
      assert.doesNotMatch(events, /event: preview/);
    } finally {
      delete fake.options.previews;
      fake.options.stepMs = 5;
    }
  });

  test('execution_error: the job fails with engine_rejected and the node\'s words, no traceback', async () => {
    fake.options.image = async (node) => ({ filename: `ComfyUI_${node}_00001_.png`, bytes: await tinyPng() });
    fake.options.failAt = 'KSampler';
    try {
      const job = await generate({ prompt: 'anything', output: 'image' });
      assert.equal(job.failure?.code, 'engine_rejected');
      assert.match(job.failure!.message, /CUDA out of memory/);
      assert.doesNotMatch(job.failure!.message, /execution\.py/);
    } finally {
      delete fake.options.failAt;
    }
  });

  test('a slow prompt cancelled: the job ends cancelled and ComfyUI is told to stop', async () => {
    fake.options.stepMs = 200;
    fake.options.steps = 100;
    try {
      const response = await submitJob(t, token, { type: 'generate', options: { prompt: 'a very slow render', output: 'image', steps: 100 } });
      const id = response.json().id as string;
      await waitForJob(t, token, id, (job) => job.status === 'running' && [...fake.prompts.values()].some((prompt) => prompt.state === 'running'));
      assert.equal((await t.app.inject({ method: 'POST', url: `/api/jobs/${id}/cancel`, headers: bearer(token) })).statusCode, 200);
      const job = await waitForJob(t, token, id, isFinal);
      assert.equal(job.status, 'cancelled');
      const stopped = fake.requests.filter((request) => request.path === '/interrupt' || (request.path === '/queue' && request.method === 'POST'));
      assert.ok(stopped.length > 0, 'interrupt or queue delete sent');
      await waitFor(() => [...fake.prompts.values()].every((prompt) => prompt.state !== 'running'));
    } finally {
      fake.options.stepMs = 5;
      fake.options.steps = 4;
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
