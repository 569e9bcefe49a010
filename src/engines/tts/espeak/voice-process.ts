/**
 * The offline voice program: espeak-ng (GPL-3.0, compiled to JS and wasm by
 * @echogarden/espeak-ng-emscripten) run as a process of its own. The only
 * module that imports that package; everything else talks to this program
 * over a pipe (README.md says why). Started by offline-voice.ts, never by
 * the server.
 *
 * Protocol: one JSON object per line, UTF-8, each line at most
 * MAX_LINE_BYTES. Requests on stdin, one answer per request on stdout, in
 * order; requests are handled one at a time. stderr carries diagnostics only.
 *
 *   → {"id":1,"op":"synthesize","text":"Hello.","voice":"gmw/en-US","rate":175,"out":"clips/0001.wav"}
 *   ← {"id":1,"ok":true,"samples":28350,"sampleRate":22050,"durationMs":1286}
 *   → {"id":2,"op":"voices"}
 *   ← {"id":2,"ok":true,"voices":[{"id":"gmw/en-US","name":"English (America)","languages":[{"tag":"en-us","priority":2},{"tag":"en","priority":3}]},…]}
 *   ← {"id":3,"ok":false,"code":"unknown_voice","message":"…"}
 *
 * - `id`: a whole number chosen by the client, echoed back; null in an
 *   answer to a line whose id could not be read.
 * - `text`: plain text, at most MAX_TEXT_CHARS; markup is spoken, never
 *   obeyed (espeak-ng reads SSML, and `<break time="3600s"/>` would be an
 *   hour of silence). `voice`: an `id` from `voices` (any letter case).
 *   `rate`: words per minute, MIN_RATE_WPM to MAX_RATE_WPM, default
 *   DEFAULT_RATE_WPM.
 * - `out`: a path relative to this program's working directory (no absolute
 *   path, no `..`, no empty or `.` segment, no NUL; its directory must exist
 *   inside the working directory). The file is created and never
 *   overwritten: 16-bit PCM mono WAV at espeak-ng's native 22,050 Hz.
 * - Codes: `unknown_voice`, `bad_request` (malformed request, bad path, file
 *   exists), `synthesis_failed` (espeak-ng failed, or the audio passed
 *   MAX_AUDIO_SECONDS).
 * - A line longer than MAX_LINE_BYTES is answered with `bad_request` (id
 *   null) and ends the program: the client is broken. So does an exception
 *   inside espeak-ng (after its `synthesis_failed` answer), since its state
 *   is then unknown; the client starts a fresh program.
 * - The program exits 0 when stdin closes. If espeak-ng cannot be loaded it
 *   writes one line on stderr and exits 2 before answering anything.
 *
 * It opens no socket and writes nothing but the `out` files; in a job it
 * also inherits the job's sandbox and resource limits.
 */
import type { EspeakModuleOptions, ESpeakNGWorker } from '@echogarden/espeak-ng-emscripten';
import { open, realpath, rm } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, sep } from 'node:path';
import { MessageLineSplitter } from '../../../jobs/message-stream.js';
import { DEFAULT_RATE_WPM, MAX_AUDIO_SECONDS, MAX_LINE_BYTES, MAX_RATE_WPM, MAX_TEXT_CHARS, MIN_RATE_WPM, type VoiceAnswer, type VoiceErrorCode, type VoiceInfo } from './protocol.js';
import { pcm16LittleEndian, pcm16MonoWavHeader } from './wav.js';

/** Exit code when espeak-ng cannot be loaded (missing optional package, wasm refused). */
const EXIT_UNAVAILABLE = 2;

class RequestError extends Error {
  constructor(
    readonly code: VoiceErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** espeak-ng's own output (warnings) must never reach stdout, which is the answer channel. */
const toStderr: EspeakModuleOptions = {
  print: (text) => process.stderr.write(`espeak-ng: ${text}\n`),
  printErr: (text) => process.stderr.write(`espeak-ng: ${text}\n`),
};

async function loadEspeak(): Promise<ESpeakNGWorker> {
  let init;
  try {
    init = (await import('@echogarden/espeak-ng-emscripten')).default;
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND';
    process.stderr.write(
      missing
        ? 'sakuga voice: the offline voice needs the optional package @echogarden/espeak-ng-emscripten, which is not installed (npm install --include=optional)\n'
        : `sakuga voice: @echogarden/espeak-ng-emscripten failed to load: ${String(error)}\n`,
    );
    process.exit(EXIT_UNAVAILABLE);
  }
  try {
    const espeak = await init(toStderr);
    return new espeak.eSpeakNGWorker();
  } catch (error) {
    process.stderr.write(`sakuga voice: espeak-ng failed to start: ${String(error)}\n`);
    process.exit(EXIT_UNAVAILABLE);
  }
}

function listVoices(worker: ESpeakNGWorker): VoiceInfo[] {
  return worker.list_voices().map((voice) => ({
    id: voice.identifier,
    name: voice.name,
    languages: [...voice.languages].sort((a, b) => a.priority - b.priority).map((language) => ({ tag: language.name, priority: language.priority })),
  }));
}

/** SSML's three special characters as entities, so espeak-ng speaks the text instead of obeying it. */
function asPlainText(text: string): string {
  return text.replace(/[&<>]/g, (char) => (char === '&' ? '&amp;' : char === '<' ? '&lt;' : '&gt;'));
}

/**
 * Where `out` may be written: inside the working directory, through no
 * symlinked directory that leaves it. The file itself is opened with `wx`
 * (O_CREAT|O_EXCL), which fails on any existing name, a symlink included.
 */
async function outputPath(root: string, out: unknown): Promise<string> {
  if (typeof out !== 'string' || out.length === 0 || out.length > 255) throw new RequestError('bad_request', 'out must be a file name of 1 to 255 characters');
  if (out.includes('\0') || isAbsolute(out)) throw new RequestError('bad_request', 'out must be a relative path without NUL');
  if (out.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) throw new RequestError('bad_request', 'out must not contain empty, "." or ".." segments');
  let parent: string;
  try {
    parent = await realpath(dirname(join(root, out)));
  } catch {
    throw new RequestError('bad_request', 'the directory of out does not exist');
  }
  if (parent !== root && !parent.startsWith(root + sep)) throw new RequestError('bad_request', 'out is outside the working directory');
  return join(parent, basename(out));
}

function wholeNumberIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

interface Synthesis {
  samples: Int16Array;
  sampleRate: number;
}

/** Thrown when espeak-ng itself failed: its state is unknown, so the program ends after answering. */
class EngineBroken extends Error {}

function synthesize(worker: ESpeakNGWorker, text: string, rate: number): Synthesis {
  const sampleRate = worker.get_samplerate();
  const limit = MAX_AUDIO_SECONDS * sampleRate;
  const blocks: Int16Array[] = [];
  let total = 0;
  let tooLong = false;
  worker.set_rate(rate);
  try {
    worker.synthesize(asPlainText(text), (block) => {
      total += block.length;
      tooLong = total > limit;
      if (!tooLong) blocks.push(block);
      return tooLong;
    });
  } catch (error) {
    throw new EngineBroken(String(error));
  }
  if (tooLong) throw new RequestError('synthesis_failed', `the audio would be longer than ${MAX_AUDIO_SECONDS} s`);
  const samples = new Int16Array(total);
  let offset = 0;
  for (const block of blocks) {
    samples.set(block, offset);
    offset += block.length;
  }
  return { samples, sampleRate };
}

async function writeWav(path: string, { samples, sampleRate }: Synthesis): Promise<void> {
  let file;
  try {
    file = await open(path, 'wx', 0o600);
  } catch (error) {
    const exists = (error as NodeJS.ErrnoException).code === 'EEXIST';
    throw new RequestError('bad_request', exists ? 'out already exists' : 'out cannot be created');
  }
  try {
    await file.writev([pcm16MonoWavHeader(samples.length, sampleRate), pcm16LittleEndian(samples)]);
    await file.close();
  } catch (error) {
    await file.close().catch(() => undefined);
    await rm(path, { force: true });
    throw new RequestError('synthesis_failed', `writing out failed: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

interface Program {
  readonly root: string;
  readonly worker: ESpeakNGWorker;
  readonly voices: readonly VoiceInfo[];
  readonly voiceByLowerId: ReadonlyMap<string, string>;
}

async function handle(program: Program, line: string): Promise<VoiceAnswer> {
  let request: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    request = parsed as Record<string, unknown>;
  } catch {
    return { id: null, ok: false, code: 'bad_request', message: 'a request must be one JSON object' };
  }
  const { id } = request;
  if (!wholeNumberIn(id, 0, Number.MAX_SAFE_INTEGER)) return { id: null, ok: false, code: 'bad_request', message: 'id must be a whole number' };
  try {
    if (request.op === 'voices') return { id, ok: true, voices: program.voices };
    if (request.op !== 'synthesize') throw new RequestError('bad_request', 'op must be "synthesize" or "voices"');
    const { text, voice, rate = DEFAULT_RATE_WPM, out } = request;
    if (typeof text !== 'string' || text.trim() === '' || text.length > MAX_TEXT_CHARS || text.includes('\0')) {
      throw new RequestError('bad_request', `text must be non-blank, without NUL, at most ${MAX_TEXT_CHARS} characters`);
    }
    if (!wholeNumberIn(rate, MIN_RATE_WPM, MAX_RATE_WPM)) throw new RequestError('bad_request', `rate must be a whole number of words per minute from ${MIN_RATE_WPM} to ${MAX_RATE_WPM}`);
    const voiceId = typeof voice === 'string' ? program.voiceByLowerId.get(voice.toLowerCase()) : undefined;
    if (voiceId === undefined || program.worker.set_voice(voiceId) !== 0) throw new RequestError('unknown_voice', 'voice is not one of the installed voices');
    const path = await outputPath(program.root, out);
    const synthesis = synthesize(program.worker, text, rate);
    await writeWav(path, synthesis);
    const samples = synthesis.samples.length;
    return { id, ok: true, samples, sampleRate: synthesis.sampleRate, durationMs: Math.round((samples / synthesis.sampleRate) * 1000) };
  } catch (error) {
    if (error instanceof RequestError) return { id, ok: false, code: error.code, message: error.message };
    if (error instanceof EngineBroken) throw Object.assign(error, { id });
    throw error;
  }
}

function answer(message: VoiceAnswer): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

async function main(): Promise<void> {
  const worker = await loadEspeak();
  const voices = listVoices(worker);
  const program: Program = { root: await realpath(process.cwd()), worker, voices, voiceByLowerId: new Map(voices.map((voice) => [voice.id.toLowerCase(), voice.id])) };
  const splitter = new MessageLineSplitter(MAX_LINE_BYTES);
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    let lines: string[];
    try {
      lines = splitter.push(chunk);
    } catch {
      answer({ id: null, ok: false, code: 'bad_request', message: `a request line is longer than ${MAX_LINE_BYTES} bytes` });
      process.exit(1);
    }
    for (const line of lines) {
      try {
        answer(await handle(program, line));
      } catch (error) {
        const id = (error as { id?: number }).id ?? null;
        answer({ id, ok: false, code: 'synthesis_failed', message: 'espeak-ng failed' });
        process.stderr.write(`sakuga voice: espeak-ng failed, exiting: ${String(error)}\n`);
        process.exit(1);
      }
    }
  }
  // stdout is a pipe, written synchronously on Linux: every answer is out.
  process.exit(0);
}

await main();
