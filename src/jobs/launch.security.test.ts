import assert from 'node:assert/strict';
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type ChildEntry, LaunchRefused, prepareLaunch } from './launch.js';
import type { RunRequest } from './runner-types.js';

const MiB = 1024 * 1024;
/** As root, launches are prepared for nobody, as the worker does. */
const RUN_AS = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
const ENTRY: ChildEntry = { root: tmpdir(), codePaths: [], imports: [], script: 'nonexistent-child.js' };

let base: string;
/** Stands for what the job's uid must never reach through the work dir: another job's files, the data dir. */
let outside: string;

before(() => {
  base = mkdtempSync(join(tmpdir(), 'sakuga-launch-'));
  // Traversable (not listable), as a data dir's parent must be for the job's uid.
  chmodSync(base, 0o711);
  outside = join(base, 'outside');
  mkdirSync(join(outside, 'nested'), { recursive: true });
  writeFileSync(join(outside, 'keep.txt'), 'not the job\'s\n');
  writeFileSync(join(outside, 'nested', 'keep.txt'), 'not the job\'s\n');
});
after(() => rmSync(base, { recursive: true, force: true }));

function workDirWith(entries: Record<string, string | { symlink: string } | null>): string {
  const workDir = mkdtempSync(join(base, 'work-'));
  for (const [path, content] of Object.entries(entries)) {
    const full = join(workDir, path);
    if (content === null) mkdirSync(full, { recursive: true });
    else if (typeof content === 'string') writeFileSync(full, content);
    else symlinkSync(content.symlink, full);
  }
  if (RUN_AS) chownSync(workDir, RUN_AS.uid, RUN_AS.gid);
  chmodSync(workDir, 0o700);
  return workDir;
}

function prepare(workDir: string) {
  const request: RunRequest = {
    jobId: 'launch-test',
    type: 'selftest',
    options: {},
    stages: ['step-1'],
    fromStage: 1,
    attempt: 2,
    workDir,
    hiddenPaths: [],
    sandbox: false,
    signal: new AbortController().signal,
    limits: { timeoutMs: 1_000, memoryBytes: 1024 * MiB, cpuSeconds: 1, fileBytes: MiB, processes: 16 },
    ...(RUN_AS && { runAs: RUN_AS }),
  };
  return prepareLaunch(ENTRY, request);
}

function assertOutsideUntouched(): void {
  assert.ok(existsSync(join(outside, 'keep.txt')) && existsSync(join(outside, 'nested', 'keep.txt')), 'nothing outside the work dir was removed');
}

test('an earlier run\'s scratch is emptied for the next one, its checkpointed output kept', async () => {
  const workDir = workDirWith({ out: null, 'out/step-1.json': '{}', tmp: null, 'tmp/tsx-0': null, 'tmp/tsx-0/cache.json': '{}', home: null, 'home/.cache': '{}' });
  const launch = await prepare(workDir);
  assert.deepEqual(readdirSync(join(workDir, 'tmp')), []);
  assert.deepEqual(readdirSync(join(workDir, 'home')), []);
  assert.deepEqual(readdirSync(join(workDir, 'out')), ['step-1.json']);
  assert.equal(launch.env.TMPDIR, join(workDir, 'tmp'));
  assert.equal(launch.env.HOME, join(workDir, 'home'));
  if (RUN_AS) assert.equal(lstatSync(join(workDir, 'tmp')).uid, RUN_AS.uid, 'the fresh scratch is the job uid\'s');
});

test('symlinks an earlier run planted in or as its scratch are removed, never followed', async () => {
  const workDir = workDirWith({ tmp: { symlink: outside }, home: null, 'home/link': { symlink: outside }, 'home/nested': { symlink: join(outside, 'nested') } });
  await prepare(workDir);
  assertOutsideUntouched();
  assert.ok(lstatSync(join(workDir, 'tmp')).isDirectory(), 'tmp is a directory again, not the link');
  assert.deepEqual(readdirSync(join(workDir, 'tmp')), []);
  assert.deepEqual(readdirSync(join(workDir, 'home')), []);
});

test('a symlink planted as out is still refused, and followed by nothing', async () => {
  const workDir = workDirWith({ out: { symlink: outside } });
  await assert.rejects(prepare(workDir), LaunchRefused);
  assertOutsideUntouched();
});
