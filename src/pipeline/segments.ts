import { createHash } from 'node:crypto';

/**
 * The dub's one segment table, as the stages and the worker pass it around.
 * A segment's id is given once (when the dub's lines are first known: from an
 * import or from the transcript) and never changes; every stage reads and
 * writes segments by id and none re-aligns lines by matching their text.
 * Times are milliseconds of the source video.
 */
export interface Segment {
  /** `s0001`, `s0002`, … in source order; stable for the life of the dub. */
  readonly id: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly speaker: string | null;
  readonly sourceText: string | null;
  readonly targetText: string | null;
  /** The voice this line is spoken with; null: the speaker's voice or the dub's default. */
  readonly voice: string | null;
  /** A locked segment keeps its clip: no later run changes it. */
  readonly locked: boolean;
  /** What the clip depends on (text, voice, timing, engine), hashed; null until synthesized. */
  readonly hash: string | null;
  readonly clip: { readonly sha256: string; readonly durationMs: number } | null;
  /** The speed-up applied to fit the line in its slot (1 = none). */
  readonly tempo: number | null;
  /** How far the fitted line runs past its budget, after the tempo cap. */
  readonly overflowMs: number | null;
  readonly warnings: readonly string[];
}

/** Most segments one dub may have: a two-hour film has about 2,000 lines. */
export const MAX_SEGMENTS = 5_000;
/** Longest text of one line, in characters. */
export const MAX_LINE_CHARS = 2_000;

/** The id of the n-th segment (0-based) in source order. */
export function segmentId(index: number): string {
  return `s${String(index + 1).padStart(4, '0')}`;
}

/** A segment as first known, before any clip exists. */
export function newSegment(index: number, fields: { startMs: number; endMs: number; speaker?: string | null; sourceText?: string | null; targetText?: string | null; voice?: string | null }): Segment {
  return {
    id: segmentId(index),
    startMs: fields.startMs,
    endMs: fields.endMs,
    speaker: fields.speaker ?? null,
    sourceText: fields.sourceText ?? null,
    targetText: fields.targetText ?? null,
    voice: fields.voice ?? null,
    locked: false,
    hash: null,
    clip: null,
    tempo: null,
    overflowMs: null,
    warnings: [],
  };
}

/**
 * The hash of what a segment's fitted clip depends on: the words, the voice
 * and engine that speak them, and the slot they must fit (start, end and the
 * next line's start, which bounds the budget). Equal hashes mean the clip
 * can be kept as it is.
 */
export function clipHash(input: { text: string; voice: string; engine: string; startMs: number; endMs: number; nextStartMs: number | null; maxTempo: number }): string {
  return createHash('sha256')
    .update(JSON.stringify([input.engine, input.voice, input.text, input.startMs, input.endMs, input.nextStartMs, input.maxTempo]))
    .digest('hex');
}
