import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function sakuga(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    // A clean environment: only what the test passes, plus PATH for ffmpeg lookups.
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** Runs one CLI command to completion, optionally feeding stdin. */
export async function runCli(args: string[], env: Record<string, string>, stdin = ''): Promise<CliResult> {
  const child = sakuga(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  child.stdin?.end(stdin);
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

/** A CLI command started, not awaited: for tests that kill it midway. */
export function startCli(args: string[], env: Record<string, string>): { child: ChildProcess; output(): string; exited: Promise<number | null> } {
  const child = sakuga(args, env);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, output: () => output, exited };
}

export interface RunningServer {
  readonly port: number;
  readonly child: ChildProcess;
  /** Everything printed so far. */
  output(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/** A port that was free a moment ago (the kernel picks it; we release it at once). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

/** Starts `sakuga serve` on a free port (or env.PORT, for a PUBLIC_URL known in advance) and waits until /healthz answers. */
export async function startServer(env: Record<string, string>, timeoutMs = 20_000): Promise<RunningServer> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = sakuga(['serve'], { PORT: String(port), ...env });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk));
  let exitCode: number | null | undefined;
  const exited = once(child, 'exit').then(([code]) => (exitCode = code as number | null));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exitCode !== undefined) throw new Error(`server exited with ${exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start:\n${output}`);
    }
    const up = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    // At the default log level, also wait for the start-up lines (the setup banner follows them).
    const announced = env.LOG_LEVEL !== undefined || output.includes('Sakuga is listening');
    if (up && announced) break;
    await sleep(50);
  }
  return { port, child, output: () => output, exited };
}

export interface RunningWorker {
  readonly child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

/** Starts `sakuga worker` and waits until it says it is running. */
export async function startWorker(env: Record<string, string>, timeoutMs = 20_000): Promise<RunningWorker> {
  const child = sakuga(['worker'], { ...env, LOG_LEVEL: 'info' });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const deadline = Date.now() + timeoutMs;
  while (!output.includes('Sakuga worker is running')) {
    if (child.exitCode !== null) throw new Error(`worker exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`worker did not start:\n${output}`);
    }
    await sleep(50);
  }
  return { child, output: () => output, exited };
}
