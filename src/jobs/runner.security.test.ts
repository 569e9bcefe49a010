import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test, type TestContext } from 'node:test';
import type { ChildEntry } from './launch.js';
import { runChildProcess, runJob } from './runner.js';
import type { LogEntry, RunRequest, RunResult } from './runner-types.js';
import { probeSandbox } from './sandbox.js';
import { JOB_TEST_USERS } from '../../test/helpers/job-uids.js';

const MiB = 1024 * 1024;
const IS_ROOT = process.getuid?.() === 0;
/** As root the child runs as a uid of this file's own (RLIMIT_NPROC does not bind root); otherwise as ourselves. */
const RUN_AS = IS_ROOT ? JOB_TEST_USERS.runner : undefined;
/** The fork bomb's own uid, so that it eats no other run's headroom. */
const BOMB_USER = JOB_TEST_USERS.forkBomb;
const IN_CI = process.env.CI === 'true';
/** Every run is bounded by its own limits; this bounds a test's several runs. */
const BOUNDED = { timeout: 90_000 };
/**
 * The longest the test's own event loop may pause while a hog or a flood runs.
 * CI runs many test files at once on two cores, where plain scheduling noise
 * reaches half a second; handling a flood on the loop, or waiting on a hog,
 * would pause it for the whole run (seconds).
 */
const STALL_MS = 1_500;

/** From source the child runs under tsx: 1.6 GiB of address space to start, a second or two of CPU to compile. */
const LIMITS = { timeoutMs: 30_000, memoryBytes: 4096 * MiB, cpuSeconds: 30, fileBytes: 64 * MiB, processes: 64 };

let base: string;
let dataDir: string;
let secretFile: string;

before(() => {
  // mkdtemp makes 0700; the child's uid must be able to pass through to its work dir (never list).
  base = mkdtempSync(join(tmpdir(), 'sakuga-runner-'));
  chmodSync(base, 0o711);
  dataDir = join(base, 'data');
  mkdirSync(join(dataDir, 'work'), { recursive: true, mode: 0o711 });
  chmodSync(dataDir, 0o711);
  secretFile = join(dataDir, 'secret.txt');
  writeFileSync(secretFile, 'DATABASE_URL=postgres://sakuga:hunter2@db/sakuga\n', { mode: 0o600 });
});
after(() => rmSync(base, { recursive: true, force: true }));

function newWorkDir(owner = RUN_AS): string {
  const workDir = join(dataDir, 'work', randomBytes(8).toString('hex'));
  mkdirSync(workDir, { mode: 0o700 });
  if (owner) chownSync(workDir, owner.uid, owner.gid);
  return workDir;
}

interface Observed {
  readonly result: RunResult;
  /** Callbacks in the order they came: `start 0`, `progress 0 0.5`, `done 0 step-1.json`, `log info …`. */
  readonly events: string[];
  readonly logs: LogEntry[];
  /** Artifact bytes read through the path the runner handed over, with its size and hash as reported. */
  readonly artifacts: Map<string, { bytes: Buffer; size: number; sha256: string }>;
  readonly workDir: string;
  readonly ms: number;
}

type Overrides = Partial<Omit<RunRequest, 'limits'>> & { limits?: Partial<RunRequest['limits']>; entry?: ChildEntry };

async function run(steps: unknown[], overrides: Overrides = {}): Promise<Observed> {
  const { entry, limits, ...rest } = overrides;
  const workDir = rest.workDir ?? newWorkDir();
  const request: RunRequest = {
    jobId: randomBytes(16).toString('hex'),
    type: 'selftest',
    options: { steps },
    stages: steps.map((_, index) => `step-${index + 1}`),
    fromStage: 0,
    attempt: 1,
    workDir,
    hiddenPaths: [dataDir],
    runtimeDir: join(dataDir, 'runtime'),
    sandbox: false,
    signal: new AbortController().signal,
    ...(RUN_AS ? { runAs: RUN_AS } : {}),
    ...rest,
    limits: { ...LIMITS, ...limits },
  };
  const events: string[] = [];
  const logs: LogEntry[] = [];
  const artifacts: Observed['artifacts'] = new Map();
  const callbacks = {
    onStageStart: (index: number) => void events.push(`start ${index}`),
    onProgress: (index: number, value: number) => void events.push(`progress ${index} ${value}`),
    onLog: (entry: LogEntry) => {
      logs.push(entry);
      events.push(`log ${entry.level} ${entry.msg}`);
    },
    onStageDone: async (index: number, produced: readonly { name: string; path: string; size: number; sha256: string }[]) => {
      events.push(`done ${index} ${produced.map((artifact) => artifact.name).join(',')}`);
      // Slow on purpose: the runner must not deliver anything else until the checkpoint is over.
      await new Promise((resolve) => setTimeout(resolve, 50));
      for (const artifact of produced) artifacts.set(artifact.name, { bytes: readFileSync(artifact.path), size: artifact.size, sha256: artifact.sha256 });
      events.push(`checkpointed ${index}`);
    },
  };
  const started = performance.now();
  const result = entry ? await runChildProcess(entry, request, callbacks) : await runJob(request, callbacks);
  return { result, events, logs, artifacts, workDir, ms: performance.now() - started };
}

function failure(result: RunResult) {
  assert.equal(result.outcome, 'failed', `expected a failure, got ${JSON.stringify(result)}`);
  return result as Extract<RunResult, { outcome: 'failed' }>;
}

const sandbox = await probeSandbox(undefined, RUN_AS);

/** bwrap is installed in CI: there a missing sandbox is a failure, on a developer's machine a skip. */
function sandboxOrSkip(t: TestContext): boolean {
  if (sandbox.available) return true;
  if (IN_CI) assert.fail(`CI must run the sandbox tests: ${sandbox.reason}`);
  t.skip(`bubblewrap unavailable: ${sandbox.reason}`);
  return false;
}

/** The process-limit and leftover checks run the child as nobody, which needs root; CI has it. */
function rootOrSkip(t: TestContext): boolean {
  if (IS_ROOT) return true;
  if (IN_CI) assert.fail('CI must run the runner tests as root (they start jobs as nobody)');
  t.skip('needs root to run the child as nobody');
  return false;
}

/** What the selftest's write step logged when it could not create its file. */
function writeRefusal(observed: Observed) {
  return observed.logs.find((entry) => entry.msg === 'the file could not be created')?.fields;
}

/**
 * Live (not zombie) processes of one run: those working in its work dir (a
 * job's processes inherit it). Other test files run jobs as nobody at the
 * same time, so counting the uid's processes would see theirs too.
 */
function liveProcessesIn(workDir: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        return readlinkSync(`/proc/${pid}/cwd`).startsWith(workDir) && !/^State:\s+Z/m.test(status);
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function waitUntil(condition: () => boolean, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

/** The longest the test process's own event loop went without a 10 ms tick: the server keeps answering while a job hogs. */
function watchEventLoop(): () => number {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 10);
  return () => {
    clearInterval(timer);
    return worst;
  };
}

describe('a job child process', () => {
  test('a normal run reports stages, progress, logs and checked artifacts, in order', BOUNDED, async (t) => {
    const run1 = await run([{ op: 'sleep', ms: 200 }, { op: 'alloc', mb: 8 }]);
    assert.deepEqual(run1.result, { outcome: 'succeeded' });
    const stageEvents = run1.events.filter((event) => !event.startsWith('progress'));
    assert.deepEqual(stageEvents, ['start 0', 'done 0 step-1.json', 'checkpointed 0', 'start 1', 'log info holding 8 MiB', 'done 1 step-2.json', 'checkpointed 1']);
    const progress = run1.events.filter((event) => event.startsWith('progress 0'));
    assert.deepEqual(progress, ['progress 0 0.25', 'progress 0 0.5', 'progress 0 0.75', 'progress 0 1']);
    assert.ok(run1.events.indexOf('progress 0 1') < run1.events.indexOf('done 0 step-1.json'));

    for (const [name, op] of [['step-1.json', 'sleep'], ['step-2.json', 'alloc']] as const) {
      const artifact = run1.artifacts.get(name);
      assert.ok(artifact, name);
      assert.deepEqual(JSON.parse(artifact.bytes.toString()), { op, attempt: 1 });
      assert.equal(artifact.size, artifact.bytes.length);
      assert.equal(artifact.sha256, createHash('sha256').update(artifact.bytes).digest('hex'));
      assert.deepEqual(readFileSync(join(run1.workDir, 'out', name)), artifact.bytes, 'the handed-over path is the file in out/');
    }
    assert.deepEqual(readdirSync(join(run1.workDir, 'out')).sort(), ['step-1.json', 'step-2.json'], 'no partial file left behind');
    t.diagnostic(`two-stage selftest from source (tsx): ${run1.ms.toFixed(0)} ms`);
  });

  test('a resumed run starts at its checkpoint and never reruns an earlier stage', BOUNDED, async () => {
    const resumed = await run([{ op: 'fail' }, { op: 'sleep', ms: 10 }], { fromStage: 1, attempt: 2 });
    assert.deepEqual(resumed.result, { outcome: 'succeeded' }, 'stage 0 would have failed had it run');
    assert.equal(resumed.events[0], 'start 1');
    assert.ok(!resumed.events.some((event) => event.endsWith(' 0') || event.startsWith('done 0')));
    assert.deepEqual(JSON.parse(resumed.artifacts.get('step-2.json')!.bytes.toString()), { op: 'sleep', attempt: 2 });
    assert.ok(!existsSync(join(resumed.workDir, 'out', 'step-1.json')));
  });

  test('a run resumed in the work dir of the run before starts with empty scratch, as that one did', BOUNDED, async () => {
    const workDir = newWorkDir();
    // The write step creates its file exclusively: it fails if the first run's file is still there.
    const steps = [{ op: 'write', path: join(workDir, 'tmp', 'scratch.txt') }, { op: 'fail', transient: true, times: 1 }, { op: 'write', path: join(workDir, 'tmp', 'scratch.txt') }];
    const first = await run(steps, { workDir });
    assert.equal(failure(first.result).stageCode, 'selftest_failed');
    assert.ok(existsSync(join(workDir, 'tmp', 'scratch.txt')), 'the first run left its scratch behind');
    const resumed = await run(steps, { workDir, fromStage: 1, attempt: 2 });
    assert.deepEqual(resumed.result, { outcome: 'succeeded' }, JSON.stringify(resumed.logs));
    assert.deepEqual(JSON.parse(readFileSync(join(workDir, 'out', 'step-1.json'), 'utf8')), { op: 'write', attempt: 1 }, 'the checkpointed output is kept');
  });

  test('a callback that throws ends the run with its error, and the child with it', BOUNDED, async () => {
    const workDir = newWorkDir();
    const request: RunRequest = {
      jobId: randomBytes(16).toString('hex'),
      type: 'selftest',
      options: { steps: [{ op: 'sleep', ms: 0 }, { op: 'sleep', ms: 60_000 }] },
      stages: ['step-1', 'step-2'],
      fromStage: 0,
      attempt: 1,
      workDir,
      hiddenPaths: [],
      runtimeDir: join(dataDir, 'runtime'),
      sandbox: false,
      signal: new AbortController().signal,
      limits: LIMITS,
      ...(RUN_AS ? { runAs: RUN_AS } : {}),
    };
    const started = performance.now();
    const checkpointFailed = new Error('the database is gone');
    const noop = () => undefined;
    await assert.rejects(
      runJob(request, { onStageStart: noop, onProgress: noop, onLog: noop, onStageDone: () => Promise.reject(checkpointFailed) }),
      (error) => error === checkpointFailed,
    );
    assert.ok(performance.now() - started < 10_000, 'the 60 s stage never ran to its end');
  });

  test('a job type without child-side stages fails clearly instead of running anything', BOUNDED, async () => {
    const unknown = await run([{ op: 'sleep', ms: 0 }], { type: 'transcode', options: {} });
    const failed = failure(unknown.result);
    assert.deepEqual([failed.code, failed.stageCode, failed.transient, failed.stage], ['stage_failed', 'not_runnable', false, 0]);
    assert.ok(!unknown.events.includes('start 0'));
    // A known type whose runtime the worker did not give: refused before any stage starts.
    const bare = await run([{ op: 'sleep', ms: 0 }, { op: 'sleep', ms: 0 }], { type: 'generate', options: { prompt: 'a fox', output: 'image' } });
    assert.deepEqual([failure(bare.result).stageCode, bare.events.includes('start 0')], ['invalid_options', false]);
  });

  test('a failing stage says whether a retry may help', BOUNDED, async () => {
    const transient = failure((await run([{ op: 'fail', transient: true }])).result);
    assert.deepEqual([transient.code, transient.stageCode, transient.transient, transient.stage], ['stage_failed', 'selftest_failed', true, 0]);
    const permanent = failure((await run([{ op: 'sleep', ms: 0 }, { op: 'fail' }])).result);
    assert.deepEqual([permanent.code, permanent.stageCode, permanent.transient, permanent.stage], ['stage_failed', 'selftest_failed', false, 1]);
    assert.doesNotMatch(permanent.message, /\//, 'no path in what the owner reads');
    const thirdTime = await run([{ op: 'fail', transient: true, times: 2 }], { attempt: 3 });
    assert.deepEqual(thirdTime.result, { outcome: 'succeeded' }, 'fails only while attempt ≤ times');
  });
});

describe('limits on a job child process', () => {
  test('a busy loop is stopped by the CPU limit while the server stays responsive', BOUNDED, async (t) => {
    const worstGap = watchEventLoop();
    const hog = await run([{ op: 'spin', ms: 60_000 }], { limits: { cpuSeconds: 4 } });
    const gap = worstGap();
    const failed = failure(hog.result);
    assert.equal(failed.code, 'cpu_limit');
    assert.equal(failed.transient, false);
    assert.ok(hog.ms < 20_000, `stopped by CPU time, not the 60 s loop (${hog.ms.toFixed(0)} ms)`);
    assert.ok(gap < STALL_MS, `event loop stalled ${gap.toFixed(0)} ms`);
    t.diagnostic(`cpu hog stopped after ${hog.ms.toFixed(0)} ms; worst event-loop gap ${gap.toFixed(0)} ms`);
  });

  test('a memory hog is stopped by the address-space limit', BOUNDED, async (t) => {
    const worstGap = watchEventLoop();
    const hog = await run([{ op: 'alloc', mb: 3_072 }], { limits: { memoryBytes: 2048 * MiB } });
    const gap = worstGap();
    const failed = failure(hog.result);
    assert.equal(failed.code, 'memory_limit');
    assert.equal(failed.stage, 0);
    assert.ok(gap < STALL_MS, `event loop stalled ${gap.toFixed(0)} ms`);
    t.diagnostic(`memory hog stopped after ${hog.ms.toFixed(0)} ms`);
  });

  test('a fork bomb is stopped by the process limit and leaves no process behind', BOUNDED, async (t) => {
    if (!rootOrSkip(t)) return;
    const workDir = newWorkDir(BOMB_USER);
    const bomb = await run([{ op: 'fork' }], { runAs: BOMB_USER, limits: { processes: 40 }, workDir });
    const failed = failure(bomb.result);
    assert.equal(failed.code, 'process_limit');
    const refused = bomb.logs.find((entry) => entry.msg.includes('could not be started'));
    assert.ok(refused && Number(refused.fields?.started) < 40, 'refused well before the fork ceiling');
    assert.ok(await waitUntil(() => liveProcessesIn(workDir).length === 0, 3_000), `left behind: ${liveProcessesIn(workDir).join(' ')}`);
    t.diagnostic(`fork bomb refused after ${String(refused.fields?.started)} processes`);
  });

  test('the wall-clock timeout kills the run', BOUNDED, async () => {
    const slow = await run([{ op: 'sleep', ms: 60_000 }], { limits: { timeoutMs: 2_000 } });
    assert.equal(failure(slow.result).code, 'timeout');
    assert.ok(slow.ms < 5_000, `${slow.ms.toFixed(0)} ms`);
  });

  for (const sandboxed of [false, true]) {
    test(`cancel kills the child and its grandchildren within 5 s${sandboxed ? ' (sandboxed)' : ''}`, BOUNDED, async (t) => {
      if (!rootOrSkip(t) || (sandboxed && !sandboxOrSkip(t))) return;
      const controller = new AbortController();
      const workDir = newWorkDir();
      const pending = run([{ op: 'fork', times: 3 }, { op: 'sleep', ms: 60_000 }], { runAs: RUN_AS, sandbox: sandboxed, signal: controller.signal, workDir });
      // Abort once the grandchildren exist (the fork stage is done) and the child sleeps.
      assert.ok(await waitUntil(() => existsSync(join(workDir, 'out', 'step-1.json')), 15_000), 'the job started its processes');
      assert.ok(liveProcessesIn(workDir).length >= 4);
      const abortedAt = performance.now();
      controller.abort();
      const cancelled = await pending;
      const settled = performance.now() - abortedAt;
      assert.deepEqual(cancelled.result, { outcome: 'cancelled' });
      assert.ok(await waitUntil(() => liveProcessesIn(workDir).length === 0, 5_000 - settled), `left behind: ${liveProcessesIn(workDir).join(' ')}`);
      const gone = performance.now() - abortedAt;
      assert.ok(gone < 5_000, `${gone.toFixed(0)} ms`);
      t.diagnostic(`cancel: run settled ${settled.toFixed(0)} ms and every process gone ${gone.toFixed(0)} ms after abort`);
    });
  }
});

describe('the sandbox', () => {
  let server: Server;
  let port = 0;
  let connections = 0;
  before(async () => {
    server = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  after(() => server.close());

  test('no network inside: a server on 127.0.0.1 receives nothing (and would without the sandbox)', BOUNDED, async (t) => {
    if (!sandboxOrSkip(t)) return;
    const denied = await run([{ op: 'net', port }], { sandbox: true });
    assert.equal(failure(denied.result).code, 'network_denied');
    assert.equal(connections, 0, 'no connection reached the host');

    const control = await run([{ op: 'net', port }], { sandbox: false });
    assert.deepEqual(control.result, { outcome: 'succeeded' }, 'without the sandbox the same step connects');
    assert.equal(connections, 1);
  });

  test('only the work dir is writable, and the data dir is hidden', BOUNDED, async (t) => {
    if (!sandboxOrSkip(t)) return;
    const systemFile = `/usr/sakuga-selftest-${randomBytes(4).toString('hex')}`;
    const system = await run([{ op: 'write', path: systemFile }], { sandbox: true });
    assert.equal(failure(system.result).stageCode, 'filesystem_denied');
    assert.equal(writeRefusal(system)?.error, 'EROFS', 'refused by the read-only mount, whatever the file permissions');
    assert.ok(!existsSync(systemFile));

    const planted = join(dataDir, 'planted');
    const hidden = await run([{ op: 'write', path: planted }], { sandbox: true });
    assert.equal(failure(hidden.result).stageCode, 'filesystem_denied');
    assert.equal(writeRefusal(hidden)?.error, 'EROFS', 'the cover over the data dir is read-only too');
    assert.ok(!existsSync(planted));

    const secret = await run([{ op: 'write', path: secretFile }], { sandbox: true });
    assert.equal(failure(secret.result).stageCode, 'filesystem_denied');
    assert.equal(writeRefusal(secret)?.existed, false, 'the secret is not even visible');
    assert.match(readFileSync(secretFile, 'utf8'), /hunter2/);

    const control = await run([{ op: 'write', path: secretFile }], { sandbox: false });
    assert.equal(writeRefusal(control)?.existed, true, 'without the sandbox it is visible');

    const workDir = newWorkDir();
    const inside = await run([{ op: 'write', path: join(workDir, 'scratch.txt') }], { sandbox: true, workDir });
    assert.deepEqual(inside.result, { outcome: 'succeeded' });
    assert.ok(existsSync(join(workDir, 'scratch.txt')), 'the work dir is the same directory inside and out');
  });

  test('a sandboxed run resumes and hands over artifacts like an unsandboxed one', BOUNDED, async (t) => {
    if (!sandboxOrSkip(t)) return;
    const sandboxed = await run([{ op: 'fail' }, { op: 'sleep', ms: 40 }], { sandbox: true, fromStage: 1, attempt: 2 });
    assert.deepEqual(sandboxed.result, { outcome: 'succeeded' });
    assert.deepEqual(JSON.parse(sandboxed.artifacts.get('step-2.json')!.bytes.toString()), { op: 'sleep', attempt: 2 });
  });
});

/**
 * A stand-in for a compromised child: it reads its spec, then does what its
 * options say — files and symlinks in its work dir, raw lines on fd 3, its
 * environment as a log, an exit code. Plain JS, started like the real child.
 */
const HOSTILE_CHILD = `
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { Socket } from 'node:net';
let input = '';
// The spec is stdin's first line; the runner keeps stdin open for engine replies.
for await (const chunk of process.stdin) {
  input += chunk;
  if (input.includes('\\n')) break;
}
const { workDir, options } = JSON.parse(input.slice(0, input.indexOf('\\n')));
for (const step of options.setup ?? []) {
  const path = workDir + '/' + step.path;
  if (step.remove) rmSync(path, { recursive: true, force: true });
  if (step.dir) mkdirSync(path, { recursive: true });
  if (step.write !== undefined) writeFileSync(path, step.write);
  if (step.symlink) symlinkSync(step.symlink, path);
}
const lines = [...(options.lines ?? [])];
if (options.env) lines.push(JSON.stringify({ kind: 'log', level: 'info', msg: 'env', fields: { env: process.env } }));
let raw = lines.map((line) => line + '\\n').join('');
if (options.flood) raw += (JSON.stringify({ kind: 'log', level: 'info', msg: 'x' }) + '\\n').repeat(options.flood);
if (options.unterminated) raw += 'x'.repeat(options.unterminated);
if (options.stderr) process.stderr.write(options.stderr);
const channel = new Socket({ fd: 3, readable: false });
channel.on('error', () => process.exit(70));
channel.end(raw, () => process.exit(options.exit ?? 0));
`;

describe('a hostile child', () => {
  let entry: ChildEntry;
  before(() => {
    const dir = join(base, 'hostile');
    mkdirSync(dir, { mode: 0o755 });
    writeFileSync(join(dir, 'child.mjs'), HOSTILE_CHILD, { mode: 0o644 });
    entry = { root: dir, codePaths: ['child.mjs'], imports: [], script: 'child.mjs' };
  });

  const start = JSON.stringify({ kind: 'stage_start', index: 0 });
  const done = (...artifacts: string[]) => JSON.stringify({ kind: 'stage_done', index: 0, artifacts });
  const hostile = (options: Record<string, unknown>, overrides: Overrides = {}) => run([{ op: 'sleep', ms: 0 }], { entry, options, ...overrides });

  test('cannot see the server\'s environment', BOUNDED, async () => {
    process.env.SAKUGA_SELFTEST_PARENT_SECRET = 'smtp-password-from-the-parent';
    try {
      const dumped = await hostile({ env: true, lines: [start, done()] });
      assert.deepEqual(dumped.result, { outcome: 'succeeded' });
      const env = dumped.logs.find((entry) => entry.msg === 'env')?.fields?.env as Record<string, string>;
      assert.ok(env, 'the child reported its environment');
      assert.equal(env.SAKUGA_SELFTEST_PARENT_SECRET, undefined);
      assert.doesNotMatch(JSON.stringify(env), /smtp-password-from-the-parent/);
      assert.deepEqual(Object.keys(env).sort(), ['HOME', 'LANG', 'PATH', 'SAKUGA_JOB_PRELOAD', 'TMPDIR']);
      assert.equal(env.SAKUGA_JOB_PRELOAD, 'selftest', 'the job type to load ahead, nothing else');
      assert.ok(env.HOME?.startsWith(dumped.workDir) && env.TMPDIR?.startsWith(dumped.workDir), 'home and temp inside the work dir');
    } finally {
      delete process.env.SAKUGA_SELFTEST_PARENT_SECRET;
    }
  });

  test('an artifact outside out/, through a symlink or a symlinked out/ is refused', BOUNDED, async () => {
    const attempts = [
      { lines: [start, done('../x')] },
      { setup: [{ path: 'out/passwd', symlink: '/etc/passwd' }], lines: [start, done('passwd')] },
      { setup: [{ path: 'out', remove: true }, { path: 'out', symlink: '/etc' }], lines: [start, done('passwd')] },
      { setup: [{ path: 'out/sub', dir: true }], lines: [start, done('sub')] },
      { lines: [start, done('missing.json')] },
    ];
    for (const options of attempts) {
      const refused = await hostile(options);
      const failed = failure(refused.result);
      assert.equal(failed.code, 'crashed', JSON.stringify(options));
      assert.match(failed.message, /not a plain file in its output folder/);
      assert.ok(!refused.events.some((event) => event.startsWith('done')), 'onStageDone never saw it');
    }
  });

  test('malformed, out-of-order, oversized and endless message streams end the run', BOUNDED, async () => {
    const streams = [
      { lines: ['not json'] },
      { lines: [JSON.stringify({ kind: 'stage_start', index: 1 })] },
      { lines: [JSON.stringify({ kind: 'progress', index: 0, value: 0.5 })] },
      { lines: [start, JSON.stringify({ kind: 'stage_done', index: 0, artifacts: 'x' })] },
      { lines: [start, JSON.stringify({ kind: 'log', level: 'info', msg: 'x', extra: 1 })] },
      { unterminated: 70 * 1024 },
    ];
    for (const options of streams) {
      const broken = await hostile(options);
      const failed = failure(broken.result);
      assert.equal(failed.code, 'crashed', JSON.stringify(options).slice(0, 200));
      assert.match(failed.message, /does not accept/);
    }
  });

  test('a flood of messages is cut off without stalling the server', BOUNDED, async (t) => {
    const worstGap = watchEventLoop();
    const flood = await hostile({ lines: [start], flood: 200_000 });
    const gap = worstGap();
    assert.match(failure(flood.result).message, /more output than allowed/);
    assert.ok(flood.logs.length < 10_000, `${flood.logs.length} log lines delivered`);
    assert.ok(gap < STALL_MS, `event loop stalled ${gap.toFixed(0)} ms`);
    t.diagnostic(`flood cut after ${flood.logs.length} lines; worst event-loop gap ${gap.toFixed(0)} ms`);
  });

  test('odd but harmless messages are tolerated: progress clamped, unknown kinds dropped', BOUNDED, async () => {
    const tolerated = await hostile({
      setup: [{ path: 'out/a.txt', write: 'hello' }],
      lines: [start, '{"kind":"progress","index":0,"value":1e999}', '{"kind":"progress","index":0,"value":-3}', JSON.stringify({ kind: 'telemetry', n: 1 }), done('a.txt')],
    });
    assert.deepEqual(tolerated.result, { outcome: 'succeeded' });
    assert.deepEqual(tolerated.events, ['start 0', 'progress 0 1', 'progress 0 0', 'done 0 a.txt', 'checkpointed 0']);
    assert.equal(tolerated.artifacts.get('a.txt')?.sha256, createHash('sha256').update('hello').digest('hex'));
  });

  test('exiting 0 without finishing every stage is not a success', BOUNDED, async () => {
    const quitter = await hostile({ lines: [start] });
    const failed = failure(quitter.result);
    assert.equal(failed.code, 'crashed');
    assert.match(failed.message, /before finishing/);
  });

  test('a child that dies reports the end of its stderr to the job log, never to the owner', BOUNDED, async () => {
    const dead = await hostile({ lines: [start], exit: 3, stderr: `boom at ${dataDir}/work/x.js:1\n` });
    const failed = failure(dead.result);
    assert.equal(failed.code, 'crashed');
    assert.doesNotMatch(failed.message, /boom|\//);
    const stderr = dead.logs.find((entry) => entry.msg === 'end of the job process stderr');
    assert.equal(stderr?.level, 'warn');
    assert.match(String(stderr?.fields?.stderr), /boom at/);

    const fine = await hostile({ lines: [start, done()], stderr: 'chatty but fine\n' });
    assert.deepEqual(fine.result, { outcome: 'succeeded' });
    assert.ok(!fine.logs.some((entry) => entry.msg === 'end of the job process stderr'), 'only a failed run logs it');
  });
});
