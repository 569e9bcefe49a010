import { duration, flag, integer, nonEmpty } from './parsers.js';
import type { VariableSpec } from './variables.js';

const variable = <T>(spec: VariableSpec<T>) => spec;

/** The jobs engine: scheduler caps, per-job limits, the sandbox and the worker. */
export const jobVariables = {
  EMBEDDED_WORKER: variable({
    secret: false,
    default: 'true',
    doc: '`serve` also runs a worker in its own process tree. Set false when separate `sakuga worker` processes run the jobs.',
    parse: flag,
  }),
  WORKER_SLOTS: variable({ secret: false, default: '2', doc: 'Jobs one worker process runs at once.', parse: integer(1, 64) }),
  JOBS_MAX_RUNNING: variable({ secret: false, default: '2', doc: 'Jobs running at once across all workers.', parse: integer(1, 1024) }),
  JOBS_MAX_RUNNING_PER_USER: variable({ secret: false, default: '1', doc: 'Jobs of one user running at once.', parse: integer(1, 1024) }),
  JOBS_GPU_SLOTS: variable({ secret: false, default: '1', doc: 'Jobs of the gpu class (dubbing, generation) running at once.', parse: integer(0, 64) }),
  JOBS_MAX_QUEUED: variable({ secret: false, default: '1000', doc: 'Jobs waiting server-wide; past it, submission answers 429.', parse: integer(1, 1_000_000) }),
  JOBS_MAX_QUEUED_PER_USER: variable({ secret: false, default: '500', doc: 'Jobs of one user waiting; past it, their submissions answer 429.', parse: integer(1, 1_000_000) }),
  JOBS_DAILY_QUOTA: variable({ secret: false, default: '500', doc: 'Jobs one user may submit per UTC day; 0 means no quota.', parse: integer(0, 1_000_000) }),
  JOB_TIMEOUT: variable({ secret: false, default: '6h', doc: 'Wall-clock limit of one run of a job.', parse: duration('1s', '7d') }),
  JOB_MEMORY_MB: variable({ secret: false, default: '4096', doc: 'Address-space limit of each of a job\'s processes, in MiB (Node needs about 768).', parse: integer(768, 1024 * 1024) }),
  JOB_CPU_TIME: variable({ secret: false, default: '6h', doc: 'CPU time limit of a job\'s process.', parse: duration('1s', '30d') }),
  JOB_MAX_FILE_MB: variable({ secret: false, default: '65536', doc: 'Largest file a job may write, in MiB.', parse: integer(1, 16 * 1024 * 1024) }),
  JOB_MAX_PROCESSES: variable({ secret: false, default: '256', doc: 'Processes and threads a job may start beyond those its uid already runs (Node alone needs about 16; jobs of one uid share the headroom).', parse: integer(16, 4096) }),
  JOB_WARM_START: variable({
    secret: false,
    default: 'true',
    doc: 'Keep one job process started ahead of the next job (about 100 MB of memory while it waits), so a job does not wait for a process to start and load its code: about 140 ms a job. Set false on a machine short of memory.',
    parse: flag,
  }),
  JOB_MAX_ATTEMPTS: variable({
    secret: false,
    default: '3',
    doc: 'Runs a job gets: a transient failure or a lost worker retries it (with backoff) until this many.',
    parse: integer(1, 20),
  }),
  JOB_RETRY_DELAY: variable({ secret: false, default: '30s', doc: 'Backoff before the first retry; doubled for each further one.', parse: duration('0s', '1d') }),
  JOB_LEASE: variable({
    secret: false,
    default: '30s',
    doc: 'How long a worker\'s claim on a job lasts without a heartbeat; a crashed worker\'s job is taken up again after it.',
    parse: duration('2s', '1h'),
  }),
  REQUIRE_SANDBOX: variable({
    secret: false,
    default: 'false',
    doc: 'Refuse to run jobs when the bubblewrap sandbox is unavailable (instead of running them with a warning and an audit event).',
    parse: flag,
  }),
  BWRAP_PATH: variable({ secret: false, doc: 'The bubblewrap binary. Unset: bwrap on PATH, if any.', parse: nonEmpty }),
  JOB_UID: variable({
    secret: false,
    default: '65534',
    doc: 'When Sakuga runs as root, job processes run as this unprivileged uid (and JOB_GID), so process limits hold.',
    parse: integer(1, 2 ** 31),
  }),
  JOB_GID: variable({ secret: false, default: '65534', doc: 'The group of job processes when Sakuga runs as root.', parse: integer(1, 2 ** 31) }),
  SAKUGA_SELFTEST_JOBS: variable({
    secret: false,
    default: 'false',
    doc: 'Registers the `selftest` job type (sleep, spin, allocate, fork, network, fail) for tests of the engine. Never on in production.',
    parse: flag,
  }),
} as const;
