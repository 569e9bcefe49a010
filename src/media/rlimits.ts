import { accessSync, constants } from 'node:fs';

/**
 * Resource limits for a process Sakuga starts, applied through util-linux's
 * `prlimit`, which sets them on itself and then execs the command: Node has
 * no setrlimit, and the limits must hold from the first instruction of the
 * child, before any untrusted input is read.
 */
export interface Rlimits {
  /** RLIMIT_AS, bytes: a decompression bomb or a leak dies instead of taking the machine. */
  readonly addressSpaceBytes?: number;
  /** RLIMIT_CPU soft limit, seconds: SIGXCPU when it passes. */
  readonly cpuSeconds?: number;
  /** RLIMIT_CPU hard limit, seconds: SIGKILL for a process that ignored SIGXCPU. Defaults to the soft limit. */
  readonly cpuHardSeconds?: number;
  /** RLIMIT_FSIZE, bytes: a write past it fails with EFBIG (or SIGXFSZ). */
  readonly fileBytes?: number;
  /** RLIMIT_NPROC: tasks (processes and threads) of the real uid, all of them, not only this tree's. */
  readonly tasks?: number;
}

let prlimitPath: string | null | undefined;

/** The prlimit binary, or null when util-linux is not installed (looked up once). */
export function findPrlimit(): string | null {
  if (prlimitPath === undefined) {
    prlimitPath =
      ['/usr/bin/prlimit', '/bin/prlimit'].find((path) => {
        try {
          accessSync(path, constants.X_OK);
          return true;
        } catch {
          return false;
        }
      }) ?? null;
  }
  return prlimitPath;
}

/** Whether rlimits can be applied here (util-linux's prlimit); doctor reports it. */
export function rlimitsAvailable(): boolean {
  return findPrlimit() !== null;
}

function wholeNumber(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be a whole number ≥ 0`);
  return value;
}

/** prlimit's options for `limits`, e.g. `--as=1073741824 --cpu=10:13`. */
export function prlimitOptions(limits: Rlimits): string[] {
  const options: string[] = [];
  if (limits.addressSpaceBytes !== undefined) options.push(`--as=${wholeNumber(limits.addressSpaceBytes, 'address space')}`);
  if (limits.cpuSeconds !== undefined) {
    const soft = wholeNumber(limits.cpuSeconds, 'CPU seconds');
    const hard = wholeNumber(limits.cpuHardSeconds ?? soft, 'CPU hard seconds');
    options.push(hard === soft ? `--cpu=${soft}` : `--cpu=${soft}:${Math.max(hard, soft)}`);
  }
  if (limits.fileBytes !== undefined) options.push(`--fsize=${wholeNumber(limits.fileBytes, 'file size')}`);
  if (limits.tasks !== undefined) options.push(`--nproc=${wholeNumber(limits.tasks, 'task count')}`);
  return options;
}

/**
 * The command line that runs `command` under `limits`: prlimit's options,
 * `--`, then the command and its arguments, still an argument array. Null
 * when prlimit is missing; the caller decides whether running without limits
 * is acceptable (a media probe may; a job may not).
 */
export function withRlimits(command: string, args: readonly string[], limits: Rlimits): { command: string; args: string[] } | null {
  const prlimit = findPrlimit();
  if (!prlimit) return null;
  return { command: prlimit, args: [...prlimitOptions(limits), '--', command, ...args] };
}
