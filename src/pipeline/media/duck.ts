/**
 * Ducking: the original audio's gain under the dub, from the segment
 * timeline (not from a sidechain detector, which would also duck for breaths
 * and miss quiet lines). Numbers from engines.md §4: Audacity's Auto Duck
 * uses −12 dB, 0.5 s fades and keeps ducking across pauses under 1 s.
 */
export const DEFAULT_DUCK_DB = -12;
export const DEFAULT_RAMP_MS = 400;
export const RAMP_RANGE_MS = [300, 500] as const;
export const DEFAULT_MERGE_GAP_MS = 1000;

export interface TimeSpan {
  readonly startMs: number;
  readonly endMs: number;
}

export interface DuckOptions {
  /** DUB_DUCK_DB: gain of the original under speech, −40 to 0 dB. */
  readonly duckDb?: number;
  /** Length of each fade, 300–500 ms: down before a segment starts, up after it ends. */
  readonly rampMs?: number;
  /** Segments closer than this stay ducked across the gap, instead of pumping up and down. */
  readonly mergeGapMs?: number;
}

export interface DuckPlan {
  readonly spans: readonly TimeSpan[];
  readonly gain: number;
  readonly rampMs: number;
}

/** Validates the options and merges the segments into the spans held ducked. */
export function planDucking(segments: readonly TimeSpan[], options: DuckOptions = {}): DuckPlan {
  const { duckDb = DEFAULT_DUCK_DB, rampMs = DEFAULT_RAMP_MS, mergeGapMs = DEFAULT_MERGE_GAP_MS } = options;
  if (!(duckDb >= -40 && duckDb <= 0)) throw new RangeError('duckDb must be within −40–0 dB');
  if (!(rampMs >= RAMP_RANGE_MS[0] && rampMs <= RAMP_RANGE_MS[1])) throw new RangeError(`rampMs must be within ${RAMP_RANGE_MS[0]}–${RAMP_RANGE_MS[1]}`);
  if (!(mergeGapMs >= 0)) throw new RangeError('mergeGapMs must be ≥ 0');
  const sorted = segments.filter((segment) => segment.endMs > segment.startMs).toSorted((a, b) => a.startMs - b.startMs);
  const spans: TimeSpan[] = [];
  for (const segment of sorted) {
    const last = spans.at(-1);
    if (last && segment.startMs - last.endMs <= mergeGapMs) spans[spans.length - 1] = { startMs: last.startMs, endMs: Math.max(last.endMs, segment.endMs) };
    else spans.push({ startMs: segment.startMs, endMs: segment.endMs });
  }
  return { spans, gain: 10 ** (duckDb / 20), rampMs };
}

/**
 * The original's gain for `frames` frames from `startFrame` (pure). Full duck
 * from a span's start to its end, so no word of the dub is heard over the
 * undimmed original; raised-cosine fades outside it. Where two fades meet,
 * the lower gain wins.
 */
export function duckGains(plan: DuckPlan, startFrame: number, frames: number, sampleRate: number): Float32Array {
  const gains = new Float32Array(frames).fill(1);
  const ramp = (plan.rampMs * sampleRate) / 1000;
  const endFrame = startFrame + frames;
  const depth = 1 - plan.gain;
  for (const span of plan.spans) {
    const spanStart = (span.startMs * sampleRate) / 1000;
    const spanEnd = (span.endMs * sampleRate) / 1000;
    if (spanEnd + ramp <= startFrame || spanStart - ramp >= endFrame) continue;
    const from = Math.max(startFrame, Math.ceil(spanStart - ramp));
    const to = Math.min(endFrame, Math.ceil(spanEnd + ramp));
    for (let frame = from; frame < to; frame++) {
      // 0 outside the fades, 1 inside the span.
      const into = frame < spanStart ? 1 - (spanStart - frame) / ramp : frame >= spanEnd ? 1 - (frame - spanEnd) / ramp : 1;
      const gain = 1 - depth * (0.5 - 0.5 * Math.cos(Math.PI * into));
      const index = frame - startFrame;
      if (gain < gains[index]!) gains[index] = gain;
    }
  }
  return gains;
}
