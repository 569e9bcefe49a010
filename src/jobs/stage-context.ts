import type { LogEntry } from './runner-types.js';
import { type ChildLimitCode, STAGE_CODE } from './child-protocol.js';
import type { EngineCalls } from './engine-client.js';

/**
 * What a stage handler, running inside the job's child process, gets to work
 * with. It never sees the database, the data dir or Sakuga's configuration:
 * only its options, its work dir, and these calls back to the runner.
 */
export interface StageContext {
  /** The stage's index in the job's stage list. */
  readonly index: number;
  /** 1 on the first run; a retried or resumed job gets the next number. */
  readonly attempt: number;
  /** The job's private, writable directory. */
  readonly workDir: string;
  /** Progress of this stage, 0..1. A few times a second at most: the runner ends a run that floods it. */
  progress(value: number): void;
  log(level: LogEntry['level'], msg: string, fields?: Record<string, unknown>): void;
  /**
   * Writes an artifact of this stage to `<workDir>/out/<name>`: under a
   * temporary name first, then renamed, so the runner never sees a partial
   * file. Reported to the runner when the stage succeeds.
   */
  writeArtifact(name: string, data: string | Uint8Array): Promise<void>;
  /** Makes a finished file of the work dir (a render) this stage's artifact `name`, by renaming it into `out/`. */
  publishFile(name: string, path: string): Promise<void>;
  /** The engines, reached through the runner (the job process has no network); a refusal throws a StageError with its code. */
  readonly engines: EngineCalls;
}

/** One stage: resolves when done, throws (preferably a StageError) when it failed. */
export type StageHandler = (context: StageContext) => Promise<void>;

/**
 * The stages of one job type, built from its (already validated) options and
 * the runtime data the worker adds for the type (child protocol `runtime`).
 */
export type StageHandlerFactory = (options: unknown, runtime: unknown) => readonly StageHandler[];

/**
 * A failure a stage reports on purpose: either one of the limits the child
 * can detect itself (memory, processes, file size, network) or the stage's
 * own snake_case code, e.g. `selftest_failed`. The message is shown to the
 * job's owner: plain words, no paths.
 */
export class StageError extends Error {
  constructor(
    readonly code: ChildLimitCode | string,
    message: string,
    readonly transient = false,
  ) {
    super(message);
    this.name = 'StageError';
    if (!STAGE_CODE.test(code)) throw new TypeError(`invalid stage error code: ${code}`);
  }
}

/**
 * Classifies an unplanned error thrown inside a stage. Limits show up as
 * ordinary errors inside the child: under RLIMIT_AS a large Buffer fails with
 * a RangeError, under RLIMIT_NPROC a spawn with EAGAIN, under RLIMIT_FSIZE a
 * write with EFBIG (node ignores SIGXFSZ), and in the sandbox's empty network
 * namespace a connection with ENETUNREACH.
 */
export function classifyStageError(error: unknown): StageError {
  if (error instanceof StageError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = error instanceof Error ? error.message : '';
  if (code === 'ERR_MEMORY_ALLOCATION_FAILED' || (error instanceof RangeError && /allocation failed|out of memory/i.test(message))) {
    return new StageError('memory_limit', 'Memory could not be allocated.');
  }
  if (code === 'EAGAIN' && /spawn/i.test(message)) return new StageError('process_limit', 'No more processes could be started.');
  if (code === 'EFBIG') return new StageError('file_size_limit', 'A file grew past the size limit.');
  if (code === 'ENETUNREACH' || code === 'ENETDOWN') return new StageError('network_denied', 'The network could not be reached.');
  return new StageError('internal_error', 'The stage failed unexpectedly.');
}

