import type { JobSpec } from './child-protocol.js';
import type { EngineCall, EngineOutcome } from './engine-protocol.js';

/**
 * The contract between the worker (which owns the database, leases and
 * checkpoints) and the runner (which starts one job's isolated child process
 * and reports what it does). The child never sees the database, the data dir
 * or Sakuga's environment; it sees its options and its own work dir.
 */

/** Limits on one job's child process (and everything it starts). */
export interface JobLimits {
  /** Wall clock for the whole run; the process group is killed when it passes. */
  readonly timeoutMs: number;
  /** RLIMIT_AS, bytes. */
  readonly memoryBytes: number;
  /** RLIMIT_CPU, seconds. */
  readonly cpuSeconds: number;
  /** RLIMIT_FSIZE, bytes. */
  readonly fileBytes: number;
  /** How many processes the job may have at once (RLIMIT_NPROC above what its uid already runs). */
  readonly processes: number;
}

/** What the child is told (child-protocol.ts) plus how the runner starts it. */
export interface RunRequest extends JobSpec {
  readonly limits: JobLimits;
  /** Run the child as this uid/gid (set when Sakuga runs as root). */
  readonly runAs?: { readonly uid: number; readonly gid: number };
  /** Whether to use bubblewrap; the worker decides from `probeSandbox()` and REQUIRE_SANDBOX. */
  readonly sandbox: boolean;
  /**
   * Where the child's code is staged when `runAs` cannot reach it in place
   * (staged-code.ts): `<data dir>/runtime`. Without it such a run is refused.
   */
  readonly runtimeDir?: string;
  /** The configured bwrap (as given to `probeSandbox()`); absent: bwrap from PATH. */
  readonly bwrapPath?: string;
  /**
   * Paths the sandboxed child must not see: the data dir (database, secrets,
   * everyone's files; the work dir inside it is bound again on top), and any
   * secret file kept elsewhere (`*_FILE`). Ignored without the sandbox.
   */
  readonly hiddenPaths: readonly string[];
  /** Aborting kills the whole process group (cancel, lost lease); the run ends with `cancelled`. */
  readonly signal: AbortSignal;
  /**
   * The work dir was made for this run and holds only what the worker staged
   * in it (no earlier run's leftovers): a process started ahead of the job
   * (warm-start.ts) may take it over.
   */
  readonly fresh?: boolean;
}

/** A file a stage produced, inside the work dir, complete and no longer written to. */
export interface ProducedArtifact {
  /** Safe file name: [A-Za-z0-9._-], 1–128 chars, no leading dot. */
  readonly name: string;
  /**
   * Where to read it: `/proc/self/fd/<n>`, the descriptor the runner checked
   * and hashed, held open until `onStageDone` returns. Copy from this path,
   * never from `<workDir>/out/<name>`: the child can swap that name for a
   * symlink (to a secret the server can read) after the check.
   */
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

export interface LogEntry {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly msg: string;
  readonly fields?: Readonly<Record<string, unknown>>;
}

/**
 * What the runner reports, in order. `onStageDone` is awaited before the next
 * message is delivered: the worker checkpoints there (and moves artifacts out).
 */
export interface RunCallbacks {
  onStageStart(index: number): void | Promise<void>;
  onProgress(index: number, progress: number): void | Promise<void>;
  onLog(entry: LogEntry): void | Promise<void>;
  onStageDone(index: number, artifacts: readonly ProducedArtifact[]): void | Promise<void>;
  /**
   * A call the job process asks for (it has no network). Runs beside the
   * message stream, one at a time; `signal` aborts when the run ends. Engine
   * failures are outcomes, never throws; a throw is the worker's own bug.
   * Absent: every request is refused with `engine_not_configured`.
   */
  onEngineRequest?(call: EngineCall, signal: AbortSignal): Promise<EngineOutcome>;
}

/** Stable failure codes a run can end with. */
export type RunFailureCode =
  | 'timeout' // wall clock passed
  | 'cpu_limit' // RLIMIT_CPU
  | 'memory_limit' // allocation failed under RLIMIT_AS, or V8 ran out of heap
  | 'process_limit' // could not start more processes (RLIMIT_NPROC)
  | 'file_size_limit' // RLIMIT_FSIZE (SIGXFSZ / EFBIG)
  | 'network_denied' // a network attempt inside the sandbox
  | 'stage_failed' // the stage itself reported a failure (code in `stageCode`)
  | 'crashed' // the child died in a way none of the above explains
  | 'spawn_failed' // the child could not be started
  | 'files_unreachable'; // the job uid cannot reach node, its work dir or the code (refused before starting)

export type RunResult =
  | { readonly outcome: 'succeeded' }
  | { readonly outcome: 'cancelled' }
  | {
      readonly outcome: 'failed';
      readonly code: RunFailureCode;
      /** Human text, safe to show the job's owner (no paths, no secrets). */
      readonly message: string;
      /** A retry may succeed (the stage said so); limits and bad input are never transient. */
      readonly transient: boolean;
      /** The stage's own code when `code` is `stage_failed`, e.g. `selftest_failed`. */
      readonly stageCode?: string;
      /** The stage that was running, when known. */
      readonly stage?: number;
    };
