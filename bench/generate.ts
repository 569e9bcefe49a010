import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { WebSocket } from 'ws';
import { createJobWorker } from '../src/jobs/engine.js';
import { BUILTIN_TEMPLATES, fillTemplate } from '../src/generation/templates.js';
import { createTestApp, type TestApp } from '../test/helpers/app.js';
import { createUser, loginWithToken } from '../test/helpers/auth.js';
import { type ComfyUiFake, startComfyUiFake } from '../test/helpers/comfyui-fake.js';
import { submitJob } from '../test/helpers/jobs.js';
import { compiledJobs } from './compiled-jobs.js';
import { median } from './measure.js';

const ROUNDS = Number(process.env.BENCH_GENERATE_ROUNDS ?? 15);
const GALLERY_ITEMS = Number(process.env.BENCH_GALLERY_ITEMS ?? 10_000);
const GALLERY_REQUESTS = 200;
const RENDER_MS = Number(process.env.BENCH_GENERATE_RENDER_MS ?? 2_000);
const GOAL = 1.3;
/** Idle time after each generation in the main figure (see rounds). */
const GAP_MS = 300;
const ms = (value: number) => `${value.toFixed(1).padStart(8)} ms`;

/**
 * What a bare ComfyUI client does for one image, as a script would: open the
 * WebSocket, queue the graph, wait for `executing` with node null, read the
 * history entry, fetch each output with /view and write it to disk.
 */
async function bareGeneration(url: string, outDir: string, steps: number): Promise<void> {
  const clientId = randomUUID();
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/ws?clientId=${clientId}`);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const graph = fillTemplate(BUILTIN_TEMPLATES.txt2img!, { prompt: 'a fox in the rain', seed: 1, steps });
  const queued = (await (await fetch(`${url}/prompt`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ prompt: graph, client_id: clientId }) })).json()) as { prompt_id: string };
  await new Promise<void>((resolve) =>
    socket.on('message', (data, binary) => {
      if (binary) return;
      const message = JSON.parse(String(data)) as { type: string; data: { node?: string | null; prompt_id?: string } };
      if (message.type === 'executing' && message.data.node === null && message.data.prompt_id === queued.prompt_id) resolve();
    }),
  );
  socket.close();
  const history = (await (await fetch(`${url}/history/${queued.prompt_id}`)).json()) as Record<string, { outputs: Record<string, { images?: Array<{ filename: string; subfolder: string; type: string }> }> }>;
  for (const output of Object.values(history[queued.prompt_id]!.outputs)) {
    for (const image of output.images ?? []) {
      const query = new URLSearchParams({ filename: image.filename, subfolder: image.subfolder, type: image.type });
      writeFileSync(join(outDir, `${randomBytes(4).toString('hex')}-${image.filename}`), Buffer.from(await (await fetch(`${url}/view?${query}`)).arrayBuffer()));
    }
  }
}

/** Where one generation's time went, from its job events (ms since submit). */
interface Phases {
  readonly submit: number;
  readonly start: number;
  readonly generate: number;
  readonly export: number;
  readonly finish: number;
}
const PHASES: ReadonlyArray<[keyof Phases, string]> = [
  ['submit', 'POST /api/jobs answered (checked, queued)'],
  ['start', 'claimed, its process given the job, first stage started'],
  ['generate', 'generate stage: the ComfyUI calls, outputs checked, read by the job'],
  ['export', 'export stage: outputs re-encoded, stored as artifacts'],
  ['finish', 'the version recorded, the job succeeded'],
];

/** Submit through the API to the generation's artifacts stored (the job succeeded, its version recorded). */
async function sakugaGeneration(t: TestApp, token: string, steps: number, phases?: Phases[]): Promise<void> {
  const submitted = Date.now();
  const response = await submitJob(t, token, { type: 'generate', options: { prompt: 'a fox in the rain', output: 'image', seed: 1, steps } });
  if (response.statusCode !== 201) throw new Error(response.body);
  const answered = Date.now();
  const id = response.json().id as string;
  for (;;) {
    const row = await t.services.db.selectFrom('jobs').select(['status', 'failure_code']).where('id', '=', id).executeTakeFirstOrThrow();
    if (row.status === 'succeeded') break;
    if (row.status === 'failed' || row.status === 'cancelled') throw new Error(`generation ${row.status}: ${row.failure_code}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  if (!phases) return;
  const events = await t.services.db.selectFrom('job_events').select(['kind', 'data', 'created_at']).where('job_id', '=', id).where('kind', 'in', ['stage', 'state']).orderBy('id').execute();
  const at = (kind: string, match: Record<string, unknown>) => {
    const event = events.find((row) => row.kind === kind && Object.entries(match).every(([key, value]) => (JSON.parse(row.data) as Record<string, unknown>)[key] === value));
    return event ? Date.parse(event.created_at) : Number.NaN;
  };
  const [started0, done0, started1, done1, succeeded] = [at('stage', { index: 0, status: 'started' }), at('stage', { index: 0, status: 'done' }), at('stage', { index: 1, status: 'started' }), at('stage', { index: 1, status: 'done' }), at('state', { status: 'succeeded' })];
  phases.push({ submit: answered - submitted, start: started0 - answered, generate: done0 - started0, export: done1 - started1, finish: succeeded - done1 });
}

/**
 * Interleaved rounds (ours, bare; bare, ours; …) against one fake; medians.
 * `gapMs` idles after each generation, both contenders alike: a person's
 * generations do not come within a tenth of a second of each other, and in
 * that time warm start has the next job process ready.
 */
async function rounds(t: TestApp, token: string, fake: ComfyUiFake, outDir: string, steps: number, count: number, gapMs = 0, phases?: Phases[]) {
  const ours: number[] = [];
  const bare: number[] = [];
  const once = async (which: 'ours' | 'bare') => {
    const started = performance.now();
    await (which === 'ours' ? sakugaGeneration(t, token, steps, phases) : bareGeneration(fake.url, outDir, steps));
    (which === 'ours' ? ours : bare).push(performance.now() - started);
    if (gapMs > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
  };
  for (let round = 0; round < count; round += 1) {
    for (const which of round % 2 === 0 ? (['ours', 'bare'] as const) : (['bare', 'ours'] as const)) await once(which);
  }
  return { ours: median(ours), bare: median(bare) };
}

/**
 * The floor under a job process's start, measured on this machine in this
 * run: a Node process that does nothing, and one that loads sharp (libvips),
 * which the job process needs to check an engine's output. Both are paid
 * per generation because each job runs in a process of its own.
 */
async function processFloor(count: number): Promise<{ node: number; sharp: number }> {
  const run = (args: string[]) =>
    new Promise<number>((resolve, reject) => {
      const started = performance.now();
      execFile(process.execPath, args, (error) => (error ? reject(error) : resolve(performance.now() - started)));
    });
  const node: number[] = [];
  const sharp: number[] = [];
  for (let i = 0; i < count; i += 1) {
    node.push(await run(['-e', '0']));
    sharp.push(await run(['--input-type=module', '-e', "await import('sharp')"]));
  }
  return { node: median(node), sharp: median(sharp) - median(node) };
}

/** 10,000 public items in one user's project, inserted directly (the API would take a generation each). */
async function seedGallery(t: TestApp, userId: string): Promise<void> {
  const stamp = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
  const jobId = randomBytes(16).toString('hex');
  const projectId = randomBytes(16).toString('hex');
  const versionId = randomBytes(16).toString('hex');
  const db = t.services.db;
  await db.insertInto('jobs').values({ id: jobId, user_id: userId, type: 'generate', class: 'gpu', title: 'seed', options: '{}', stages: '["generate","export"]', skipped_stages: null, status: 'succeeded', checkpoint: 2, progress: 1, attempts: 1, run_after: stamp(0), lease_owner: null, lease_expires_at: null, cancel_requested: 0, failure_code: null, failure_message: null, idempotency_key: null, request_hash: null, archived: 0, render: 1, parent_id: null, privacy_mode: 'off', created_at: stamp(0), started_at: stamp(0), finished_at: stamp(0), updated_at: stamp(0) }).execute();
  await db.insertInto('projects').values({ id: projectId, user_id: userId, name: 'Seeded', head_version_id: versionId, created_at: stamp(0), updated_at: stamp(0) }).execute();
  await db.insertInto('generation_versions').values({ id: versionId, project_id: projectId, job_id: jobId, number: 1, parent_id: null, prompt: 'seed', negative_prompt: null, params: '{}', seed: 1, created_at: stamp(0) }).execute();
  for (let start = 0; start < GALLERY_ITEMS; start += 500) {
    const rows = Array.from({ length: Math.min(500, GALLERY_ITEMS - start) }, (_, k) => {
      const i = start + k;
      return { id: randomBytes(16).toString('hex'), version_id: versionId, user_id: userId, job_id: jobId, artifact: `output-${(i % 32) + 1}.png`, position: i, kind: 'image' as const, format: 'png', bytes: 1000, width: 512, height: 512, visibility: 'public' as const, published_at: stamp(i), hidden_at: null, created_at: stamp(i) };
    });
    await db.insertInto('generation_outputs').values(rows).execute();
  }
}

/** p50 of GET /api/gallery (first page and a page deep in the list) beside the same page read straight from the database. */
async function galleryFigures(t: TestApp) {
  const deep = (await t.app.inject({ url: `/api/gallery?limit=48` })).json().items as Array<{ id: string }>;
  const api = async (url: string) => {
    const started = performance.now();
    const response = await t.app.inject({ url, remoteAddress: `198.51.100.${Math.floor(Math.random() * 250)}` });
    if (response.statusCode !== 200) throw new Error(response.body);
    return performance.now() - started;
  };
  const bare = async () => {
    const started = performance.now();
    const rows = await t.services.db
      .selectFrom('generation_outputs as o')
      .innerJoin('generation_versions as v', 'v.id', 'o.version_id')
      .innerJoin('users as u', 'u.id', 'o.user_id')
      .select(['o.id', 'o.kind', 'o.format', 'o.width', 'o.height', 'o.created_at', 'u.display_name'])
      .where('o.visibility', '=', 'public')
      .where('o.hidden_at', 'is', null)
      .orderBy('o.created_at', 'desc')
      .orderBy('o.id', 'desc')
      .limit(49)
      .execute();
    JSON.stringify(rows);
    return performance.now() - started;
  };
  const cursor = (await t.app.inject({ url: '/api/gallery?limit=100' })).json().next_cursor as string;
  const samples = { first: [] as number[], later: [] as number[], bare: [] as number[] };
  for (let i = 0; i < GALLERY_REQUESTS; i += 1) {
    samples.first.push(await api('/api/gallery?limit=48'));
    samples.later.push(await api(`/api/gallery?limit=48&cursor=${cursor}`));
    samples.bare.push(await bare());
  }
  return { first: median(samples.first), later: median(samples.later), bare: median(samples.bare), pageSize: deep.length };
}

export const generateBench = {
  describe: 'a generation submitted → stored, against a ComfyUI fake, beside a bare ComfyUI client; gallery API p50 over 10,000 items',
  async run(): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), 'sakuga-bench-generate-'));
    const fake = await startComfyUiFake({ stepMs: 0 });
    let t: TestApp | undefined;
    let worker: ReturnType<typeof createJobWorker> | undefined;
    try {
      t = await createTestApp({ env: { GENERATE_ENGINE: 'comfyui', GENERATE_URL: fake.url, JOB_MAX_ATTEMPTS: '1' } });
      await createUser(t, 'bench', 'operator');
      const token = (await loginWithToken(t, 'bench')).access_token;
      worker = createJobWorker(t.services, { dialect: t.database.dialect, log: pino({ level: 'silent' }), ...compiledJobs() });
      worker.start();
      console.log('generate: txt2img through the API (job processes from the build, sandboxed where bubblewrap is) beside a bare client making the same ComfyUI calls, interleaved rounds, medians');

      await rounds(t, token, fake, dir, 1, 2, GAP_MS); // warm-up: the first job process stages its code
      const phases: Phases[] = [];
      const zero = await rounds(t, token, fake, dir, 1, ROUNDS, GAP_MS, phases);
      console.log(`zero render time (1 sampler step of 0 ms), ${ROUNDS} rounds, each generation ${GAP_MS} ms after the one before:`);
      console.log(`  Sakuga, submit → stored   ${ms(zero.ours)}`);
      console.log(`  bare ComfyUI client       ${ms(zero.bare)}`);
      console.log(`  ratio                     ${(zero.ours / zero.bare).toFixed(2)}x   (goal ≤ ${GOAL}), Sakuga's overhead ${ms(zero.ours - zero.bare)} per generation`);
      console.log('  where Sakuga\'s time goes (medians, from its job events):');
      for (const [phase, label] of PHASES) console.log(`    ${ms(median(phases.map((one) => one[phase])))}  ${label}`);
      const burst = await rounds(t, token, fake, dir, 1, ROUNDS);
      console.log(`  back to back (the next job process still loading when its job comes): Sakuga ${ms(burst.ours)}, bare ${ms(burst.bare)}, ratio ${(burst.ours / burst.bare).toFixed(2)}x`);
      const floor = await processFloor(ROUNDS);
      console.log(`  what warm start keeps off a job's path, on this machine: a new Node process ${ms(floor.node)}, loading sharp (libvips) in it ${ms(floor.sharp)}`);

      fake.options.stepMs = RENDER_MS / 4;
      const rendered = await rounds(t, token, fake, dir, 4, Math.max(3, Math.floor(ROUNDS / 3)));
      console.log(`a ${RENDER_MS} ms render (4 steps of ${RENDER_MS / 4} ms, a fast model's single image):`);
      console.log(`  Sakuga ${ms(rendered.ours)}, bare ${ms(rendered.bare)}, ratio ${(rendered.ours / rendered.bare).toFixed(2)}x`);

      await worker.stop();
      worker = undefined;
      const owner = (await t.services.db.selectFrom('users').select('id').where('username', '=', 'bench').executeTakeFirstOrThrow()).id;
      await seedGallery(t, owner);
      const gallery = await galleryFigures(t);
      console.log(`gallery: GET /api/gallery over ${GALLERY_ITEMS.toLocaleString('en')} public items (${t.database.dialect}), ${gallery.pageSize} per page, p50 of ${GALLERY_REQUESTS} anonymous requests:`);
      console.log(`  first page ${ms(gallery.first)}, a page 100 items in ${ms(gallery.later)}; the same page straight from the database ${ms(gallery.bare)}, ratio ${(gallery.first / gallery.bare).toFixed(2)}x`);
    } finally {
      await worker?.stop();
      await t?.close();
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
