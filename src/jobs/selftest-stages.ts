import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { setImmediate as yieldToLoop, setTimeout as delay } from 'node:timers/promises';
import type { SelftestStep } from './selftest.js';
import { type StageContext, StageError, type StageHandler } from './stage-context.js';

/** A fork step without `times` stops here even where no process limit applies (root ignores RLIMIT_NPROC). */
export const FORK_CEILING = 10_000;
const OPS: readonly string[] = ['sleep', 'spin', 'alloc', 'fork', 'net', 'fail', 'write'];


/**
 * The child-side handlers of a selftest job, one per step. The options were
 * checked against SelftestOptions by the server before the job was queued;
 * this only refuses what could not be a step list at all.
 */
export function selftestHandlers(options: unknown): StageHandler[] {
  const steps = (options as { steps?: unknown } | null)?.steps;
  const valid = Array.isArray(steps) && steps.every((step) => OPS.includes((step as { op?: unknown } | null)?.op as string));
  if (!valid) throw new TypeError('invalid selftest steps');
  return (steps as SelftestStep[]).map((step) => async (context: StageContext) => {
    await runStep(step, context);
    await context.writeArtifact(`step-${context.index + 1}.json`, JSON.stringify({ op: step.op, attempt: context.attempt }));
  });
}

function runStep(step: SelftestStep, context: StageContext): Promise<void> {
  switch (step.op) {
    case 'sleep':
      return sleep(step.ms, context);
    case 'spin':
      return spin(step.ms, context);
    case 'alloc':
      return alloc(step.mb, context);
    case 'fork':
      return fork(step.times ?? FORK_CEILING, context);
    case 'net':
      return tryNetwork(step.port, context);
    case 'fail':
      return failOnPurpose(step.transient ?? false, step.times, context);
    case 'write':
      return writeOutside(step.path, context);
  }
}

async function sleep(ms: number, context: StageContext): Promise<void> {
  for (let quarter = 1; quarter <= 4; quarter++) {
    await delay(ms / 4);
    context.progress(quarter / 4);
  }
}

async function spin(ms: number, context: StageContext): Promise<void> {
  const start = Date.now();
  const end = start + ms;
  while (Date.now() < end) {
    const slice = Math.min(end, Date.now() + 100);
    while (Date.now() < slice) {
      // Burn CPU; yield between slices only so progress can be written out.
    }
    context.progress((Date.now() - start) / Math.max(ms, 1));
    await yieldToLoop();
  }
}

async function alloc(mb: number, context: StageContext): Promise<void> {
  const MiB = 1024 * 1024;
  const held: Buffer[] = [];
  let percent = 0;
  for (let done = 0; done < mb; ) {
    const chunk = Math.min(16, mb - done);
    // Filled, not zeroed: zeroed pages from the kernel stay virtual, filled ones are really resident.
    held.push(Buffer.allocUnsafeSlow(chunk * MiB).fill(0x5a));
    done += chunk;
    if (Math.floor((done / mb) * 100) > percent) {
      percent = Math.floor((done / mb) * 100);
      context.progress(done / mb);
    }
  }
  context.log('info', `holding ${mb} MiB`, { mb });
  await delay(10);
  held.length = 0;
}

async function fork(count: number, context: StageContext): Promise<void> {
  const started: ChildProcess[] = [];
  while (started.length < count) {
    const child = spawn('/bin/sleep', ['300'], { stdio: 'ignore', shell: false });
    try {
      await new Promise<void>((resolve, reject) => {
        child.once('spawn', resolve);
        child.once('error', reject);
      });
    } catch (error) {
      context.log('warn', `process ${started.length + 1} could not be started`, { started: started.length, error: (error as NodeJS.ErrnoException).code });
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') throw new StageError('process_limit', 'No more processes could be started.');
      throw error;
    }
    // Left running, in the job's process group: the runner kills them with the group.
    child.unref();
    started.push(child);
  }
  context.log('info', `started ${started.length} processes`, { started: started.length });
}

type Attempt = { target: string; result: string };

function tryConnect(host: string, port: number, timeoutMs: number): Promise<Attempt> {
  const target = `${host}:${port}`;
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    const done = (result: string) => {
      socket.destroy();
      resolve({ target, result });
    };
    socket.once('connect', () => done('connected'));
    socket.once('timeout', () => done('timeout'));
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code ?? 'error'));
  });
}

async function tryNetwork(port: number, context: StageContext): Promise<void> {
  // The loopback (where the server, Redis or PostgreSQL listen) and an address beyond it, no DNS needed for either.
  const attempts = await Promise.all([tryConnect('127.0.0.1', port, 1_000), tryConnect('10.255.255.1', port, 1_000)]);
  for (const attempt of attempts) context.log(attempt.result === 'connected' ? 'warn' : 'info', `connect ${attempt.target}: ${attempt.result}`, { ...attempt });
  if (!attempts.some((attempt) => attempt.result === 'connected')) throw new StageError('network_denied', 'No network connection could be made.');
}

function failOnPurpose(transient: boolean, times: number | undefined, context: StageContext): Promise<void> {
  if (times === undefined || context.attempt <= times) {
    return Promise.reject(new StageError('selftest_failed', `The selftest failed on purpose (attempt ${context.attempt}).`, transient));
  }
  return Promise.resolve();
}

async function writeOutside(path: string, context: StageContext): Promise<void> {
  try {
    await writeFile(path, 'written by a selftest job\n', { flag: 'wx' });
  } catch (error) {
    // Whether the path existed tells a test what the child could see: a hidden file does not exist in the sandbox.
    context.log('info', 'the file could not be created', { path, error: (error as NodeJS.ErrnoException).code, existed: existsSync(path) });
    throw new StageError('filesystem_denied', 'The file could not be created.');
  }
  context.log('warn', 'the file was created', { path });
}
