import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, cpSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test, type TestContext } from 'node:test';
import { closedOnTheWay } from './job-user.js';
import { type ChildEntry, defaultChildEntry } from './launch.js';
import { runChildProcess } from './runner.js';
import type { LogEntry, RunRequest, RunResult } from './runner-types.js';
import { probeSandbox } from './sandbox.js';

/**
 * Sakuga as root, installed in a directory other users may not enter (a
 * checkout in /root, 0700 on Debian, or in a `mktemp -d` folder): its jobs
 * run as an unprivileged uid, which cannot pass through to the code.
 */

const IS_ROOT = process.getuid?.() === 0;
const IN_CI = process.env.CI === 'true';
const NOBODY = { uid: 65534, gid: 65534 };
const MiB = 1024 * 1024;
/** From source the child runs under tsx: 1.6 GiB of address space to start, a second or two of CPU to compile. */
const LIMITS = { timeoutMs: 60_000, memoryBytes: 4096 * MiB, cpuSeconds: 30, fileBytes: 64 * MiB, processes: 64 };
const BOUNDED = { timeout: 120_000 };

/** mkdtemp's 0700 directory, holding the install. */
let closed: string;
/** The child's code at `closed/sakuga`: package.json and src copied, node_modules linked to this checkout's. */
let entry: ChildEntry;
/** A data dir the job uid can pass through, as the worker makes it. */
let dataDir: string;

before(() => {
  closed = mkdtempSync(join(tmpdir(), 'sakuga-closed-'));
  const install = join(closed, 'sakuga');
  const here = defaultChildEntry();
  mkdirSync(install);
  cpSync(join(here.root, 'package.json'), join(install, 'package.json'));
  cpSync(join(here.root, 'src'), join(install, 'src'), { recursive: true });
  symlinkSync(realpathSync(join(here.root, 'node_modules')), join(install, 'node_modules'));
  entry = { ...here, root: install };

  const base = mkdtempSync(join(tmpdir(), 'sakuga-open-'));
  chmodSync(base, 0o711);
  dataDir = join(base, 'data');
  mkdirSync(join(dataDir, 'work'), { recursive: true });
  chmodSync(dataDir, 0o711);
  chmodSync(join(dataDir, 'work'), 0o711);
});
after(() => {
  rmSync(closed, { recursive: true, force: true });
  rmSync(join(dataDir, '..'), { recursive: true, force: true });
});

function workDirIn(parent: string): string {
  const workDir = join(parent, randomBytes(8).toString('hex'));
  mkdirSync(workDir, { recursive: true, mode: 0o700 });
  chownSync(workDir, NOBODY.uid, NOBODY.gid);
  return workDir;
}

async function run(overrides: Partial<RunRequest>): Promise<{ result: RunResult; logs: LogEntry[]; artifacts: string[] }> {
  const steps = [{ op: 'sleep', ms: 50 }, { op: 'alloc', mb: 8 }];
  const request: RunRequest = {
    jobId: randomBytes(16).toString('hex'),
    type: 'selftest',
    options: { steps },
    stages: steps.map((_, index) => `step-${index + 1}`),
    fromStage: 0,
    attempt: 1,
    workDir: workDirIn(join(dataDir, 'work')),
    hiddenPaths: [dataDir],
    runtimeDir: join(dataDir, 'runtime'),
    limits: LIMITS,
    runAs: NOBODY,
    sandbox: false,
    signal: new AbortController().signal,
    ...overrides,
  };
  const logs: LogEntry[] = [];
  const artifacts: string[] = [];
  const result = await runChildProcess(entry, request, {
    onStageStart: () => undefined,
    onProgress: () => undefined,
    onLog: (log) => void logs.push(log),
    onStageDone: (_, produced) => void artifacts.push(...produced.map((artifact) => artifact.name)),
  });
  return { result, logs, artifacts };
}

function rootOrSkip(t: TestContext): boolean {
  if (IS_ROOT) return true;
  if (IN_CI) assert.fail('CI must run these tests as root (they start jobs as nobody)');
  t.skip('only under root do jobs run as another uid');
  return false;
}

const sandbox = await probeSandbox(undefined, IS_ROOT ? NOBODY : undefined);

describe('an install in a directory the job uid cannot enter', () => {
  test('the job uid is stopped at the closed directory (what the runner must get around)', (t) => {
    if (!rootOrSkip(t)) return;
    assert.equal(closedOnTheWay(join(entry.root, entry.script), NOBODY), closed);
  });

  for (const sandboxed of [false, true]) {
    test(`real jobs run from it${sandboxed ? ' in the sandbox' : ''}, and its directory stays closed`, BOUNDED, async (t) => {
      if (!rootOrSkip(t)) return;
      if (sandboxed && !sandbox.available) {
        if (IN_CI) assert.fail(`CI must run the sandbox tests: ${sandbox.reason}`);
        return t.skip(`bubblewrap unavailable: ${sandbox.reason}`);
      }
      const { result, logs, artifacts } = await run({ sandbox: sandboxed });
      assert.deepEqual(result, { outcome: 'succeeded' }, JSON.stringify(logs));
      assert.deepEqual(artifacts, ['step-1.json', 'step-2.json']);
      assert.equal(statSync(closed).mode & 0o777, 0o700, 'nothing of the operator\'s was opened');

      const [version, ...others] = readdirSync(join(dataDir, 'runtime'));
      assert.ok(version && others.length === 0, 'one stage of this code');
      const staged = statSync(join(dataDir, 'runtime', version, 'src', 'jobs'));
      assert.deepEqual([staged.uid, staged.mode & 0o777], [0, 0o755], 'the job uid reads the stage and cannot change it');
    });
  }

  test('when the job uid cannot reach its work dir, the run is refused before it starts, saying why and how to fix it', BOUNDED, async (t) => {
    if (!rootOrSkip(t)) return;
    const { result, logs } = await run({ workDir: workDirIn(join(closed, 'data', 'work')) });
    assert.equal(result.outcome, 'failed');
    const failed = result as Extract<RunResult, { outcome: 'failed' }>;
    assert.equal(failed.code, 'files_unreachable');
    assert.doesNotMatch(failed.message, /\//, 'no path in what the owner reads');
    const detail = String(logs.find((log) => log.msg === 'the job process could not be prepared')?.fields?.detail);
    assert.ok(detail.includes(`uid 65534 and cannot reach their work directory ${join(closed, 'data', 'work')}`), detail);
    assert.ok(detail.includes(`because ${closed} is closed to them: make ${closed} traversable (chmod o+x)`), detail);
  });

  test('with nowhere to stage the code, the run is refused the same way', BOUNDED, async (t) => {
    if (!rootOrSkip(t)) return;
    const { result, logs } = await run({ runtimeDir: undefined });
    assert.equal((result as { code?: string }).code, 'files_unreachable');
    assert.match(String(logs[0]?.fields?.detail), /cannot read Sakuga's code at .*, because .* is closed to them/);
  });
});

describe('what the job uid can reach', () => {
  test('a closed directory, an unreadable file and a symlink into a closed directory stop it; what does not exist does not', (t) => {
    if (!rootOrSkip(t)) return;
    const open = join(dataDir, '..');
    writeFileSync(join(open, 'private.txt'), 'x', { mode: 0o600 });
    writeFileSync(join(open, 'public.txt'), 'x', { mode: 0o644 });
    symlinkSync(join(entry.root, 'src'), join(open, 'src-link'));
    assert.equal(closedOnTheWay(join(open, 'private.txt'), NOBODY), join(open, 'private.txt'));
    assert.equal(closedOnTheWay(join(open, 'public.txt'), NOBODY), undefined);
    assert.equal(closedOnTheWay(join(open, 'src-link'), NOBODY), closed);
    assert.equal(closedOnTheWay(join(open, 'missing', 'deeper'), NOBODY), undefined);
    assert.equal(closedOnTheWay(join(closed, 'missing'), NOBODY), closed);
    assert.equal(closedOnTheWay(join(open, 'private.txt'), { uid: 0, gid: 0 }), undefined, 'its owner may read it');
  });
});
