import assert from 'node:assert/strict';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findPrlimit } from '../../../media/rlimits.js';
import { isOfflineVoiceInstalled } from './offline-voice.js';
import { MAX_LINE_BYTES, MAX_TEXT_CHARS, type VoiceAnswer } from './protocol.js';
import { parsePcm16Wav } from './wav.js';

/**
 * The voice program spoken to directly, as a hostile or broken client
 * would: what it may write, what it obeys, and how it ends.
 */

const skip = isOfflineVoiceInstalled() ? false : 'the optional @echogarden/espeak-ng-emscripten is not installed';
const PROGRAM = fileURLToPath(new URL('./voice-process.ts', import.meta.url));
const NODE_ARGS = ['--disable-wasm-trap-handler', '--import', import.meta.resolve('tsx'), PROGRAM];

interface RawProgram {
  readonly child: ChildProcessWithoutNullStreams;
  send(line: string | object): void;
  answer(): Promise<VoiceAnswer>;
  exited: Promise<{ code: number | null; stderr: string }>;
}

function startRaw(cwd: string, options: { prefix?: string[]; nodeArgs?: string[] } = {}): RawProgram {
  const [command, ...prefixArgs] = [...(options.prefix ?? []), process.execPath];
  const child = spawn(command as string, [...prefixArgs, ...(options.nodeArgs ?? []), ...NODE_ARGS], { cwd, env: { LANG: 'C.UTF-8', ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}) } });
  let stdout = '';
  let stderr = '';
  const waiting: ((answer: VoiceAnswer) => void)[] = [];
  const ready: VoiceAnswer[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    for (let newline = stdout.indexOf('\n'); newline !== -1; newline = stdout.indexOf('\n')) {
      const answer = JSON.parse(stdout.slice(0, newline)) as VoiceAnswer;
      stdout = stdout.slice(newline + 1);
      const waiter = waiting.shift();
      if (waiter) waiter(answer);
      else ready.push(answer);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.stdin.on('error', () => undefined);
  return {
    child,
    send: (line) => child.stdin.write(`${typeof line === 'string' ? line : JSON.stringify(line)}\n`),
    answer: () => {
      const answer = ready.shift();
      return answer ? Promise.resolve(answer) : new Promise((resolve) => waiting.push(resolve));
    },
    exited: new Promise((resolve) => child.once('close', (code) => resolve({ code, stderr }))),
  };
}

describe('the voice program, spoken to directly', { skip }, () => {
  let dir: string;
  let outside: string;
  let program: RawProgram;
  let nextId = 1;

  async function synthesize(fields: Record<string, unknown>): Promise<VoiceAnswer> {
    program.send({ id: nextId++, op: 'synthesize', text: 'Hello.', voice: 'gmw/en-US', ...fields });
    return program.answer();
  }

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sakuga-voice-raw-'));
    outside = mkdtempSync(join(tmpdir(), 'sakuga-voice-outside-'));
    program = startRaw(dir);
  });
  after(() => {
    program?.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  test('a subdirectory of the working directory may hold the file', async () => {
    mkdirSync(join(dir, 'clips'));
    const answer = await synthesize({ out: 'clips/0001.wav' });
    assert.equal(answer.ok, true);
    assert.equal(parsePcm16Wav(readFileSync(join(dir, 'clips/0001.wav'))).sampleRate, 22_050);
  });

  test('a symlinked directory that leads outside is refused, and nothing is written there', async () => {
    symlinkSync(outside, join(dir, 'escape'));
    const answer = await synthesize({ out: 'escape/clip.wav' });
    assert.deepEqual([answer.ok, !answer.ok && answer.code], [false, 'bad_request']);
    assert.equal(existsSync(join(outside, 'clip.wav')), false);
  });

  test('an existing file is never overwritten, nor a planted symlink followed, dangling or not', async () => {
    writeFileSync(join(dir, 'taken.wav'), 'mine');
    writeFileSync(join(outside, 'target'), 'untouched');
    symlinkSync(join(outside, 'target'), join(dir, 'planted.wav'));
    symlinkSync(join(outside, 'not-yet'), join(dir, 'dangling.wav'));
    for (const out of ['taken.wav', 'planted.wav', 'dangling.wav']) {
      const answer = await synthesize({ out });
      assert.ok(!answer.ok && answer.code === 'bad_request' && /already exists/.test(answer.message), out);
    }
    assert.equal(readFileSync(join(dir, 'taken.wav'), 'utf8'), 'mine');
    assert.equal(readFileSync(join(outside, 'target'), 'utf8'), 'untouched');
    assert.equal(existsSync(join(outside, 'not-yet')), false);
  });

  test('absolute paths, .., empty segments, NUL and non-strings are refused', async () => {
    for (const out of [join(outside, 'abs.wav'), '../up.wav', 'clips/../../up.wav', 'clips//x.wav', './x.wav', 'x\0.wav', '', 42, null]) {
      const answer = await synthesize({ out });
      assert.ok(!answer.ok && answer.code === 'bad_request', JSON.stringify(out));
    }
  });

  test('markup in the text is spoken, never obeyed: no hour of silence from an SSML break', async () => {
    const answer = await synthesize({ text: 'Wait <break time="3600s"/> done.', out: 'ssml.wav' });
    assert.ok(answer.ok && 'durationMs' in answer && answer.durationMs < 15_000, JSON.stringify(answer));
  });

  test('text past the cap, text with NUL, and a rate out of range are bad requests', async () => {
    for (const fields of [{ text: 'a'.repeat(MAX_TEXT_CHARS + 1) }, { text: 'a\0b' }, { rate: 79 }, { rate: 175.5 }, { text: 7 }]) {
      const answer = await synthesize({ ...fields, out: 'never.wav' });
      assert.ok(!answer.ok && answer.code === 'bad_request', JSON.stringify(fields).slice(0, 80));
    }
    assert.equal(existsSync(join(dir, 'never.wav')), false);
  });

  test('a line that is not a JSON object is answered with id null, and the program goes on', async () => {
    for (const line of ['not json', '[1,2]', '{"op":"voices"}', '{"id":-1,"op":"voices"}']) {
      program.send(line);
      const answer = await program.answer();
      assert.ok(answer.id === null && !answer.ok && answer.code === 'bad_request', line);
    }
    program.send({ id: 99, op: 'dance' });
    const unknownOp = await program.answer();
    assert.ok(unknownOp.id === 99 && !unknownOp.ok && unknownOp.code === 'bad_request');
    program.send({ id: 100, op: 'voices' });
    assert.equal((await program.answer()).ok, true);
  });

  test('it exits 0 when stdin closes', async () => {
    program.child.stdin.end();
    assert.equal((await program.exited).code, 0);
  });

  test('a line past the limit is refused and ends the program', async () => {
    const flooded = startRaw(dir);
    flooded.send(`{"id":1,"op":"synthesize","text":"${'a'.repeat(MAX_LINE_BYTES)}"}`);
    const answer = await flooded.answer();
    assert.ok(answer.id === null && !answer.ok && answer.code === 'bad_request' && /longer than/.test(answer.message));
    assert.equal((await flooded.exited).code, 1);
  });

  test('a missing espeak-ng package gives one clear line and exit code 2, not a stack trace', async () => {
    const hide = `export async function resolve(specifier, context, next) {
      if (specifier.includes('espeak-ng-emscripten')) throw Object.assign(new Error('Cannot find package ' + specifier), { code: 'ERR_MODULE_NOT_FOUND' });
      return next(specifier, context);
    }`;
    const register = join(dir, 'hide-espeak.mjs');
    writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hide)}`)});\n`);
    const missing = startRaw(dir, { nodeArgs: ['--import', pathToFileURL(register).href] });
    missing.child.stdin.end();
    const { code, stderr } = await missing.exited;
    assert.equal(code, 2);
    assert.match(stderr, /^sakuga voice: the offline voice needs the optional package @echogarden\/espeak-ng-emscripten, which is not installed/);
    assert.equal(stderr.trim().split('\n').length, 1);
  });

  test('it synthesizes under RLIMIT_AS with --disable-wasm-trap-handler', { skip: findPrlimit() ? false : 'prlimit is not installed' }, async () => {
    // 2 GiB because this runs from source: tsx's loader and esbuild need about 1.8 GiB of address space on
    // their own (src/jobs/launch.ts). The built program, without tsx, needs about 1 GiB.
    const limited = startRaw(dir, { prefix: [findPrlimit() as string, `--as=${2 * 1024 ** 3}`, '--'] });
    limited.send({ id: 1, op: 'synthesize', text: 'Speaking under a memory limit.', voice: 'gmw/en-US', out: 'limited.wav' });
    const answer = await limited.answer();
    limited.child.stdin.end();
    const { code, stderr } = await limited.exited;
    assert.ok(answer.ok && 'samples' in answer && answer.samples > 0, `${JSON.stringify(answer)} ${stderr}`);
    assert.equal(code, 0);
  });
});
