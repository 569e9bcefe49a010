import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { MessageLineSplitter } from '../../../jobs/message-stream.js';
import { MAX_LINE_BYTES, type SynthesisResult, type VoiceAnswer, type VoiceErrorCode, type VoiceInfo } from './protocol.js';

export { voiceForLanguage } from './voice-for-language.js';
export type { SynthesisResult, VoiceInfo } from './protocol.js';

/**
 * The offline voice as a job's process sees it: a client for the voice
 * program (voice-process.ts), which it starts as its own child and talks to
 * over stdio. This module never loads espeak-ng itself (README.md).
 */

/** The voice program's codes, and the client's own: the process died or broke the protocol, or a request took too long. */
export type OfflineVoiceErrorCode = VoiceErrorCode | 'voice_process_failed' | 'voice_timeout' | 'voice_closed';

export class OfflineVoiceError extends Error {
  constructor(
    readonly code: OfflineVoiceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'OfflineVoiceError';
  }
}

export interface OfflineVoiceOptions {
  /** The voice program's working directory: every `outName` is relative to it, and nothing is written outside it. */
  readonly cwd: string;
  /** The node binary; defaults to the one running this process. */
  readonly nodePath?: string;
  /** Node options before the script, in place of the default (tsx's loader when running from source, none when built). */
  readonly execArgv?: readonly string[];
  /** How long one request may take before the process is killed; default DEFAULT_TIMEOUT_MS. */
  readonly timeoutMs?: number;
  /** Added to the first request of each fresh process, which waits for espeak-ng to load; default DEFAULT_STARTUP_MS. */
  readonly startupMs?: number;
}

export interface OfflineVoice {
  /** Speaks `text` with `voice` (an id from `voices()`) into a new WAV file `outName` under `cwd`. */
  synthesize(text: string, voice: string, outName: string, options?: { rate?: number }): Promise<SynthesisResult>;
  /** The installed voices (asked once, then remembered). */
  voices(): Promise<readonly VoiceInfo[]>;
  /** Ends the voice program; later calls are refused. */
  close(): Promise<void>;
}

/** A few seconds to start, then synthesis at a fraction of real time: a minute covers the longest text allowed. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Start-up is about 0.5 s for espeak-ng itself, 1.5 to 4 s from source
 * under tsx on a busy machine: a timeout that counted it would cut the
 * first request of every restarted process short.
 */
export const DEFAULT_STARTUP_MS = 30_000;

/** How long close() waits for the program to finish its request and exit before killing it. */
const CLOSE_GRACE_MS = 5_000;

/** Kept from the program's stderr for error messages: its last words say why it died. */
const STDERR_TAIL_BYTES = 2_048;

/** See src/jobs/launch.ts: without it, V8 reserves 10 GiB per wasm memory and espeak-ng cannot start under RLIMIT_AS. */
const NODE_FLAGS = ['--disable-wasm-trap-handler'];

/**
 * The program entry matching how this module runs, as src/jobs/launch.ts
 * `defaultChildEntry()` does: from source (tests, development) the .ts file
 * with tsx's loader, resolved to a file URL because the program's working
 * directory is elsewhere; in the build, the .js file beside this one.
 */
function programEntry(): { execArgv: string[]; script: string } {
  const fromSource = import.meta.url.endsWith('.ts');
  return {
    execArgv: fromSource ? ['--import', import.meta.resolve('tsx')] : [],
    script: fileURLToPath(new URL(fromSource ? './voice-process.ts' : './voice-process.js', import.meta.url)),
  };
}

/**
 * Whether the optional espeak-ng package is installed where the voice
 * program will look for it. Resolves its path without loading it: the
 * server process never imports the GPL code.
 */
export function isOfflineVoiceInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('@echogarden/espeak-ng-emscripten');
    return true;
  } catch {
    return false;
  }
}

interface Pending {
  readonly id: number;
  readonly resolve: (answer: VoiceAnswer & { ok: true }) => void;
  readonly reject: (error: OfflineVoiceError) => void;
}

/** One run of the voice program; a new one replaces it after it dies. */
interface Run {
  readonly child: ChildProcessWithoutNullStreams;
  readonly exited: Promise<void>;
  pending: Pending | null;
  stderrTail: string;
  /** Whether it has answered anything yet: until then, a request's time includes start-up. */
  answered: boolean;
}

/**
 * Starts the voice program in `cwd` and returns its client. Requests go one
 * at a time (the program handles one at a time, and each timeout then
 * measures its own request only). If the program dies, the request in flight
 * is rejected with `voice_process_failed` and the next call starts it again.
 */
export function startOfflineVoice(options: OfflineVoiceOptions): OfflineVoice {
  if (!statSync(options.cwd, { throwIfNoEntry: false })?.isDirectory()) throw new TypeError('startOfflineVoice: cwd must be an existing directory');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const startupMs = options.startupMs ?? DEFAULT_STARTUP_MS;
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs <= 0) throw new RangeError('startOfflineVoice: timeoutMs must be a positive whole number');
  if (!Number.isSafeInteger(startupMs) || startupMs < 0) throw new RangeError('startOfflineVoice: startupMs must be a whole number ≥ 0');
  const entry = programEntry();
  const args = [...NODE_FLAGS, ...(options.execArgv ?? entry.execArgv), entry.script];
  // None of the job's environment: the program needs a locale, and tsx a writable temp dir when running from source.
  const env: Record<string, string> = { LANG: 'C.UTF-8', ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}) };

  let run: Run | null = null;
  let nextId = 1;
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;
  let voiceList: readonly VoiceInfo[] | undefined;

  function fail(current: Run, code: OfflineVoiceErrorCode, message: string): void {
    const pending = current.pending;
    current.pending = null;
    pending?.reject(new OfflineVoiceError(code, message));
  }

  function start(): Run {
    const child = spawn(options.nodePath ?? process.execPath, args, { cwd: options.cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let markExited!: () => void;
    const exited = new Promise<void>((resolve) => {
      markExited = resolve;
    });
    const current: Run = { child, exited, pending: null, stderrTail: '', answered: false };
    const splitter = new MessageLineSplitter(MAX_LINE_BYTES);

    child.stdout.on('data', (chunk: Buffer) => {
      try {
        for (const line of splitter.push(chunk)) onAnswer(current, line);
      } catch {
        discard(current, 'the offline voice process wrote a line past the protocol limit');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      current.stderrTail = (current.stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL_BYTES);
    });
    // A write to a program that just died fails with EPIPE; 'close' reports the death itself.
    child.stdin.on('error', () => undefined);
    child.on('error', (error) => {
      if (run === current) run = null;
      fail(current, 'voice_process_failed', `the offline voice process could not start: ${error.message}`);
      markExited();
    });
    child.once('close', (code, signal) => {
      if (run === current) run = null;
      const lastWords = current.stderrTail.trim().split('\n').at(-1);
      const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
      fail(current, 'voice_process_failed', `the offline voice process ${how} during the request${lastWords ? `: ${lastWords}` : ''}`);
      markExited();
    });
    return current;
  }

  /** Rejects the request in flight and kills the program; the next call starts a fresh one. */
  function discard(current: Run, message: string, code: OfflineVoiceErrorCode = 'voice_process_failed'): void {
    if (run === current) run = null;
    fail(current, code, message);
    current.child.kill('SIGKILL');
  }

  function onAnswer(current: Run, line: string): void {
    let answer: VoiceAnswer;
    try {
      answer = JSON.parse(line) as VoiceAnswer;
    } catch {
      return discard(current, 'the offline voice process wrote a line that is not JSON');
    }
    const pending = current.pending;
    if (!pending || typeof answer !== 'object' || answer === null || answer.id !== pending.id) return discard(current, 'the offline voice process answered a request it was not asked');
    current.pending = null;
    current.answered = true;
    if (answer.ok === true) pending.resolve(answer);
    else pending.reject(new OfflineVoiceError(answer.code, answer.message));
  }

  function send(request: Record<string, unknown>): Promise<VoiceAnswer & { ok: true }> {
    const current = (run ??= start());
    const id = nextId++;
    const allowedMs = timeoutMs + (current.answered ? 0 : startupMs);
    return new Promise<VoiceAnswer & { ok: true }>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (current.pending?.id !== id) return;
        discard(current, `the offline voice took longer than ${allowedMs} ms; its process was stopped`, 'voice_timeout');
      }, allowedMs);
      const settle = () => clearTimeout(timer);
      current.pending = { id, resolve: (answer) => (settle(), resolve(answer)), reject: (error) => (settle(), reject(error)) };
      current.child.stdin.write(`${JSON.stringify({ id, ...request })}\n`);
    });
  }

  /** Requests wait for the one before to settle, whatever its outcome; those made before close() still run. */
  function enqueue<T>(task: () => Promise<T>): Promise<T> {
    if (closed) return Promise.reject(new OfflineVoiceError('voice_closed', 'the offline voice is closed'));
    const result = queue.then(task);
    queue = result.catch(() => undefined);
    return result;
  }

  run = start();

  return {
    synthesize(text, voice, outName, { rate } = {}) {
      return enqueue(async () => {
        const answer = await send({ op: 'synthesize', text, voice, out: outName, ...(rate === undefined ? {} : { rate }) });
        if (!('samples' in answer)) throw new OfflineVoiceError('voice_process_failed', 'the offline voice process gave a malformed answer');
        return { samples: answer.samples, sampleRate: answer.sampleRate, durationMs: answer.durationMs };
      });
    },
    voices() {
      return enqueue(async () => {
        if (voiceList) return voiceList;
        const answer = await send({ op: 'voices' });
        if (!('voices' in answer)) throw new OfflineVoiceError('voice_process_failed', 'the offline voice process gave a malformed answer');
        return (voiceList = answer.voices);
      });
    },
    async close() {
      closed = true;
      await queue;
      const current = run;
      if (!current) return;
      current.child.stdin.end();
      const timer = setTimeout(() => current.child.kill('SIGKILL'), CLOSE_GRACE_MS);
      await current.exited;
      clearTimeout(timer);
    },
  };
}
