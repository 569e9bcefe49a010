import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import type { Logger } from 'pino';
import type { JobsConfig } from '../config/load.js';
import type { Db } from '../db/types.js';
import type { Engines } from '../engines/index.js';
import type { AuditLog } from '../ops/audit.js';
import { type BrokeredRun, createEngineBroker } from './engine-broker.js';
import type { ArtifactStore } from './artifacts.js';
import { createJobReporter, type Ending, type JobReporter } from './job-reporter.js';
import type { JobRuntime } from './job-runtime.js';
import { cannotReach, closedOnTheWay, type JobUser } from './job-user.js';
import { type ClaimedJob, LeaseLost, type Queue } from './queue.js';
import type { RunCallbacks, RunRequest, RunResult } from './runner-types.js';
import type { PreviewFrame } from '../generation/preview-check.js';
import { stagesOf } from './store.js';
import type { SandboxStatus } from './sandbox.js';
import type { QueueSignal } from './queue-signal.js';
import type { GenerationRunner } from '../generation/worker-run.js';
import { keptAfterSuccess, type PrivacyCleanup } from './privacy-cleanup.js';
import { clearWorkDir } from './work-dir.js';

/** The failure codes that mean a limit stopped the job (audited as such). */
const LIMIT_CODES = new Set(['timeout', 'cpu_limit', 'memory_limit', 'process_limit', 'file_size_limit', 'network_denied']);
const IDLE_POLL_MS = 500;

export interface WorkerDeps {
  readonly db: Db;
  readonly queue: Queue;
  readonly config: JobsConfig;
  readonly dataDir: string;
  readonly artifacts: ArtifactStore;
  readonly audit: AuditLog;
  readonly log: Logger;
  readonly now: () => Date;
  /** Starts one job's isolated child process (runner.ts); tests and the bench may pass their own. */
  readonly run: (request: RunRequest, callbacks: RunCallbacks) => Promise<RunResult>;
  /** Ends what `run` keeps between runs (warm start's spare process); called last when the worker stops. */
  readonly closeRunner?: () => Promise<void>;
  readonly sandbox: () => Promise<SandboxStatus>;
  /** A run's inputs and its job type's own part (job-runtime.ts); absent: nothing beyond the options. */
  readonly runtime?: JobRuntime;
  /** The engines job processes may ask for (their keys stay here); absent: every engine request is refused. */
  readonly engines?: Engines;
  /** Jobs queued in this process: claimed at once rather than at the next poll. */
  readonly signal?: QueueSignal;
  /** The worker's side of generate jobs (the graph, the engine call, the outputs until read). */
  readonly generation?: GenerationRunner;
  /** What a job's privacy mode removes once it has succeeded; absent: the work dir is cleared as under `off`. */
  readonly privacy?: PrivacyCleanup;
  /** How long an idle worker waits before it looks at the queue again (default 500 ms; tests stretch it). */
  readonly idlePollMs?: number;
}

interface Active {
  readonly job: ClaimedJob;
  readonly abort: AbortController;
  /** Why it was aborted: the owner cancelled, or another worker holds it now. */
  reason?: 'cancelled' | 'lease_lost' | 'shutdown';
  readonly done: Promise<void>;
}

/**
 * One worker process's loop: claims jobs while it has free slots, runs each
 * in its own isolated child (runner.ts), heart-beats their leases (which is
 * also how a cancel or a lost lease reaches it, within a second), checkpoints
 * after every stage and ends each run. Several workers, in any processes on
 * any machines sharing the database, never run one job twice at once: every
 * write is fenced by the lease, and a worker that cannot renew a lease stops
 * the job before the lease can pass to someone else.
 */
export function createWorker(deps: WorkerDeps) {
  const { config, queue, log } = deps;
  const id = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const active = new Map<string, Active>();
  const workRoot = join(deps.dataDir, 'work');
  const runAs = process.getuid?.() === 0 ? config.runAs : undefined;
  const heartbeatMs = Math.min(1000, Math.floor(config.leaseMs / 3));
  let stopping = false;
  let wake: (() => void) | undefined;
  /** Set by a poke; one that comes while the loop is claiming (not asleep) makes it claim again before sleeping. */
  let poked = false;
  const poke = () => {
    poked = true;
    wake?.();
  };
  let unsubscribe: (() => void) | undefined;
  let loop: Promise<void> | undefined;
  let heartbeatTimer: NodeJS.Timeout | undefined;
  let lastRenewal = Date.now();
  const broker = deps.engines && createEngineBroker({ engines: deps.engines, log, ...(deps.generation && { generation: deps.generation }) });

  /** The job's work dir, and whether it was made now (no earlier run left anything in it). */
  function prepareWorkDir(jobId: string): { workDir: string; fresh: boolean } {
    const dir = join(workRoot, jobId);
    const fresh = !existsSync(dir);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (runAs) chownSync(dir, runAs.uid, runAs.gid);
    return { workDir: dir, fresh };
  }

  async function runOne(job: ClaimedJob, abort: AbortController, entry: () => Active | undefined): Promise<void> {
    const { row } = job;
    const reporter = createJobReporter({
      db: deps.db,
      queue,
      artifacts: deps.artifacts,
      job,
      now: deps.now,
      log,
      ...(deps.runtime && { afterStage: (artifacts) => deps.runtime!.afterStage(row, artifacts) }),
    });
    let result: Ending;
    try {
      const sandbox = await deps.sandbox();
      if (!sandbox.available) {
        if (config.requireSandbox) {
          result = { outcome: 'failed', code: 'sandbox_unavailable', message: 'This server requires the bubblewrap sandbox for jobs, and it is unavailable.', transient: false };
          await deps.audit.record({ action: 'job.sandbox_unavailable', result: 'denied', actor: { type: 'system' }, target: `job:${row.id}`, details: { reason: sandbox.reason, refused: true } });
          await reporter.end(result);
          return;
        }
        log.warn({ job_id: row.id, reason: sandbox.reason }, 'running a job without the bubblewrap sandbox');
        await reporter.log({ level: 'warn', msg: 'This job runs without the sandbox: bubblewrap is unavailable on this server.' });
        await deps.audit.record({ action: 'job.sandbox_unavailable', result: 'success', actor: { type: 'system' }, target: `job:${row.id}`, details: { reason: sandbox.reason, refused: false } });
      }
      const { workDir, fresh } = prepareWorkDir(row.id);
      const runtime = await deps.runtime?.prepare(row, workDir);
      result = await deps.run(
        {
          jobId: row.id,
          type: row.type,
          options: JSON.parse(row.options) as unknown,
          stages: stagesOf(row),
          fromStage: row.checkpoint,
          attempt: row.attempts,
          workDir,
          ...(runtime !== undefined && { runtime }),
          hiddenPaths: [deps.dataDir],
          runtimeDir: join(deps.dataDir, 'runtime'),
          ...(config.bwrapPath && { bwrapPath: config.bwrapPath }),
          limits: config.limits,
          ...(runAs && { runAs }),
          sandbox: sandbox.available,
          signal: abort.signal,
          fresh,
        },
        broker ? { ...reporter.callbacks, onEngineRequest: (call, signal) => broker(call, signal, brokeredRun(row, reporter)) } : reporter.callbacks,
      );
    } catch (error) {
      if (error instanceof LeaseLost) return void log.warn({ job_id: row.id }, 'lease lost mid-run; another worker has the job');
      log.error({ err: error, job_id: row.id }, 'job run failed unexpectedly');
      result = { outcome: 'failed', code: 'crashed', message: 'The job stopped unexpectedly.', transient: true };
    }
    await reporter.clearPreview();
    const reason = entry()?.reason;
    if (reason === 'lease_lost' && !reporter.succeeded()) return;
    if (reason === 'shutdown') return void (await reporter.release());
    const status = await reporter.end(result);
    if (result.outcome === 'failed' && LIMIT_CODES.has(result.code)) {
      await deps.audit.record({ action: 'job.failed', result: 'failure', actor: { type: 'system' }, target: `job:${row.id}`, details: { code: result.code, limit: true } });
    }
    const workDir = join(workRoot, row.id);
    if (status === 'succeeded') {
      const files = deps.runtime?.workFiles(row) ?? { reuse: [], sourceAudio: [] };
      if (deps.privacy) await deps.privacy.afterSuccess(row, workDir, files);
      else clearWorkDir(workDir, keptAfterSuccess('off', files));
    } else if (status && status !== 'queued') clearWorkDir(workDir, []);
    // A generation's outputs wait for the job process only while it runs: a later run generates anew.
    if (row.type === 'generate') await deps.generation?.discard(row.id);
  }

  function start(job: ClaimedJob): void {
    const abort = new AbortController();
    const holder: { entry?: Active } = {};
    const done = runOne(job, abort, () => holder.entry)
      .catch((error: unknown) => log.error({ err: error, job_id: job.row.id }, 'ending a job run failed'))
      .finally(() => {
        active.delete(job.row.id);
        poke();
      });
    holder.entry = { job, abort, done };
    active.set(job.row.id, holder.entry);
  }

  async function beat(): Promise<void> {
    try {
      const { held, cancel } = await queue.heartbeat([...active.values()].map((entry) => entry.job.lease));
      lastRenewal = Date.now();
      for (const [jobId, entry] of active) {
        if (!held.has(jobId)) stop(entry, 'lease_lost');
        else if (cancel.has(jobId)) stop(entry, 'cancelled');
      }
    } catch (error) {
      log.error({ err: error }, 'job heartbeat failed');
      // Fencing: past most of the lease without a renewal, another worker may take the jobs; stop them first.
      if (Date.now() - lastRenewal > config.leaseMs * 0.8) for (const entry of active.values()) stop(entry, 'lease_lost');
    }
  }

  function stop(entry: Active, reason: NonNullable<Active['reason']>): void {
    entry.reason ??= reason;
    entry.abort.abort();
  }

  async function claimLoop(): Promise<void> {
    let lastReap = 0;
    while (!stopping) {
      poked = false;
      try {
        if (Date.now() - lastReap > config.leaseMs / 2) {
          lastReap = Date.now();
          const { requeued, failed } = await queue.reapExpired();
          if (requeued.length + failed.length > 0) log.warn({ requeued, failed }, 'took back jobs whose worker stopped');
        }
        const free = config.workerSlots - active.size;
        const claimed = free > 0 ? await queue.claim(id, free) : [];
        for (const job of claimed) start(job);
        if (claimed.length > 0 && claimed.length === free) continue;
      } catch (error) {
        log.error({ err: error }, 'claiming jobs failed');
      }
      if (poked) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deps.idlePollMs ?? IDLE_POLL_MS);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  }

  return {
    id,
    /**
     * Starts claiming. When the job uid cannot reach the work dir (Sakuga as
     * root in a private home directory), it says why and claims nothing: the
     * jobs wait, the server keeps serving.
     */
    start(): void {
      if (loop) return;
      const problem = ensureWorkRoot(workRoot, runAs);
      if (problem) {
        log.error({ work_dir: workRoot }, `jobs cannot run: ${problem}`);
        return;
      }
      heartbeatTimer = setInterval(() => void beat(), heartbeatMs);
      heartbeatTimer.unref();
      unsubscribe = deps.signal?.subscribe(poke);
      loop = claimLoop();
    },
    /** Wakes the loop at once (a job was just submitted in this process). */
    poke,
    /** Stops claiming, stops running jobs and hands them back to the queue (they resume elsewhere or on restart). */
    async stop(): Promise<void> {
      stopping = true;
      unsubscribe?.();
      wake?.();
      for (const entry of active.values()) stop(entry, 'shutdown');
      await Promise.all([...active.values()].map((entry) => entry.done));
      if (heartbeatTimer) clearInterval(heartbeatTimer);
      await loop;
      await deps.closeRunner?.();
    },
    running: () => [...active.values()].map((entry) => entry.job.row.id),
  };
}

export type Worker = ReturnType<typeof createWorker>;

/** What the engine broker knows of a run: its job, its stored options, and where an engine's progress goes (the stage that asked). */
function brokeredRun(row: ClaimedJob['row'], reporter: JobReporter): BrokeredRun {
  const generating = stagesOf(row).indexOf('generate');
  // Progress and previews are best effort: a failed write of one must not fail the engine call.
  const quietly = (write: () => void | Promise<void>) => void Promise.resolve().then(write).catch(() => undefined);
  return {
    jobId: row.id,
    userId: row.user_id,
    options: JSON.parse(row.options) as unknown,
    ...(generating >= 0 && {
      onProgress: (fraction: number) => quietly(() => reporter.callbacks.onProgress(generating, fraction)),
      onPreview: (frame: PreviewFrame) => quietly(() => reporter.preview(generating, frame)),
    }),
  };
}

/**
 * `<data dir>/work`, traversable (never listable) by the job uid when
 * Sakuga runs as root: each job's own directory inside is that uid's, 0700.
 * Returns why the job uid cannot reach it, if it cannot.
 */
function ensureWorkRoot(workRoot: string, runAs: JobUser | undefined): string | undefined {
  const problem = workRootProblem(dirname(workRoot), runAs);
  if (problem) return problem;
  mkdirSync(workRoot, { recursive: true, mode: 0o700 });
  if (runAs) {
    chmodSync(dirname(workRoot), statSync(dirname(workRoot)).mode | 0o001);
    chmodSync(workRoot, 0o711);
  }
  return undefined;
}

/**
 * Why the job uid could not reach work dirs in `dataDir`, if so. Above the
 * data dir is the operator's to open; Sakuga changes nothing there, and
 * opens the data dir itself (o+x) only once the whole way is clear. The
 * sandbox cannot help: unprivileged bwrap reaches a bind source as the uid.
 */
export function workRootProblem(dataDir: string, runAs: JobUser | undefined): string | undefined {
  const closed = runAs && closedOnTheWay(dirname(dataDir), runAs);
  if (!closed) return undefined;
  return cannotReach(runAs, `reach their work directories in ${dataDir}`, closed, 'set SAKUGA_DATA_DIR to a directory outside it');
}
