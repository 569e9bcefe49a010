import { type Static, Type } from 'typebox';
import { Compile } from 'typebox/compile';
import { VOICE_ID } from '../../engines/voice-id.js';
import { MAX_LINE_CHARS, MAX_SEGMENTS, type Segment } from '../segments.js';
import { ImportProblem } from './problems.js';

const Millis = Type.Integer({ minimum: 0, maximum: 86_400_000, description: 'Milliseconds of the source video.' });
const Line = Type.String({ maxLength: MAX_LINE_CHARS });
export const SpeakerLabel = Type.String({ minLength: 1, maxLength: 64, pattern: '^[\\p{L}\\p{N}][\\p{L}\\p{N} _.-]*$', description: 'A speaker label, e.g. SPEAKER_00 or Mika.' });
export const VoiceName = Type.String({ minLength: 1, maxLength: 128, pattern: VOICE_ID.source, description: 'A voice of the configured TTS engine, e.g. gmw/en-US (espeak) or af_heart (Kokoro).' });

const DocumentSegment = Type.Object(
  {
    id: Type.Optional(Type.String({ pattern: '^s[0-9]{4,5}$', description: 'Kept on export; ignored on import (ids follow the order).' })),
    start_ms: Millis,
    end_ms: Millis,
    speaker: Type.Optional(Type.Union([SpeakerLabel, Type.Null()])),
    source_text: Type.Optional(Type.Union([Line, Type.Null()])),
    target_text: Type.Optional(Type.Union([Line, Type.Null()])),
    voice: Type.Optional(Type.Union([VoiceName, Type.Null()])),
    locked: Type.Optional(Type.Boolean()),
    // What a finished dub adds (its segments.json); read back, these are recomputed.
    hash: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    clip: Type.Optional(Type.Union([Type.Object({ sha256: Type.String(), duration_ms: Type.Number() }), Type.Null()])),
    tempo: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
    overflow_ms: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
    warnings: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20 })),
  },
  { additionalProperties: false },
);

/**
 * Sakuga's own segments document: what a dub writes as `segments.json` and
 * what `imports.segments_json` reads back (docs/segments.schema.json is this
 * schema, kept in step by a test). Lines with target text skip translation;
 * lines with only source text are translated.
 */
export const SegmentsDocument = Type.Object(
  {
    version: Type.Literal(1),
    source_language: Type.Optional(Type.String({ maxLength: 35 })),
    target_language: Type.Optional(Type.String({ maxLength: 35 })),
    segments: Type.Array(DocumentSegment, { minItems: 1, maxItems: MAX_SEGMENTS }),
  },
  { additionalProperties: false, title: 'Sakuga segments document, version 1' },
);
export type SegmentsDocument = Static<typeof SegmentsDocument>;

const checker = Compile(SegmentsDocument);

/** The parts of an imported segment a dub starts from; everything else is recomputed. */
export type ImportedLine = Pick<Segment, 'startMs' | 'endMs' | 'speaker' | 'sourceText' | 'targetText' | 'voice' | 'locked'>;

/** Parses and checks a segments document against the video: shape, times inside it, order without overlap, text on every line. */
export function parseSegmentsDocument(text: string, durationMs: number): ImportedLine[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ImportProblem('import_unreadable', 'segments_json is not JSON');
  }
  if (!checker.Check(value)) {
    const [first] = checker.Errors(value);
    if (first?.instancePath === '/segments' && Array.isArray((value as { segments?: unknown[] }).segments) && (value as { segments: unknown[] }).segments.length > MAX_SEGMENTS) {
      throw new ImportProblem('import_too_many_cues', `segments_json has more than ${MAX_SEGMENTS} segments`);
    }
    throw new ImportProblem('import_segments_invalid', `segments_json${first?.instancePath ?? ''}: ${first?.message ?? 'does not fit the schema'}`);
  }
  const lines: ImportedLine[] = [];
  value.segments.forEach((segment, index) => {
    const number = index + 1;
    if (segment.end_ms <= segment.start_ms) throw new ImportProblem('import_cue_out_of_range', `segments_json: segment ${number} ends before it starts`);
    if (segment.start_ms >= durationMs || segment.end_ms > durationMs + 500) throw new ImportProblem('import_cue_out_of_range', `segments_json: segment ${number} lies past the end of the video`);
    const previous = lines.at(-1);
    if (previous && segment.start_ms < previous.endMs) throw new ImportProblem('import_cues_overlap', `segments_json: segment ${number} overlaps or precedes the one before it`);
    const sourceText = segment.source_text?.trim() || null;
    const targetText = segment.target_text?.trim() || null;
    if (!sourceText && !targetText) throw new ImportProblem('import_cue_empty', `segments_json: segment ${number} has neither source nor target text`);
    lines.push({
      startMs: segment.start_ms,
      endMs: Math.min(segment.end_ms, durationMs),
      speaker: segment.speaker ?? null,
      sourceText,
      targetText,
      voice: segment.voice ?? null,
      locked: segment.locked ?? false,
    });
  });
  return lines;
}

/** A dub's segments as a segments document (the `segments.json` artifact). */
export function segmentsDocumentOf(segments: readonly Segment[], languages: { source?: string; target: string }): SegmentsDocument {
  return {
    version: 1,
    ...(languages.source && { source_language: languages.source }),
    target_language: languages.target,
    segments: segments.map(documentSegmentOf),
  };
}

/** One segment in the document's words (snake_case); the review API shows segments the same way. */
export function documentSegmentOf(segment: Segment) {
  return {
    id: segment.id,
    start_ms: segment.startMs,
    end_ms: segment.endMs,
    speaker: segment.speaker,
    source_text: segment.sourceText,
    target_text: segment.targetText,
    voice: segment.voice,
    locked: segment.locked,
    hash: segment.hash,
    clip: segment.clip && { sha256: segment.clip.sha256, duration_ms: segment.clip.durationMs },
    tempo: segment.tempo,
    overflow_ms: segment.overflowMs,
    warnings: [...segment.warnings],
  };
}

/**
 * A dub's segments read back from a job process's `segments.json` (the
 * worker stores them in the segment table). The job process is untrusted:
 * the document must fit the schema, every segment must carry a unique id,
 * and times must run forward.
 */
export function segmentsFromDocument(text: string): Segment[] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!checker.Check(value)) return undefined;
  const ids = new Set<string>();
  const segments: Segment[] = [];
  for (const entry of value.segments) {
    if (!entry.id || ids.has(entry.id) || entry.end_ms <= entry.start_ms) return undefined;
    ids.add(entry.id);
    segments.push({
      id: entry.id,
      startMs: entry.start_ms,
      endMs: entry.end_ms,
      speaker: entry.speaker ?? null,
      sourceText: entry.source_text ?? null,
      targetText: entry.target_text ?? null,
      voice: entry.voice ?? null,
      locked: entry.locked ?? false,
      hash: entry.hash ?? null,
      clip: entry.clip ? { sha256: entry.clip.sha256, durationMs: entry.clip.duration_ms } : null,
      tempo: entry.tempo ?? null,
      overflowMs: entry.overflow_ms ?? null,
      warnings: entry.warnings ?? [],
    });
  }
  return segments;
}
