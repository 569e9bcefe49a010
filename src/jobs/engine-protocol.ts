import { VOICE_ID } from '../engines/voice-id.js';
import type { SynthesizeRequest, TranscribeRequest, Transcript, TranslateRequest } from '../engines/types.js';
import { MAX_OUTPUT_FILES } from '../engines/generate/limits.js';
import type { GeneratedOutput } from '../generation/worker-run.js';
import type { OutputRejectionCode } from '../generation/output-check.js';

/**
 * The engine part of the child protocol. The job process has no network, so
 * it asks its runner: an `engine_request` line on fd 3, answered by one
 * `engine_reply` line on the child's stdin (after the JobSpec, which is the
 * first line there). One request is outstanding at a time and ids only grow,
 * so a reply can never be taken for another's. The worker calls the engine
 * with its own keys; the child only ever sees results and stable codes.
 *
 * ASR audio is too large for a line: the child copies it into its `out/` dir
 * as `engine-input-<id>.wav` and names it; the runner opens it as carefully as
 * an artifact (artifact-check.ts) and never publishes it. A generation's
 * outputs travel the other way in pieces (`generate_read`), from where the
 * worker keeps them: the worker never writes into a directory the job owns.
 */

/** The name an ASR request's audio has in `out/`; refused as an artifact. */
export const ENGINE_INPUT_NAME = /^engine-input-[0-9]{1,9}\.wav$/;
export const engineInputName = (id: number) => `engine-input-${id}.wav`;

/** Largest ASR audio the runner reads: some 2 h 20 min of 16 kHz mono PCM. */
export const MAX_ENGINE_AUDIO_BYTES = 256 * 1024 * 1024;
/** Largest TTS clip handed back (base64 in the reply line adds a third). */
export const MAX_TTS_REPLY_BYTES = 24 * 1024 * 1024;
/** Longest reply line the child accepts. */
export const MAX_REPLY_BYTES = 40 * 1024 * 1024;
/** Most lines in one translation request; the line cap of fd 3 bounds their text too. */
export const MAX_TRANSLATE_LINES = 100;
const MAX_TEXT = 2_000;

export interface AsrRequestMessage {
  readonly kind: 'engine_request';
  readonly id: number;
  readonly engine: 'asr';
  /** `engine-input-<id>.wav` in `<workDir>/out/`. */
  readonly audio: string;
  readonly language?: string;
  readonly prompt?: string;
}
export interface TranslateRequestMessage extends TranslateRequest {
  readonly kind: 'engine_request';
  readonly id: number;
  readonly engine: 'translate';
}
export interface TtsRequestMessage extends SynthesizeRequest {
  readonly kind: 'engine_request';
  readonly id: number;
  readonly engine: 'tts';
}
/**
 * "Run this job's generation": nothing more. The worker builds the graph from
 * the job's stored options and its template; a job process that could name
 * a graph could run any custom node's code on the engine's machine.
 */
export interface GenerateRequestMessage {
  readonly kind: 'engine_request';
  readonly id: number;
  readonly engine: 'generate';
}
/** A piece of one of the generation's outputs, which the worker keeps where the job cannot reach. */
export interface GenerateReadMessage {
  readonly kind: 'engine_request';
  readonly id: number;
  readonly engine: 'generate_read';
  readonly output: number;
  readonly offset: number;
}
export type EngineRequestMessage = AsrRequestMessage | TranslateRequestMessage | TtsRequestMessage | GenerateRequestMessage | GenerateReadMessage;

/** What the worker is asked to do for a run, after the runner read the request (and the ASR audio). */
export type EngineCall =
  | { readonly engine: 'asr'; readonly request: TranscribeRequest }
  | { readonly engine: 'translate'; readonly request: TranslateRequest }
  | { readonly engine: 'tts'; readonly request: SynthesizeRequest }
  | { readonly engine: 'generate' }
  | { readonly engine: 'generate_read'; readonly output: number; readonly offset: number };

/** Results as they travel in a reply line. */
export interface EngineResults {
  readonly asr: Transcript;
  /** One entry per line id asked. */
  readonly translate: { readonly translations: Readonly<Record<string, string>> };
  /** The WAV file, base64. */
  readonly tts: { readonly wav: string };
  /** The seed queued, and each output file as the worker keeps it. */
  readonly generate: { readonly seed: number; readonly outputs: readonly GeneratedOutput[] };
  /** Up to 8 MiB of the output from the offset asked, base64; empty past its end. */
  readonly generate_read: { readonly data: string };
}

/**
 * Codes a refused call carries: an engine's (engines/errors.ts), the
 * runner's own (no engine of that kind configured, or a request the runner
 * would not pass on: audio missing, a symlink, too large), or a generation's
 * output refused before the job saw it (generation/output-check.ts).
 */
export type EngineReplyCode = 'engine_unavailable' | 'engine_rejected' | 'engine_bad_response' | 'engine_not_configured' | 'engine_request_invalid' | OutputRejectionCode;

export type EngineOutcome =
  | { readonly ok: true; readonly result: EngineResults[keyof EngineResults] }
  | { readonly ok: false; readonly code: EngineReplyCode; readonly message: string; readonly transient: boolean };

export type EngineReply = { readonly kind: 'engine_reply'; readonly id: number } & EngineOutcome;

type Fields = Record<string, unknown>;
const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const only = (message: Fields, keys: readonly string[]) => Object.keys(message).every((key) => keys.includes(key));
const isText = (value: unknown, max: number, min = 0) => typeof value === 'string' && value.length >= min && value.length <= max;
const optionalText = (value: unknown, max: number) => value === undefined || isText(value, max);
const isTextList = (value: unknown, maxItems: number) => value === undefined || (Array.isArray(value) && value.length <= maxItems && value.every((item) => isText(item, MAX_TEXT)));
const LANGUAGE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/;
const isLanguage = (value: unknown) => typeof value === 'string' && LANGUAGE.test(value);

function isLine(value: unknown): boolean {
  return (
    isObject(value) &&
    only(value, ['id', 'text', 'maxChars']) &&
    isText(value.id, 64, 1) &&
    isText(value.text, MAX_TEXT) &&
    (value.maxChars === undefined || (Number.isInteger(value.maxChars) && (value.maxChars as number) >= 1 && (value.maxChars as number) <= 10_000))
  );
}

const ENGINE_SHAPES: Record<EngineRequestMessage['engine'], (m: Fields) => boolean> = {
  asr: (m) =>
    only(m, ['kind', 'id', 'engine', 'audio', 'language', 'prompt']) &&
    typeof m.audio === 'string' &&
    m.audio === engineInputName(m.id as number) &&
    (m.language === undefined || isLanguage(m.language)) &&
    optionalText(m.prompt, 1_000),
  translate: (m) =>
    only(m, ['kind', 'id', 'engine', 'source', 'target', 'lines', 'context']) &&
    (m.source === undefined || isLanguage(m.source)) &&
    isLanguage(m.target) &&
    Array.isArray(m.lines) &&
    m.lines.length >= 1 &&
    m.lines.length <= MAX_TRANSLATE_LINES &&
    m.lines.every(isLine) &&
    new Set((m.lines as Fields[]).map((line) => line.id)).size === m.lines.length &&
    (m.context === undefined ||
      (isObject(m.context) && only(m.context, ['before', 'after', 'note']) && isTextList(m.context.before, 10) && isTextList(m.context.after, 10) && optionalText(m.context.note, MAX_TEXT))),
  tts: (m) =>
    only(m, ['kind', 'id', 'engine', 'text', 'voice', 'speed']) &&
    isText(m.text, MAX_TEXT, 1) &&
    typeof m.voice === 'string' &&
    (m.voice === '' || VOICE_ID.test(m.voice)) &&
    (m.speed === undefined || (typeof m.speed === 'number' && m.speed >= 0.25 && m.speed <= 4)),
  generate: (m) => only(m, ['kind', 'id', 'engine']),
  generate_read: (m) =>
    only(m, ['kind', 'id', 'engine', 'output', 'offset']) &&
    Number.isInteger(m.output) &&
    (m.output as number) >= 0 &&
    (m.output as number) < MAX_OUTPUT_FILES &&
    Number.isSafeInteger(m.offset) &&
    (m.offset as number) >= 0,
};

/** The shape of an `engine_request` line (child-protocol.ts checks the kind). */
export function isEngineRequest(m: Fields): boolean {
  const engine = m.engine;
  if (!Number.isInteger(m.id) || (m.id as number) < 1 || (m.id as number) > 999_999_999) return false;
  if (typeof engine !== 'string' || !Object.hasOwn(ENGINE_SHAPES, engine)) return false;
  return ENGINE_SHAPES[engine as EngineRequestMessage['engine']](m);
}
