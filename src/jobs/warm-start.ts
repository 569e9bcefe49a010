import { randomBytes } from 'node:crypto';
import { chown, mkdir, readdir, rename, rm, rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { MESSAGE_FD, READY_LINE } from './child-protocol.js';
import { type ChildEntry, type Launch, prepareLaunch } from './launch.js';
import { discardChild, runChildProcess, type StartedChild, startChild, superviseChild } from './runner.js';
import type { RunCallbacks, RunRequest, RunResult } from './runner-types.js';

/**
 * Warm start: one job process started ahead of the job it will run, so a
 * new job does not wait for Node to start and its stage code (sharp's
 * libvips above all) to load: together about 140 ms, which is most of what
 * a quick generation costs beyond the engine's own work.
 *
 * The spare is a job process like any other: started with the limits, the
 * uid and the sandbox of the run before it, in an empty work dir of its
 * own, holding nothing of any job until it is given one. It runs exactly
 * one job and exits; no process is ever reused. Only a fresh run takes it
 * (a work dir made for this run, holding only what the worker staged); a
 * resumed or retried run, whose work dir holds what earlier runs left, starts
 * its own process as before. Taking it moves what the worker staged into
 * the spare's directory and renames that to the job's work dir: the
 * sandbox's bind mount follows the directory, so the process sees it at the
 * path it was started with, and is told that path.
 */

interface Spare {
  readonly shape: string;
  readonly dir: string;
  readonly launch: Launch;
  readonly started: StartedChild;
  readonly sandboxed: boolean;
}

/** What must match for a spare to run a request: everything its launch was made from but the job itself. */
function shapeOf(request: RunRequest): string {
  const { limits, runAs, sandbox, runtimeDir, bwrapPath, hiddenPaths } = request;
  return JSON.stringify([limits, runAs ?? null, sandbox, runtimeDir ?? null, bwrapPath ?? null, hiddenPaths, dirname(request.workDir)]);
}

const isAlive = (spare: Spare) => spare.started.child.exitCode === null && spare.started.child.signalCode === null;

/** How long a spare may take to say it runs (from source under tsx, on a loaded machine, seconds). */
const READY_TIMEOUT_MS = 60_000;

/**
 * Resolves true once the child has sent its ready line, false if it exits,
 * says something else or takes too long. Until then bwrap may still be
 * binding the spare's directory by its name, which must not change yet.
 * Nothing else can come before the ready line (the child has no job), so
 * the first chunk is the line; the stream is left paused for the runner.
 */
function readyOf(started: StartedChild): Promise<boolean> {
  const messages = started.child.stdio[MESSAGE_FD] as Readable | null;
  if (!messages) return Promise.resolve(false);
  return new Promise((resolve) => {
    const settle = (ready: boolean) => {
      messages.off('data', onData);
      messages.pause();
      clearTimeout(timer);
      resolve(ready);
    };
    const onData = (chunk: Buffer) => settle(chunk.toString('utf8') === READY_LINE);
    const timer = setTimeout(() => settle(false), READY_TIMEOUT_MS);
    messages.on('data', onData);
    void started.exited.then(() => settle(false));
  });
}

const SPARE_DIR = /^\.spare-(\d+)-[0-9a-f]{16}$/;

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes spare directories that a worker killed outright left behind (its
 * spare died with it: bwrap's --die-with-parent, or the child's own watch on
 * its parent). Each is named by its worker's pid, so a live worker's spare
 * on the same data dir is left alone.
 */
async function sweepLeftovers(workRoot: string): Promise<void> {
  const names = await readdir(workRoot).catch(() => [] as string[]);
  for (const name of names) {
    const pid = Number(SPARE_DIR.exec(name)?.[1]);
    if (pid > 0 && pid !== process.pid && !processExists(pid)) await rm(join(workRoot, name), { recursive: true, force: true });
  }
}

export function createWarmStart(entry: ChildEntry) {
  let spare: Spare | undefined;
  let making: Promise<void> | undefined;
  let closed = false;
  let swept = false;
  /** The spare being started, until it is ready: closing ends it there. */
  let starting: StartedChild | undefined;

  async function discard(old: Spare): Promise<void> {
    await discardChild(old.started);
    await rm(old.dir, { recursive: true, force: true });
  }

  /** Starts the next spare in the background, shaped like `request`; a failure only means the next run starts cold. */
  function refill(request: RunRequest): void {
    if (closed || making || (spare && spare.shape === shapeOf(request) && isAlive(spare))) return;
    making = (async () => {
      if (spare) await discard(spare);
      spare = undefined;
      const workRoot = dirname(request.workDir);
      if (!swept) await sweepLeftovers(workRoot);
      swept = true;
      const dir = join(workRoot, `.spare-${process.pid}-${randomBytes(8).toString('hex')}`);
      try {
        await mkdir(dir, { mode: 0o700 });
        if (request.runAs) await chown(dir, request.runAs.uid, request.runAs.gid);
        const launch = await prepareLaunch(entry, { ...request, workDir: dir });
        const made = { shape: shapeOf(request), dir, launch, started: startChild(launch), sandboxed: request.sandbox };
        starting = made.started;
        const ready = await readyOf(made.started);
        starting = undefined;
        if (closed || !ready) return void (await discard(made));
        spare = made;
      } catch {
        await rm(dir, { recursive: true, force: true });
      }
    })()
      .catch(() => undefined)
      .finally(() => {
      making = undefined;
    });
  }

  /**
   * Gives the spare the run's work dir: what the worker staged there moves
   * into the spare's directory, which then takes the work dir's name. Put
   * back as it was when any step fails.
   */
  async function adopt(taken: Spare, workDir: string): Promise<boolean> {
    const moved: string[] = [];
    try {
      for (const name of await readdir(workDir)) {
        await rename(join(workDir, name), join(taken.dir, name));
        moved.push(name);
      }
      await rmdir(workDir);
      await rename(taken.dir, workDir);
      return true;
    } catch {
      await mkdir(workDir, { mode: 0o700 }).catch(() => undefined);
      for (const name of moved) await rename(join(taken.dir, name), join(workDir, name)).catch(() => undefined);
      return false;
    }
  }

  /** The spare, if one fits this run and is still alive, taken out of the pool. */
  function take(request: RunRequest): Spare | undefined {
    const candidate = spare;
    if (!candidate || !request.fresh || candidate.shape !== shapeOf(request) || !isAlive(candidate)) return undefined;
    spare = undefined;
    return candidate;
  }

  return {
    async run(request: RunRequest, callbacks: RunCallbacks): Promise<RunResult> {
      if (request.signal.aborted) return { outcome: 'cancelled' };
      const taken = take(request);
      if (taken && !(await adopt(taken, request.workDir))) {
        await discard(taken);
        return runAndRefill(request, callbacks);
      }
      if (!taken) return runAndRefill(request, callbacks);
      refill(request);
      const launch = { ...taken.launch, workDir: request.workDir };
      // In the sandbox the process sees its directory where it was bound; without it, at its new name.
      return superviseChild(taken.started, launch, request, callbacks, taken.sandboxed ? taken.dir : request.workDir);
    },

    /** Ends the spare (the worker is stopping). */
    async close(): Promise<void> {
      closed = true;
      if (starting) await discardChild(starting);
      await making;
      if (spare) await discard(spare);
      spare = undefined;
    },

    /** The spare's pid, for tests: which process the next fresh run will get. */
    sparePid: (): number | undefined => (spare && isAlive(spare) ? spare.started.child.pid : undefined),
    /** Waits until a spare being started is ready (tests). */
    settled: async (): Promise<void> => {
      await making;
    },
  };

  function runAndRefill(request: RunRequest, callbacks: RunCallbacks): Promise<RunResult> {
    const running = runChildProcess(entry, request, callbacks);
    refill(request);
    return running;
  }
}

export type WarmStart = ReturnType<typeof createWarmStart>;
