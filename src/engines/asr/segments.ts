import { Type } from 'typebox';
import { Compile } from 'typebox/compile';
import { badResponse, EngineError } from '../errors.js';
import { readWav } from '../wav.js';
import type { Transcript, TranscriptSegment } from '../types.js';
import { languageCode } from './languages.js';

/** At most this many segments in one reply (some 30 hours of speech at 5 s each). */
const MAX_SEGMENTS = 20_000;
/** A segment may end a little past the audio (rounding in the engine), not more. */
const END_TOLERANCE_MS = 500;
/** Integers at least this large are LocalAI's nanoseconds (as seconds they would be 11 days). */
const NANOSECOND_FLOOR = 1e6;

/**
 * `verbose_json` as whisper.cpp, speaches and LocalAI send it; only what
 * Sakuga reads is required, extra fields (tokens, words, avg_logprob) pass.
 */
export const VerboseJson = Compile(
  Type.Object({
    language: Type.Optional(Type.String({ maxLength: 64 })),
    detected_language: Type.Optional(Type.String({ maxLength: 64 })),
    error: Type.Optional(Type.Unknown()),
    segments: Type.Optional(
      Type.Array(Type.Object({ start: Type.Number(), end: Type.Number(), text: Type.String({ maxLength: 10_000 }) }), { maxItems: MAX_SEGMENTS }),
    ),
  }),
);

type RawSegment = { readonly start: number; readonly end: number; readonly text: string };

/**
 * Times in ms, checked: finite, not negative, none ending before it starts or
 * starting before the one before it, none past the end of the audio. Empty
 * segments (silence) are dropped.
 */
export function transcriptFrom(
  engine: string,
  reply: { language?: string; detected_language?: string; error?: unknown; segments?: readonly RawSegment[] },
  audio: Uint8Array,
): Transcript {
  // whisper.cpp's server answers some refusals with 200 and {"error": "..."}.
  if (reply.error !== undefined) throw new EngineError('engine_rejected', `${engine} refused the request`);
  if (reply.segments === undefined) throw badResponse(engine, 'answered without segments (is response_format=verbose_json supported?)');
  const times = reply.segments.flatMap((segment) => [segment.start, segment.end]);
  if (times.some((time) => !Number.isFinite(time) || time < 0)) throw badResponse(engine, 'answered with a negative or non-finite timestamp');
  // LocalAI declares start/end as Go time.Duration, which serialises as integer nanoseconds (mudler/LocalAI#5327).
  const nanoseconds = times.length > 0 && times.every(Number.isInteger) && Math.max(...times) >= NANOSECOND_FLOOR;
  const toMs = (time: number) => Math.round(nanoseconds ? time / 1e6 : time * 1000);
  const wav = readWav(audio);
  const audioMs = 'durationMs' in wav ? wav.durationMs : undefined;

  const segments: TranscriptSegment[] = [];
  let previousStart = 0;
  for (const raw of reply.segments) {
    const startMs = toMs(raw.start);
    const endMs = toMs(raw.end);
    if (endMs < startMs) throw badResponse(engine, 'answered with a segment that ends before it starts');
    if (startMs < previousStart) throw badResponse(engine, 'answered with segments out of time order');
    if (audioMs !== undefined && endMs > audioMs + END_TOLERANCE_MS) throw badResponse(engine, 'answered with a segment past the end of the audio');
    previousStart = startMs;
    const text = raw.text.trim();
    if (text !== '') segments.push({ startMs, endMs, text });
  }
  const language = languageCode(reply.detected_language) ?? languageCode(reply.language);
  return language === undefined ? { segments } : { language, segments };
}
