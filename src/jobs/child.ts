import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { Socket } from 'node:net';
import { join } from 'node:path';
import { type ChildMessage, isArtifactName, type JobSpec, MESSAGE_FD, READY_LINE } from './child-protocol.js';
import { createEngineCalls, type EngineCalls } from './engine-client.js';
import { MAX_REPLY_BYTES } from './engine-protocol.js';
import { MessageLineSplitter } from './message-stream.js';
import { selftestHandlers } from './selftest-stages.js';
import { classifyStageError, type StageContext, type StageHandler, type StageHandlerFactory } from './stage-context.js';

/**
 * The entry point of a job's child process (started by runner.ts, never by
 * hand). It reads its JobSpec from the first line of stdin (engine replies
 * follow it there), runs the job's stages from
 * `fromStage` on, and reports on fd 3. It holds no secret and no database
 * handle; what it can damage is its own work dir.
 */

/**
 * Job types whose stages can run in the child. The dub's are loaded only for
 * a dub (or a preview of one of its lines), a generation's for a
 * generation: they bring the media library and sharp, which a selftest's
 * start need not pay for.
 */
const HANDLERS: Readonly<Record<string, () => Promise<StageHandlerFactory>>> = {
  selftest: () => Promise.resolve(selftestHandlers),
  dub: async () => (await import('../pipeline/stages/index.js')).dubHandlers,
  dub_preview: async () => (await import('../pipeline/stages/preview.js')).previewHandlers,
  generate: async () => (await import('../generation/stages.js')).generateHandlers,
};

const MAX_SPEC_BYTES = 16 * 1024 * 1024;

/**
 * A process started ahead of its job (warm-start.ts) loads the handlers of
 * the type it expects while it waits, so the job does not wait for them
 * (sharp's libvips alone takes about 70 ms). Any type may still arrive.
 */
const expected = process.env.SAKUGA_JOB_PRELOAD;
/** What a type's stages load only when they reach it (so a cold start overlaps it with the engine's work), loaded ahead too. */
const LOADED_LATER: Readonly<Record<string, () => Promise<unknown>>> = { generate: () => import('sharp') };
if (expected && Object.hasOwn(HANDLERS, expected)) {
  void HANDLERS[expected]!()
    .then(() => LOADED_LATER[expected]?.())
    .catch(() => undefined);
}

const channel = new Socket({ fd: MESSAGE_FD, readable: false, writable: true });
// The runner is gone or closed the pipe: nobody is left to report to.
channel.on('error', () => process.exit(70));

/**
 * If the worker dies (SIGKILL, OOM), its lease runs out and another worker
 * resumes the job; this process must not go on beside it. The sandbox ties it
 * to the worker (--die-with-parent); without one, it notices that it was
 * handed to another parent and ends its whole process group.
 */
const parentAtStart = process.ppid;
setInterval(() => {
  if (process.ppid !== parentAtStart) process.kill(0, 'SIGKILL');
}, 250).unref();

function send(message: ChildMessage): void {
  channel.write(`${JSON.stringify(message)}\n`);
}

/** Flushes every message to the runner, then exits: a report must never be lost to process.exit. */
function finish(code: number): Promise<never> {
  return new Promise(() => channel.end(() => process.exit(code)));
}

function fail(index: number, code: string, message: string, transient = false): Promise<never> {
  send({ kind: 'failed', index, code, message, transient });
  return finish(1);
}

/** stdin as lines, none longer than a reply may be (the spec's own cap is checked on its line). */
async function* stdinLines(): AsyncGenerator<string> {
  const splitter = new MessageLineSplitter(Math.max(MAX_SPEC_BYTES, MAX_REPLY_BYTES));
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) yield* splitter.push(chunk);
}

async function readSpec(lines: AsyncGenerator<string>): Promise<JobSpec> {
  const first = await lines.next();
  if (first.done || Buffer.byteLength(first.value) > MAX_SPEC_BYTES) throw new Error('job spec missing or too large');
  const spec = JSON.parse(first.value) as JobSpec;
  const stagesOk = Array.isArray(spec.stages) && spec.stages.every((stage) => typeof stage === 'string');
  const numbersOk = Number.isInteger(spec.fromStage) && spec.fromStage >= 0 && Number.isInteger(spec.attempt) && spec.attempt >= 1;
  if (typeof spec.type !== 'string' || typeof spec.workDir !== 'string' || !stagesOk || !numbersOk) throw new Error('malformed job spec');
  return spec;
}

/** Engine replies, for as long as stdin is open; the runner closes it only when the run ends. */
function listenForReplies(lines: AsyncGenerator<string>, outDir: string): EngineCalls {
  const client = createEngineCalls({ outDir, send });
  void (async () => {
    try {
      for await (const line of lines) client.deliver(line);
    } catch {
      // A malformed reply line: the runner is broken, no reply can be trusted after it.
    }
    client.close();
  })();
  return client.calls;
}

function contextFor(spec: JobSpec, index: number, artifacts: string[], engines: EngineCalls): StageContext {
  const outDir = join(spec.workDir, 'out');
  return {
    index,
    attempt: spec.attempt,
    workDir: spec.workDir,
    engines,
    progress: (value) => send({ kind: 'progress', index, value }),
    log: (level, msg, fields) => send({ kind: 'log', level, msg, ...(fields ? { fields } : {}) }),
    async writeArtifact(name, data) {
      if (!isArtifactName(name)) throw new TypeError(`invalid artifact name: ${name}`);
      // A dot name is never an artifact name, so the runner cannot be told about a partial file.
      const partial = join(outDir, `.${name}.partial-${randomBytes(6).toString('hex')}`);
      try {
        await writeFile(partial, data, { flag: 'wx', mode: 0o600 });
        await rename(partial, join(outDir, name));
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
      if (!artifacts.includes(name)) artifacts.push(name);
    },
    async publishFile(name, path) {
      if (!isArtifactName(name)) throw new TypeError(`invalid artifact name: ${name}`);
      await rename(path, join(outDir, name));
      if (!artifacts.includes(name)) artifacts.push(name);
    },
  };
}

async function main(): Promise<void> {
  channel.write(READY_LINE);
  let spec: JobSpec;
  const lines = stdinLines();
  try {
    spec = await readSpec(lines);
  } catch {
    return fail(0, 'not_runnable', 'The job could not be read.');
  }
  // Started ahead of its job, this process was given the work dir's name of then; without the sandbox it has moved since.
  process.env.HOME = join(spec.workDir, 'home');
  process.env.TMPDIR = join(spec.workDir, 'tmp');
  const load = Object.hasOwn(HANDLERS, spec.type) ? HANDLERS[spec.type] : undefined;
  if (!load) return fail(spec.fromStage, 'not_runnable', 'This job type cannot run on this server yet.');
  let handlers: readonly StageHandler[];
  try {
    handlers = (await load())(spec.options, spec.runtime);
  } catch {
    return fail(spec.fromStage, 'invalid_options', 'The job options are not valid for this job type.');
  }
  if (handlers.length !== spec.stages.length) return fail(spec.fromStage, 'not_runnable', 'The job stages do not match this job type.');

  // Also starts libuv's thread pool now: started later, after a stage used up RLIMIT_NPROC, it would abort the process.
  await mkdir(join(spec.workDir, 'out'), { recursive: true, mode: 0o700 });
  const engines = listenForReplies(lines, join(spec.workDir, 'out'));
  for (let index = spec.fromStage; index < handlers.length; index++) {
    const artifacts: string[] = [];
    send({ kind: 'stage_start', index });
    try {
      await handlers[index]!(contextFor(spec, index, artifacts, engines));
    } catch (error) {
      const failure = classifyStageError(error);
      // An unplanned error's detail (it can name paths) goes to stderr, which the runner keeps for the job's log only.
      if (failure.code === 'internal_error') console.error(error);
      return fail(index, failure.code, failure.message, failure.transient);
    }
    send({ kind: 'stage_done', index, artifacts });
  }
  await finish(0);
}

await main();
