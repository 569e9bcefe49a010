import { ERROR_SENTENCES } from '../../api/error-messages';
import type { JobStatus } from './job-state';

const STATUS_LABELS: Readonly<Record<JobStatus, string>> = {
  queued: 'Waiting',
  running: 'Running',
  succeeded: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export const statusLabel = (status: JobStatus): string => STATUS_LABELS[status];

/** "1.5 MB": sizes as people read them (powers of 1000, as file managers show them). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** "4 s", "2 min 5 s", "1 h 3 min": how long a job took or has been running. */
export function formatDuration(milliseconds: number): string {
  const seconds = Math.max(0, Math.round(milliseconds / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

/** How long between two ISO times (to now when the job has not finished); undefined before it started. */
export function elapsed(startedAt: string | null, finishedAt: string | null, now: number): string | undefined {
  if (!startedAt) return undefined;
  const end = finishedAt ? Date.parse(finishedAt) : now;
  const start = Date.parse(startedAt);
  return Number.isFinite(start) && Number.isFinite(end) ? formatDuration(end - start) : undefined;
}

export const percent = (fraction: number): string => `${Math.round(fraction * 100)} %`;

/**
 * Why a job failed, as a sentence. Run failures have their own codes
 * (src/jobs/run-outcome.ts); engine failures share the API's (error-messages.ts).
 */
const RUN_FAILURES: Readonly<Record<string, string>> = {
  timeout: 'The job ran longer than its time limit.',
  cpu_limit: 'The job used more computing time than it is allowed.',
  memory_limit: 'The job needed more memory than it is allowed.',
  process_limit: 'The job tried to start more processes than it is allowed.',
  file_size_limit: 'The job tried to write a file larger than it is allowed.',
  network_denied: 'The job tried to use the network, which jobs may not do.',
  stage_failed: 'A step of the job failed.',
  crashed: 'The job stopped unexpectedly.',
  spawn_failed: 'The server could not start the job.',
  files_unreachable: 'The job could not reach the files it needs on this server.',
  worker_lost: 'The server running the job stopped answering too many times.',
  sandbox_unavailable: 'The server cannot isolate jobs right now, so it did not run this one.',
  selftest_failed: 'The self-test failed, as it was asked to.',
};

/** The sentence for a failed job; a stage's own (already path-free) words follow, since they say what went wrong. */
export function failureSentence(failure: { code: string; message: string }): string {
  const sentence = RUN_FAILURES[failure.code] ?? ERROR_SENTENCES[failure.code] ?? 'The job failed. The admin can find the details in the server log.';
  return failure.code === 'stage_failed' && failure.message && failure.message !== sentence ? `${sentence} ${failure.message}` : sentence;
}
