import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test, type TestContext } from 'node:test';
import { defaultChildEntry } from './launch.js';
import type { RunRequest, RunResult } from './runner-types.js';
import { probeSandbox } from './sandbox.js';
import { createWarmStart, type WarmStart } from './warm-start.js';
import { JOB_TEST_USERS } from '../../test/helpers/job-uids.js';

const MiB = 1024 * 1024;
const IS_ROOT = process.getuid?.() === 0;
/** As root, a uid of these tests' own (see JOB_TEST_USERS). */
const RUN_AS = IS_ROOT ? JOB_TEST_USERS.warmStart : undefined;
const LIMITS = { timeoutMs: 30_000, memoryBytes: 4096 * MiB, cpuSeconds: 30, fileBytes: 64 * MiB, processes: 64 };
const BOUNDED = { timeout: 90_000 };
const sandbox = await probeSandbox(undefined, RUN_AS);

let base: string;
let workRoot: string;

before(() => {
  base = mkdtempSync(join(tmpdir(), 'sakuga-warm-'));
  chmodSync(base, 0o711);
  workRoot = join(base, 'data', 'work');
  mkdirSync(workRoot, { recursive: true, mode: 0o711 });
  chmodSync(join(base, 'data'), 0o711);
});
after(() => rmSync(base, { recursive: true, force: true }));

/** A job's work dir as the worker makes it: new, owned by the job's uid, holding what the worker staged. */
function freshWorkDir(staged: Record<string, string> = {}): string {
  const dir = join(workRoot, randomBytes(16).toString('hex'));
  mkdirSync(dir, { mode: 0o700 });
  for (const [name, text] of Object.entries(staged)) {
    mkdirSync(join(dir, 'in'), { recursive: true, mode: 0o700 });
    writeFileSync(join(dir, 'in', name), text, { mode: 0o444 });
  }
  if (RUN_AS) for (const path of [dir, ...(Object.keys(staged).length > 0 ? [join(dir, 'in')] : [])]) chownSync(path, RUN_AS.uid, RUN_AS.gid);
  return dir;
}

function request(workDir: string, overrides: Partial<RunRequest> = {}): RunRequest {
  const steps = [{ op: 'sleep', ms: 1_200 }];
  return {
    jobId: randomBytes(16).toString('hex'),
    type: 'selftest',
    options: { steps },
    stages: ['step-1'],
    fromStage: 0,
    attempt: 1,
    workDir,
    hiddenPaths: [join(base, 'data')],
    runtimeDir: join(base, 'data', 'runtime'),
    sandbox: false,
    signal: new AbortController().signal,
    fresh: true,
    limits: LIMITS,
    ...(RUN_AS && { runAs: RUN_AS }),
    ...overrides,
  };
}

const artifactsOf = (produced: Map<string, string>) => [...produced.keys()];

async function run(warm: WarmStart, req: RunRequest): Promise<{ result: RunResult; produced: Map<string, string> }> {
  const produced = new Map<string, string>();
  const result = await warm.run(req, {
    onStageStart: () => undefined,
    onProgress: () => undefined,
    onLog: () => undefined,
    onStageDone: (_index, artifacts) => {
      for (const artifact of artifacts) produced.set(artifact.name, readFileSync(artifact.path, 'utf8'));
    },
  });
  return { result, produced };
}

const alive = (pid: number) => existsSync(`/proc/${pid}`) && !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
const spareDirs = () => readdirSync(workRoot).filter((name) => name.startsWith('.spare-'));

async function spareOf(warm: WarmStart): Promise<number> {
  await warm.settled();
  const pid = warm.sparePid();
  assert.ok(pid, 'a spare was started after the run');
  return pid;
}

function sandboxOrSkip(t: TestContext): boolean {
  if (sandbox.available) return true;
  if (process.env.CI === 'true') assert.fail(`CI must run the sandbox tests: ${sandbox.reason}`);
  t.skip(`bubblewrap unavailable: ${sandbox.reason}`);
  return false;
}

/**
 * Warm start keeps one job process started ahead of the next job. It must
 * change nothing a job can tell or reach: the spare holds nothing until it
 * is given one fresh job, runs that one only, and is never handed a work
 * dir an earlier run left things in.
 */
describe('warm start: a job process started ahead of its job', () => {
  for (const sandboxed of [false, true]) {
    test(`${sandboxed ? 'sandboxed' : 'no sandbox'}: a fresh run takes the spare, which sees the staged inputs and writes artifacts the runner reads; then a new spare waits`, BOUNDED, async (t) => {
      if (sandboxed && !sandboxOrSkip(t)) return;
      const warm = createWarmStart(defaultChildEntry());
      try {
        assert.deepEqual((await run(warm, request(freshWorkDir(), { sandbox: sandboxed }))).result, { outcome: 'succeeded' });
        const spare = await spareOf(warm);
        const [spareDir] = spareDirs();
        assert.ok(spareDir, 'the spare has a directory of its own');
        assert.deepEqual(readdirSync(join(workRoot, spareDir)).sort(), ['home', 'out', 'tmp'], 'holding nothing of any job');
        const environ = readFileSync(`/proc/${spare}/environ`, 'utf8').split('\0').filter(Boolean).map((entry) => entry.slice(0, entry.indexOf('=')));
        assert.deepEqual(environ.sort(), ['HOME', 'LANG', 'PATH', 'SAKUGA_JOB_PRELOAD', 'TMPDIR']);

        const workDir = freshWorkDir({ 'clip.txt': 'staged by the worker' });
        const running = run(warm, request(workDir, { sandbox: sandboxed }));
        await sleep(600);
        assert.ok(alive(spare), 'the spare runs the job');
        if (!sandboxed) assert.equal(readlinkSync(`/proc/${spare}/cwd`), workDir, 'in the job\'s work dir');
        const { result, produced } = await running;
        assert.deepEqual(result, { outcome: 'succeeded' });
        assert.deepEqual(artifactsOf(produced), ['step-1.json']);
        assert.deepEqual(JSON.parse(produced.get('step-1.json')!), { op: 'sleep', attempt: 1 });
        assert.equal(readFileSync(join(workDir, 'in', 'clip.txt'), 'utf8'), 'staged by the worker');
        assert.ok(existsSync(join(workDir, 'out', 'step-1.json')), 'its out/ is the job\'s');
        assert.ok(!alive(spare), 'it ran one job and exited');
        const next = await spareOf(warm);
        assert.notEqual(next, spare, 'a new process waits for the next job; none is reused');

        // Jobs that come while the next spare is still starting (its directory not yet bound by bwrap) run all the same.
        const quick = { sandbox: sandboxed, options: { steps: [{ op: 'sleep', ms: 0 }] } };
        for (let i = 0; i < 3; i++) assert.deepEqual((await run(warm, request(freshWorkDir(), quick))).result, { outcome: 'succeeded' }, `back-to-back run ${i + 1}`);
      } finally {
        await warm.close();
      }
    });
  }

  test('a run whose work dir an earlier run left things in, or of another shape, never gets the spare', BOUNDED, async () => {
    const warm = createWarmStart(defaultChildEntry());
    try {
      await run(warm, request(freshWorkDir()));
      const spare = await spareOf(warm);
      const resumed = freshWorkDir();
      mkdirSync(join(resumed, 'out'));
      writeFileSync(join(resumed, 'out', 'step-1.json'), '{}');
      assert.deepEqual((await run(warm, request(resumed, { fresh: false, options: { steps: [{ op: 'sleep', ms: 0 }, { op: 'sleep', ms: 0 }] }, stages: ['step-1', 'step-2'], fromStage: 1 }))).result, { outcome: 'succeeded' });
      assert.equal(await spareOf(warm), spare, 'the resumed run started its own process; the spare still waits');

      const other = await run(warm, request(freshWorkDir(), { limits: { ...LIMITS, cpuSeconds: 20 } }));
      assert.deepEqual(other.result, { outcome: 'succeeded' });
      await warm.settled();
      assert.ok(!alive(spare), 'a spare of another shape is ended, not used');
      assert.notEqual(await spareOf(warm), spare);
      assert.equal(spareDirs().length, 1, 'its directory went with it');
    } finally {
      await warm.close();
    }
  });

  test('closing ends the spare and removes its directory; a dead worker\'s leftovers are swept, a live one\'s are not', BOUNDED, async () => {
    const dead = join(workRoot, `.spare-999999999-${'a'.repeat(16)}`);
    const live = join(workRoot, `.spare-1-${'b'.repeat(16)}`);
    mkdirSync(dead);
    mkdirSync(live);
    const warm = createWarmStart(defaultChildEntry());
    await run(warm, request(freshWorkDir()));
    const spare = await spareOf(warm);
    assert.ok(!existsSync(dead), 'a spare dir of a worker that is gone');
    assert.ok(existsSync(live), 'pid 1 lives: not ours to remove');
    await warm.close();
    assert.ok(!alive(spare));
    assert.deepEqual(spareDirs(), [`.spare-1-${'b'.repeat(16)}`]);
    rmSync(live, { recursive: true });
  });
});
