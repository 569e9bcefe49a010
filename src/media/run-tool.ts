import { spawn } from 'node:child_process';
import { withRlimits } from './rlimits.js';
import type { LocatedTool } from './toolchain.js';

export interface RunLimits {
  /** Wall-clock limit; the whole process group is killed when it passes. */
  readonly timeoutMs: number;
  /** stdout and stderr kept, together; more kills the process (a runaway or hostile file). */
  readonly maxOutputBytes: number;
  /** Address space (RLIMIT_AS): a decompression bomb dies instead of taking the machine. */
  readonly memoryBytes: number;
  /** Largest file it may write (RLIMIT_FSIZE). */
  readonly maxFileBytes?: number;
  /** CPU seconds (RLIMIT_CPU). */
  readonly cpuSeconds?: number;
}

export type ToolFailure = 'timeout' | 'output_limit' | 'exit' | 'signal' | 'spawn';

/** A failed run; `detail` is the end of stderr, for logs only (it can name paths). */
export class ToolError extends Error {
  constructor(
    readonly reason: ToolFailure,
    readonly detail: string,
    readonly exitCode: number | null = null,
  ) {
    super(`media tool failed: ${reason}${exitCode === null ? '' : ` (exit ${exitCode})`}`);
    this.name = 'ToolError';
  }
}

export interface ToolResult {
  readonly stdout: Buffer;
  readonly stderr: string;
}

/** The environment a tool sees: nothing of Sakuga's (its secrets live in the environment). */
const CHILD_ENV = { PATH: '/usr/local/bin:/usr/bin:/bin', LANG: 'C.UTF-8', HOME: '/nonexistent' };

/**
 * The one place Sakuga starts ffmpeg or ffprobe: an argument array (never a
 * shell, so a file named `$(id).mp4` is only a name), a minimal environment,
 * its own process group (so a timeout kills everything it started), rlimits on
 * memory, file size and CPU through prlimit, a wall-clock timeout and a cap on
 * the output kept.
 */
export function runTool(tool: LocatedTool, args: readonly string[], limits: RunLimits, options: { cwd?: string } = {}): Promise<ToolResult> {
  const limited = withRlimits(tool.path, args, { addressSpaceBytes: limits.memoryBytes, fileBytes: limits.maxFileBytes, cpuSeconds: limits.cpuSeconds });
  const { command, args: commandArgs } = limited ?? { command: tool.path, args: [...args] };

  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { cwd: options.cwd, env: CHILD_ENV, stdio: ['ignore', 'pipe', 'pipe'], detached: true, shell: false });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let kept = 0;
    let failure: ToolFailure | undefined;

    const killGroup = (reason: ToolFailure) => {
      failure ??= reason;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => killGroup('timeout'), limits.timeoutMs);
    const keep = (into: Buffer[]) => (chunk: Buffer) => {
      kept += chunk.length;
      if (kept > limits.maxOutputBytes) return killGroup('output_limit');
      into.push(chunk);
    };
    child.stdout.on('data', keep(stdout));
    child.stderr.on('data', keep(stderr));

    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new ToolError('spawn', error.message));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const errorText = Buffer.concat(stderr).toString('utf8');
      const tail = errorText.slice(-2000);
      if (failure) return reject(new ToolError(failure, tail));
      if (signal) return reject(new ToolError('signal', `${signal}: ${tail}`));
      if (code !== 0) return reject(new ToolError('exit', tail, code));
      resolve({ stdout: Buffer.concat(stdout), stderr: errorText });
    });
  });
}
