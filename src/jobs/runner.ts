import { type ChildProcess, spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Readable } from 'node:stream';
import { ArtifactRejected } from './artifact-check.js';
import { type JobSpec, MESSAGE_FD, parseChildMessage, ProtocolViolation } from './child-protocol.js';
import { type ChildEntry, defaultChildEntry, type Launch, LaunchRefused, prepareLaunch } from './launch.js';
import { MessageLineSplitter, OUTPUT_BUDGET, TokenBucket } from './message-stream.js';
import { failed, type KillReason, runResult } from './run-outcome.js';
import { EngineRelay } from './engine-relay.js';
import { CallbackFailed, RunSession } from './run-session.js';
import type { RunCallbacks, RunRequest, RunResult } from './runner-types.js';

export { MIN_JOB_PROCESSES, MIN_MEMORY_BYTES } from './launch.js';

/** The child runs below the server's priority: a CPU-bound job never slows a page load. */
const CHILD_NICENESS = 10;
/** The end of the child's stderr kept for the job's log when a run fails. */
const STDERR_TAIL_BYTES = 16 * 1024;
/**
 * After the child exits, how long its pipes may stay open. Only a process
 * that left the process group (setsid, possible without the sandbox) keeps
 * them open past the group kill; the run does not wait for it.
 */
const PIPE_GRACE_MS = 2_000;

/**
 * Runs one job's stages in a child process of its own and reports what it
 * does through `callbacks`, in order. The child gets rlimits (memory, CPU,
 * file size, processes), a lower priority, its own process group, no
 * environment of the server's, and with `request.sandbox` a bubblewrap
 * sandbox with no network in which only its work dir is writable. Cancel
 * (`request.signal`) and the wall-clock timeout kill the whole group at once.
 *
 * Resolves with how the run ended; rejects only when a callback threw (the
 * worker's own failure), after the child is gone.
 */
export function runJob(request: RunRequest, callbacks: RunCallbacks): Promise<RunResult> {
  return runChildProcess(defaultChildEntry(), request, callbacks);
}

/**
 * runJob with the child's code given: the security tests stand a hostile
 * child in for the real one through it. Everything else is runJob's.
 */
export async function runChildProcess(entry: ChildEntry, request: RunRequest, callbacks: RunCallbacks): Promise<RunResult> {
  if (request.signal.aborted) return { outcome: 'cancelled' };
  let launch: Launch;
  try {
    launch = await prepareLaunch(entry, request);
  } catch (error) {
    const refused = error instanceof LaunchRefused;
    await callbacks.onLog({ level: 'warn', msg: 'the job process could not be prepared', fields: { detail: refused ? error.detail : (error as Error).message } });
    return refused ? failed(error.code, { message: error.message }) : failed('spawn_failed');
  }
  if (request.signal.aborted) return { outcome: 'cancelled' };
  return superviseChild(startChild(launch), launch, request, callbacks);
}

type Exit = { code: number | null; signal: NodeJS.Signals | null; error?: Error };

/** A job process started and not yet told its job: it waits for its spec on stdin. */
export interface StartedChild {
  readonly child: ChildProcess;
  readonly exited: Promise<Exit>;
}

/** Spawns a prepared launch, below the server's priority, in a process group of its own. */
export function startChild(launch: Launch): StartedChild {
  const child = spawn(launch.command, launch.args, {
    cwd: launch.workDir,
    env: launch.env,
    stdio: ['pipe', 'ignore', 'pipe', 'pipe'],
    detached: true,
    shell: false,
    ...(launch.uid === undefined ? {} : { uid: launch.uid, gid: launch.gid }),
  });
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => resolve({ code: null, signal: null, error }));
  });
  if (child.pid !== undefined) {
    try {
      setPriority(child.pid, CHILD_NICENESS);
    } catch {
      // Already gone; the exit handling says why.
    }
  }
  return { child, exited };
}

/** Kills a started child that will never get its job (a spare nobody took), and waits for it to be gone. */
export async function discardChild(started: StartedChild): Promise<void> {
  killGroup(started.child);
  started.child.stdin?.destroy();
  await started.exited;
}

/**
 * Runs `request` in a started child: hands it its spec, relays what it
 * reports, enforces the limits and ends the run. `childWorkDir` is where
 * the child sees its work dir (a process started ahead of its job sees the
 * directory at the path it was started with); `launch.workDir` is where the
 * runner finds it.
 */
export async function superviseChild(started: StartedChild, launch: Launch, request: RunRequest, callbacks: RunCallbacks, childWorkDir = launch.workDir): Promise<RunResult> {
  const { child, exited } = started;
  const startedAt = performance.now();

  let killedFor: KillReason | undefined;
  const kill = (reason?: KillReason) => {
    if (reason) killedFor ??= reason;
    killGroup(child);
  };
  const onAbort = () => kill('cancel');
  request.signal.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => kill('timeout'), request.limits.timeoutMs);

  const spec: JobSpec = {
    jobId: request.jobId,
    type: request.type,
    options: request.options,
    stages: request.stages,
    fromStage: request.fromStage,
    attempt: request.attempt,
    workDir: childWorkDir,
    ...(request.runtime !== undefined && { runtime: request.runtime }),
  };
  child.stdin?.on('error', () => undefined); // A child that dies before reading its spec: its exit tells why.
  // Left open after the spec's line: the replies to the child's engine requests follow it.
  child.stdin?.write(`${JSON.stringify(spec)}\n`);

  const bytes = new TokenBucket(OUTPUT_BUDGET.burstBytes, OUTPUT_BUDGET.bytesPerSecond);
  let stderrTail = Buffer.alloc(0);
  child.stderr?.on('data', (chunk: Buffer) => {
    if (!bytes.take(chunk.length)) kill('flood');
    stderrTail = Buffer.from(Buffer.concat([stderrTail, chunk]).subarray(-STDERR_TAIL_BYTES));
  });

  let callbackError: CallbackFailed | undefined;
  const relay = new EngineRelay(
    join(launch.workDir, 'out'),
    callbacks,
    (line) => {
      if (child.stdin?.writable) child.stdin.write(line);
    },
    (error) => {
      callbackError ??= new CallbackFailed(error);
      kill();
    },
  );
  const session = new RunSession(request.stages.length, request.fromStage, launch.workDir, callbacks, relay);
  const messages = child.stdio[MESSAGE_FD] as Readable | null;
  let rejection: { detail: string } | undefined;
  let bug: unknown;
  let busy = false;
  const consumed = (async () => {
    if (!messages) return;
    const splitter = new MessageLineSplitter();
    const lines = new TokenBucket(OUTPUT_BUDGET.burstLines, OUTPUT_BUDGET.linesPerSecond);
    try {
      for await (const chunk of messages as AsyncIterable<Buffer>) {
        busy = true;
        if (!bytes.take(chunk.length)) return kill('flood');
        for (const line of splitter.push(chunk)) {
          if (killedFor) return;
          if (!lines.take(1)) return kill('flood');
          const message = parseChildMessage(line);
          if (message) await session.handle(message);
        }
        busy = false;
        // Callbacks that return at once resolve as microtasks: yield so a chatty child cannot hold the event loop.
        await yieldToLoop();
      }
    } catch (error) {
      if (error instanceof CallbackFailed) {
        callbackError ??= error;
        kill();
      } else if (error instanceof ProtocolViolation || error instanceof ArtifactRejected) {
        rejection = { detail: error.message };
        kill(error instanceof ArtifactRejected ? 'artifact' : 'protocol');
      } else if ((error as { code?: unknown }).code === undefined) {
        // A bug of ours, rethrown once the child is gone; a pipe error (it has a code) only means the child is gone.
        bug = error;
        kill();
      }
    } finally {
      busy = false;
      messages.destroy();
    }
  })();

  const exit = await exited;
  clearTimeout(timer);
  // Whatever the child left behind in its group (a stage's tools, a fork bomb) goes with it.
  killGroup(child);
  await drain(consumed, messages, () => busy);
  await relay.close();
  child.stdin?.destroy();
  request.signal.removeEventListener('abort', onAbort);
  child.stderr?.destroy();
  if (callbackError) throw callbackError.original;
  if (bug) throw bug;

  if (exit.error) {
    await callbacks.onLog({ level: 'warn', msg: 'the job process could not be started', fields: { detail: exit.error.message } });
    return failed('spawn_failed');
  }
  const result = runResult({
    killedFor,
    failure: session.failure,
    allStagesDone: session.allStagesDone,
    exitCode: exit.code,
    signal: exit.signal,
    sandboxed: request.sandbox,
    stage: session.failure?.index ?? session.currentStage,
    elapsedMs: performance.now() - startedAt,
    cpuSeconds: request.limits.cpuSeconds,
    stderrTail: stderrTail.toString('utf8'),
  });
  if (result.outcome === 'failed') {
    if (rejection) await callbacks.onLog({ level: 'warn', msg: 'the runner rejected the job process', fields: { detail: rejection.detail } });
    // It can name paths inside the work dir: fine for the job's own log, never for RunResult.message.
    if (stderrTail.length > 0) await callbacks.onLog({ level: 'warn', msg: 'end of the job process stderr', fields: { stderr: stderrTail.toString('utf8') } });
  }
  return result;
}

/** SIGKILL to the child's whole process group; under bwrap that takes down its pid namespace too. */
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // The group is already empty.
  }
}

/**
 * Waits for the message pipe to be read to its end. Its end normally comes
 * with the child's exit; a process that escaped the group may hold it open,
 * so once the reader has been idle for the grace period the pipe is closed.
 */
async function drain(consumed: Promise<void>, messages: Readable | null, busy: () => boolean): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const giveUp = () => {
    if (busy() || (messages?.readableLength ?? 0) > 0) timer = setTimeout(giveUp, PIPE_GRACE_MS);
    else messages?.destroy();
  };
  timer = setTimeout(giveUp, PIPE_GRACE_MS);
  try {
    await consumed;
  } finally {
    clearTimeout(timer);
  }
}
