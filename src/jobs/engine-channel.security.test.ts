import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { EngineCall, EngineOutcome } from './engine-protocol.js';
import type { ChildEntry } from './launch.js';
import { runChildProcess } from './runner.js';
import type { LogEntry, RunRequest, RunResult } from './runner-types.js';
import { JOB_TEST_USERS } from '../../test/helpers/job-uids.js';

/**
 * The engine channel seen from a compromised child: the runner must hold it
 * to one request at a time, growing ids, requests only inside a stage, the
 * one shape per engine, ASR audio that is a plain file of its own, and never
 * let an engine's input pass as an artifact. A stand-in child (below) sends
 * raw lines on fd 3 and records every line it reads back on stdin.
 */

const MiB = 1024 * 1024;
const IS_ROOT = process.getuid?.() === 0;
/** As root, a uid of these tests' own (see JOB_TEST_USERS). */
const RUN_AS = IS_ROOT ? JOB_TEST_USERS.engineChannel : undefined;
const BOUNDED = { timeout: 90_000 };
const LIMITS = { timeoutMs: 30_000, memoryBytes: 4096 * MiB, cpuSeconds: 30, fileBytes: 64 * MiB, processes: 64 };
const SECRET = 'DATABASE_URL=postgres://sakuga:hunter2@db/sakuga\n';

/**
 * Reads its spec (stdin's first line), lays out files, then plays its steps:
 * `send` a raw line on fd 3, wait for `replies` lines on stdin in all, or
 * `sleep`. Every line after the spec is appended to `<workDir>/replies.txt`
 * as it comes, so the test sees each reply and any extra one.
 */
const ENGINE_CHILD = `
import { appendFileSync, linkSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { Socket } from 'node:net';
import { createInterface } from 'node:readline';
const input = createInterface({ input: process.stdin });
let spec;
const received = [];
let wake = () => undefined;
input.on('line', (line) => {
  if (spec === undefined) {
    spec = JSON.parse(line);
    void play();
    return;
  }
  received.push(line);
  appendFileSync(spec.workDir + '/replies.txt', line + '\\n');
  wake();
});
async function play() {
  const { workDir, options } = spec;
  for (const step of options.setup ?? []) {
    const path = workDir + '/' + step.path;
    if (step.dir) mkdirSync(path, { recursive: true });
    if (step.write !== undefined) writeFileSync(path, step.write);
    if (step.symlink) symlinkSync(step.symlink, path);
    if (step.link) linkSync(workDir + '/' + step.link, path);
  }
  const channel = new Socket({ fd: 3, readable: false });
  channel.on('error', () => process.exit(70));
  for (const step of options.steps) {
    if (step.send) await new Promise((resolve) => channel.write(step.send + '\\n', resolve));
    if (step.replies) while (received.length < step.replies) await new Promise((resolve) => { wake = resolve; });
    if (step.sleep) await new Promise((resolve) => setTimeout(resolve, step.sleep));
  }
  channel.end(() => process.exit(0));
}
`;

let base: string;
let dataDir: string;
let secretFile: string;
let entry: ChildEntry;

before(() => {
  base = mkdtempSync(join(tmpdir(), 'sakuga-engine-channel-'));
  chmodSync(base, 0o711);
  dataDir = join(base, 'data');
  mkdirSync(join(dataDir, 'work'), { recursive: true, mode: 0o711 });
  chmodSync(dataDir, 0o711);
  secretFile = join(dataDir, 'secret.txt');
  writeFileSync(secretFile, SECRET, { mode: 0o600 });
  const dir = join(base, 'child');
  mkdirSync(dir, { mode: 0o755 });
  writeFileSync(join(dir, 'child.mjs'), ENGINE_CHILD, { mode: 0o644 });
  entry = { root: dir, codePaths: ['child.mjs'], imports: [], script: 'child.mjs' };
});
after(() => rmSync(base, { recursive: true, force: true }));

function newWorkDir(): string {
  const workDir = join(dataDir, 'work', randomBytes(8).toString('hex'));
  mkdirSync(workDir, { mode: 0o700 });
  if (RUN_AS) chownSync(workDir, RUN_AS.uid, RUN_AS.gid);
  return workDir;
}

type EngineCallback = (call: EngineCall, signal: AbortSignal) => Promise<EngineOutcome>;

interface Observed {
  readonly result: RunResult;
  readonly events: string[];
  readonly logs: LogEntry[];
  /** Every call the worker's engine callback was handed. */
  readonly calls: EngineCall[];
  /** Each line the child read after its spec, parsed. */
  readonly replies: Record<string, unknown>[];
  readonly ms: number;
}

interface Play {
  readonly setup?: readonly Record<string, string | boolean>[];
  readonly steps: readonly { send?: string; replies?: number; sleep?: number }[];
}

const TRANSLATED: EngineOutcome = { ok: true, result: { translations: { a: 'hola' } } };
const answer: EngineCallback = () => Promise.resolve(TRANSLATED);
/** An engine that answers only when the run ends, as a real one does when its signal aborts. */
const hang: EngineCallback = (_call, signal) =>
  new Promise((resolve) => signal.addEventListener('abort', () => resolve({ ok: false, code: 'engine_unavailable', message: 'aborted', transient: true }), { once: true }));

async function play(options: Play, engine: EngineCallback = answer, signal = new AbortController().signal): Promise<Observed> {
  const workDir = newWorkDir();
  const request: RunRequest = {
    jobId: randomBytes(16).toString('hex'),
    type: 'selftest',
    options,
    stages: ['step-1', 'step-2'].slice(0, stageCount(options)),
    fromStage: 0,
    attempt: 1,
    workDir,
    hiddenPaths: [dataDir],
    runtimeDir: join(dataDir, 'runtime'),
    sandbox: false,
    signal,
    ...(RUN_AS ? { runAs: RUN_AS } : {}),
    limits: LIMITS,
  };
  const events: string[] = [];
  const logs: LogEntry[] = [];
  const calls: EngineCall[] = [];
  const callbacks = {
    onStageStart: (index: number) => void events.push(`start ${index}`),
    onProgress: (index: number, value: number) => void events.push(`progress ${index} ${value}`),
    onLog: (logged: LogEntry) => {
      logs.push(logged);
      events.push(`log ${logged.level} ${logged.msg}`);
    },
    onStageDone: (index: number, produced: readonly { name: string }[]) => void events.push(`done ${index} ${produced.map((artifact) => artifact.name).join(',')}`),
    onEngineRequest: (call: EngineCall, callSignal: AbortSignal) => {
      calls.push(call);
      return engine(call, callSignal);
    },
  };
  const started = performance.now();
  const result = await runChildProcess(entry, request, callbacks);
  const repliesFile = join(workDir, 'replies.txt');
  const replies = existsSync(repliesFile)
    ? readFileSync(repliesFile, 'utf8')
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => JSON.parse(line) as Record<string, unknown>)
    : [];
  return { result, events, logs, calls, replies, ms: performance.now() - started };
}

/** Two stages when the play starts a second one. */
function stageCount(options: Play): number {
  return options.steps.some((step) => step.send?.includes('"stage_start","index":1')) ? 2 : 1;
}

function protocolViolation(observed: Observed, label: string) {
  const { result } = observed;
  assert.equal(result.outcome, 'failed', `${label}: expected a failure, got ${JSON.stringify(result)}`);
  const failed = result as Extract<RunResult, { outcome: 'failed' }>;
  assert.equal(failed.code, 'crashed', label);
  assert.match(failed.message, /does not accept/, label);
}

const start = (index = 0) => JSON.stringify({ kind: 'stage_start', index });
const done = (index = 0, ...artifacts: string[]) => JSON.stringify({ kind: 'stage_done', index, artifacts });
const translate = (id: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ kind: 'engine_request', id, engine: 'translate', target: 'es', lines: [{ id: 'a', text: 'hello' }], ...extra });
const asr = (id: number) => JSON.stringify({ kind: 'engine_request', id, engine: 'asr', audio: `engine-input-${id}.wav` });

describe('the engine channel against a hostile child', () => {
  test('a well-formed request gets exactly one reply, with the worker\'s result', BOUNDED, async () => {
    const asked = await play({ steps: [{ send: start() }, { send: translate(1) }, { replies: 1 }, { sleep: 300 }, { send: done() }] });
    assert.deepEqual(asked.result, { outcome: 'succeeded' });
    assert.deepEqual(asked.calls, [{ engine: 'translate', request: { target: 'es', lines: [{ id: 'a', text: 'hello' }] } }]);
    assert.deepEqual(asked.replies, [{ kind: 'engine_reply', id: 1, ...TRANSLATED }]);

    // Ids may skip ahead; each request still gets its own one reply.
    const twice = await play({ steps: [{ send: start() }, { send: translate(1) }, { replies: 1 }, { send: translate(7) }, { replies: 2 }, { sleep: 300 }, { send: done() }] });
    assert.deepEqual(twice.result, { outcome: 'succeeded' });
    assert.equal(twice.calls.length, 2);
    assert.deepEqual(twice.replies.map((reply) => reply.id), [1, 7]);
  });

  test('a second request while one is outstanding ends the run, the worker asked once at most', BOUNDED, async () => {
    const eager = await play({ steps: [{ send: start() }, { send: translate(1) }, { send: translate(2) }, { sleep: 10_000 }] }, hang);
    protocolViolation(eager, 'two outstanding');
    assert.ok(eager.calls.length <= 1, `the callback was called ${eager.calls.length} times`);
    assert.ok(eager.ms < 10_000, 'ended by the runner, not by the child giving up');
  });

  test('a reused or decreasing id ends the run', BOUNDED, async () => {
    for (const [first, second] of [
      [1, 1],
      [5, 3],
    ] as const) {
      const replayed = await play({ steps: [{ send: start() }, { send: translate(first) }, { replies: 1 }, { send: translate(second) }, { replies: 2 }, { send: done() }] });
      protocolViolation(replayed, `id ${first} then ${second}`);
      assert.equal(replayed.calls.length, 1, 'the replayed request never reached the worker');
      assert.deepEqual(replayed.replies.map((reply) => reply.id), [first]);
    }
  });

  test('a request outside a running stage ends the run', BOUNDED, async () => {
    const plays: [string, Play][] = [
      ['before stage_start', { steps: [{ send: translate(1) }, { send: start() }, { send: done() }] }],
      ['after stage_done', { steps: [{ send: start() }, { send: done() }, { send: translate(1) }, { sleep: 500 }] }],
      ['between stages', { steps: [{ send: start() }, { send: done() }, { send: translate(1) }, { send: start(1) }, { send: done(1) }] }],
    ];
    for (const [label, options] of plays) {
      const outside = await play(options);
      protocolViolation(outside, label);
      assert.equal(outside.calls.length, 0, `${label}: the worker was never asked`);
    }
  });

  test('a request with an extra field or the wrong shape ends the run, the worker never asked', BOUNDED, async () => {
    const requests = [
      translate(1, { url: 'http://169.254.169.254/latest/meta-data/' }),
      translate(1, { api_key: 'sk-from-the-child' }),
      JSON.stringify({ kind: 'engine_request', id: 1, engine: 'tts', text: 'hi', voice: 'v', endpoint: 'http://evil' }),
      JSON.stringify({ kind: 'engine_request', id: 1, engine: 'asr', audio: 'engine-input-1.wav', url: 'http://evil' }),
      JSON.stringify({ kind: 'engine_request', id: 1, engine: 'shell', cmd: 'id' }),
      JSON.stringify({ kind: 'engine_request', id: 0, engine: 'translate', target: 'es', lines: [{ id: 'a', text: 'x' }] }),
      JSON.stringify({ kind: 'engine_request', id: '1', engine: 'translate', target: 'es', lines: [{ id: 'a', text: 'x' }] }),
      JSON.stringify({ kind: 'engine_request', id: 1, engine: 'translate', target: 'es', lines: [] }),
      JSON.stringify({ kind: 'engine_request', id: 1, engine: 'asr', audio: '../../secret.txt' }),
    ];
    for (const line of requests) {
      const shaped = await play({ steps: [{ send: start() }, { send: line }, { replies: 1 }, { send: done() }] });
      protocolViolation(shaped, line);
      assert.equal(shaped.calls.length, 0, `${line}: the worker was never asked`);
    }
  });

  test('ASR audio that is a symlink or a hard link is refused, its bytes never reach the worker', BOUNDED, async () => {
    const audio = 'RIFF-own-audio';
    const ask = (setup: Play['setup']) => play({ setup, steps: [{ send: start() }, { send: asr(1) }, { replies: 1 }, { send: done() }] });

    // The control: the child's own plain file gets through, so a refusal below is for the link alone.
    const plain = await ask([{ path: 'out/engine-input-1.wav', write: audio }]);
    assert.deepEqual(plain.result, { outcome: 'succeeded' });
    assert.equal(plain.calls.length, 1);
    const call = plain.calls[0]!;
    assert.equal(call.engine, 'asr');
    assert.equal(Buffer.from(call.engine === 'asr' ? call.request.audio : []).toString(), audio);

    const linked: [string, Play['setup']][] = [
      ['a symlink out of the work dir', [{ path: 'out/engine-input-1.wav', symlink: secretFile }]],
      ['a symlink inside the work dir', [{ path: 'private.wav', write: SECRET }, { path: 'out/engine-input-1.wav', symlink: '../private.wav' }]],
      ['a hard link', [{ path: 'private.wav', write: SECRET }, { path: 'out/engine-input-1.wav', link: 'private.wav' }]],
      ['a directory', [{ path: 'out/engine-input-1.wav', dir: true }]],
      ['missing', []],
    ];
    for (const [label, setup] of linked) {
      const refused = await ask(setup);
      // A refusal is the child's answer, not the run's end: the stage may fail or go on without it.
      assert.deepEqual(refused.result, { outcome: 'succeeded' }, label);
      assert.equal(refused.calls.length, 0, `${label}: the worker was never asked`);
      assert.equal(refused.replies.length, 1, label);
      const [reply] = refused.replies;
      assert.equal(reply?.id, 1, label);
      assert.equal(reply?.ok, false, label);
      assert.equal(reply?.code, 'engine_request_invalid', label);
      assert.doesNotMatch(JSON.stringify(refused.replies), /hunter2/, label);
    }
  });

  test('an engine input reported as an artifact is rejected, never published', BOUNDED, async () => {
    const smuggled = await play({
      setup: [{ path: 'out/engine-input-1.wav', write: 'RIFF' }],
      steps: [{ send: start() }, { send: asr(1) }, { replies: 1 }, { send: done(0, 'engine-input-1.wav') }],
    });
    protocolViolation(smuggled, 'engine input as artifact');
    assert.equal(smuggled.calls.length, 1, 'the request itself was served');
    assert.ok(!smuggled.events.some((event) => event.startsWith('done')), 'onStageDone never saw it');

    const beside = await play({
      setup: [{ path: 'out/engine-input-9.wav', write: 'RIFF' }, { path: 'out/a.txt', write: 'fine' }],
      steps: [{ send: start() }, { send: done(0, 'a.txt', 'engine-input-9.wav') }],
    });
    protocolViolation(beside, 'engine input beside a real artifact');
    assert.ok(!beside.events.some((event) => event.startsWith('done')), 'onStageDone never saw either');
  });

  test('cancelling the run while an engine call is pending ends it cancelled within seconds', BOUNDED, async () => {
    const controller = new AbortController();
    let aborted = false;
    const pending: EngineCallback = (call, signal) => {
      setTimeout(() => controller.abort(), 200);
      signal.addEventListener('abort', () => (aborted = true), { once: true });
      return hang(call, signal);
    };
    const cancelled = await play({ steps: [{ send: start() }, { send: translate(1) }, { replies: 1 }, { send: done() }] }, pending, controller.signal);
    assert.deepEqual(cancelled.result, { outcome: 'cancelled' });
    assert.equal(cancelled.calls.length, 1);
    assert.ok(aborted, 'the engine call was told to stop');
    assert.ok(cancelled.ms < 5_000, `took ${cancelled.ms.toFixed(0)} ms`);
  });
});
