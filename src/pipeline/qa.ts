import { MAX_GAP_BORROW_MS } from './media/fit.js';
import type { ClipMeasure, DriftMeasure, ProgrammeMeasure } from './media/qa-measure.js';
import { LENGTH_WEIGHTS, QA_THRESHOLDS, type QaThresholds, TEMPO_CAP_EPSILON } from './qa-thresholds.js';
import type { Segment } from './segments.js';

export * from './qa-thresholds.js';

/**
 * The dub's QA report (`qa.json`) from the measurements, pure: the QA stage
 * measures (media/qa-measure.ts), this decides. Every finding names its
 * segment (null for the programme's), its value and the threshold it
 * crossed, so a person can go straight to the line and see by how much.
 */

export type QaSeverity = 'failure' | 'warning';

/** Every check the report makes and how grave it is; docs/qa.md describes each (a test keeps them in step). */
export const QA_CHECKS = {
  tempo_high: 'warning',
  tempo_capped: 'warning',
  overflow: 'warning',
  overflow_long: 'failure',
  clipping: 'failure',
  silent: 'failure',
  too_short: 'failure',
  clip_missing: 'failure',
  untranslated: 'failure',
  length_ratio: 'warning',
  drift: 'failure',
  true_peak: 'warning',
  loudness_off_target: 'warning',
} as const satisfies Record<string, QaSeverity>;

export type QaCode = keyof typeof QA_CHECKS;

export interface QaFinding {
  readonly code: QaCode;
  readonly severity: QaSeverity;
  /** The segment's id; null for a finding about the whole programme. */
  readonly segment: string | null;
  readonly message: string;
  /** What was measured (null where there is no number: an untranslated line). */
  readonly value: number | null;
  readonly threshold: number | null;
}

export interface QaSegment {
  readonly id: string;
  readonly start_ms: number;
  readonly end_ms: number;
  readonly tempo: number | null;
  readonly overflow_ms: number | null;
  readonly clip_ms: number | null;
  readonly peak_db: number | null;
  readonly rms_db: number | null;
  readonly flat_factor: number | null;
  readonly peak_count: number | null;
  readonly clipping: boolean;
  readonly silent: boolean;
  readonly too_short: boolean;
  readonly untranslated: boolean;
  readonly length_ratio: number | null;
  readonly findings: QaFinding[];
}

export interface QaReport {
  readonly segments: QaSegment[];
  readonly overall: {
    readonly integrated_lufs: number | null;
    readonly true_peak_dbtp: number | null;
    readonly loudness_range_lu: number | null;
    readonly target_lufs: number | null;
    /** The highest tempo any line was sped up to; `tempo_cap` is the dub's limit. */
    readonly max_tempo: number | null;
    readonly tempo_cap: number;
    readonly drift_ms: number;
    readonly counts: Partial<Record<QaCode, number>>;
    readonly failures: number;
    readonly warnings: number;
    readonly findings: QaFinding[];
  };
}

export interface QaInput {
  readonly segments: readonly Segment[];
  /** The fitted clip's measurement per segment id; a line with words but no entry is `clip_missing`. */
  readonly clips: ReadonlyMap<string, ClipMeasure>;
  /** The dub track of dubbed.mp4 (or state/mix.wav). */
  readonly programme: ProgrammeMeasure;
  /** dubbed.mp4's streams; the video's end also bounds the last line's slot. */
  readonly drift: DriftMeasure;
  /** The dub's tempo cap, and the loudness it was normalised to (no target: no loudness finding). */
  readonly settings: { readonly maxTempo: number; readonly targetLufs?: number };
  readonly thresholds?: Partial<QaThresholds>;
}

/** JSON has no ±Infinity: a level of digital silence is null. */
const finite = (value: number | null | undefined, digits = 2): number | null =>
  value === null || value === undefined || !Number.isFinite(value) ? null : Number(value.toFixed(digits));

const folded = (text: string | null) => (text ?? '').normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();

/** Spoken length in Latin-letter equivalents (LENGTH_WEIGHTS): letters, digits and marks weigh, spaces and punctuation do not. */
export function spokenLength(text: string): number {
  let length = 0;
  for (const char of text.normalize('NFKC')) {
    if (/\p{Script=Han}/u.test(char)) length += LENGTH_WEIGHTS.han;
    else if (/[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(char)) length += LENGTH_WEIGHTS.kanaHangul;
    else if (/[\p{L}\p{N}]/u.test(char)) length += LENGTH_WEIGHTS.other;
  }
  return length;
}

/**
 * Which rule finds a clip clipped, if any: `full_scale`, many samples held
 * at full scale in runs (what fitting leaves of clipping), or `plateau`,
 * runs long enough to be clipping at any level (clipped, then turned down).
 * Thresholds in qa-thresholds.ts, calibrated in docs/qa.md.
 */
export function clippingRule(clip: ClipMeasure, thresholds: QaThresholds = QA_THRESHOLDS): 'full_scale' | 'plateau' | null {
  // Digital silence sits at its own "peak" in every sample: many runs, no sound.
  if (!(clip.rmsDb >= thresholds.silentRmsDbfs)) return null;
  if (clip.peakDb >= thresholds.clipPeakDbfs && clip.peakCount >= thresholds.clipMinPeakCount && clip.flatFactor >= thresholds.clipMinFlatFactorDb) return 'full_scale';
  return clip.flatFactor >= thresholds.clipBakedFlatFactorDb ? 'plateau' : null;
}

/** Whether a clip's statistics show clipping (either rule of `clippingRule`). */
export function isClipping(clip: ClipMeasure, thresholds: QaThresholds = QA_THRESHOLDS): boolean {
  return clippingRule(clip, thresholds) !== null;
}

function finding(code: QaCode, segment: string | null, message: string, value: number | null, threshold: number | null): QaFinding {
  return { code, severity: QA_CHECKS[code], segment, message, value: finite(value), threshold };
}

function checkSegment(segment: Segment, next: Segment | undefined, input: QaInput, t: QaThresholds): QaSegment {
  const clip = input.clips.get(segment.id);
  const { id, startMs, endMs } = segment;
  const findings: QaFinding[] = [];
  const add = (code: QaCode, message: string, value: number | null, threshold: number | null) => findings.push(finding(code, id, message, value, threshold));

  const untranslated = !folded(segment.targetText) || (segment.sourceText !== null && folded(segment.targetText) === folded(segment.sourceText));
  if (untranslated) add('untranslated', folded(segment.targetText) ? 'the target text is the source text' : 'no target text', null, null);

  const sourceLength = segment.sourceText ? spokenLength(segment.sourceText) : 0;
  const lengthRatio = sourceLength > 0 && !untranslated ? spokenLength(segment.targetText ?? '') / sourceLength : null;
  if (lengthRatio !== null && sourceLength >= t.lengthRatioMinSource && (lengthRatio < t.lengthRatioMin || lengthRatio > t.lengthRatioMax)) {
    const bound = lengthRatio < t.lengthRatioMin ? t.lengthRatioMin : t.lengthRatioMax;
    add('length_ratio', `the translation is ${lengthRatio.toFixed(2)}× the source's spoken length`, lengthRatio, bound);
  }

  const tempo = segment.tempo;
  if (tempo !== null && tempo >= input.settings.maxTempo - TEMPO_CAP_EPSILON && tempo > 1) add('tempo_capped', `sped up to the cap, ${input.settings.maxTempo}×`, tempo, input.settings.maxTempo);
  else if (tempo !== null && tempo > t.tempoAccept) add('tempo_high', `sped up to ${tempo.toFixed(2)}×`, tempo, t.tempoAccept);

  // The slot a clip may fill, as fitting gave it (media/fit.ts): its own time plus up to 1.5 s of the gap after it; the video's end bounds the last.
  const nextStartMs = next?.startMs ?? input.drift.video.endMs;
  const slotEndMs = endMs + Math.min(MAX_GAP_BORROW_MS, Math.max(0, nextStartMs - endMs));
  const overflowMs = clip ? Math.max(0, Math.round(startMs + clip.durationMs - slotEndMs)) : segment.overflowMs === null ? null : Math.round(segment.overflowMs);
  if (overflowMs !== null && overflowMs > t.overflowFailMs) add('overflow_long', `runs ${overflowMs} ms past its slot`, overflowMs, t.overflowFailMs);
  else if (overflowMs !== null && overflowMs > t.overflowWarnMs) add('overflow', `runs ${overflowMs} ms past its slot`, overflowMs, t.overflowWarnMs);

  const silent = clip !== undefined && !(clip.rmsDb >= t.silentRmsDbfs);
  const tooShort = clip !== undefined && clip.durationMs < t.minClipMs;
  const rule = clip ? clippingRule(clip, t) : null;
  const clipping = rule !== null;
  if (!clip && folded(segment.targetText)) add('clip_missing', 'the line has words but no fitted clip was measured', null, null);
  if (clip && silent) add('silent', `the clip is silent (RMS ${Number.isFinite(clip.rmsDb) ? `${clip.rmsDb.toFixed(1)} dBFS` : '−∞'})`, clip.rmsDb, t.silentRmsDbfs);
  if (clip && tooShort) add('too_short', `the clip lasts ${Math.round(clip.durationMs)} ms`, clip.durationMs, t.minClipMs);
  if (clip && clipping) {
    const baked = rule === 'plateau';
    add('clipping', `the clip is clipped (peak ${clip.peakDb.toFixed(2)} dBFS, flat factor ${clip.flatFactor.toFixed(1)} dB, ${clip.peakCount} samples at the peak)`,
      baked ? clip.flatFactor : clip.peakCount, baked ? t.clipBakedFlatFactorDb : t.clipMinPeakCount);
  }

  return {
    id, start_ms: startMs, end_ms: endMs, tempo: finite(tempo, 4), overflow_ms: overflowMs, clip_ms: finite(clip?.durationMs, 1),
    peak_db: finite(clip?.peakDb), rms_db: finite(clip?.rmsDb), flat_factor: finite(clip?.flatFactor), peak_count: finite(clip?.peakCount, 0),
    clipping, silent, too_short: tooShort, untranslated, length_ratio: finite(lengthRatio, 3), findings,
  };
}

/** The QA report: per-segment checks, the programme's loudness and drift, and the totals (pure; thresholds overridable). */
export function buildQaReport(input: QaInput): QaReport {
  const t: QaThresholds = { ...QA_THRESHOLDS, ...input.thresholds };
  const segments = input.segments.map((segment, index) => checkSegment(segment, input.segments[index + 1], input, t));
  const { programme, drift, settings } = input;
  const overall: QaFinding[] = [];
  if (drift.driftMs > t.maxDriftMs) overall.push(finding('drift', null, `audio and video are ${Math.round(drift.driftMs)} ms apart`, drift.driftMs, t.maxDriftMs));
  if (programme.truePeakDbtp > t.maxTruePeakDbtp) overall.push(finding('true_peak', null, `true peak ${programme.truePeakDbtp.toFixed(1)} dBTP`, programme.truePeakDbtp, t.maxTruePeakDbtp));
  if (settings.targetLufs !== undefined && !(Math.abs(programme.integratedLufs - settings.targetLufs) <= t.loudnessToleranceLu)) {
    overall.push(finding('loudness_off_target', null, `integrated loudness ${programme.integratedLufs.toFixed(1)} LUFS against a target of ${settings.targetLufs}`, programme.integratedLufs, settings.targetLufs));
  }
  const all = [...segments.flatMap((segment) => segment.findings), ...overall];
  const counts: Partial<Record<QaCode, number>> = {};
  for (const { code } of all) counts[code] = (counts[code] ?? 0) + 1;
  const tempos = segments.map((segment) => segment.tempo).filter((tempo): tempo is number => tempo !== null);
  return {
    segments,
    overall: {
      integrated_lufs: finite(programme.integratedLufs, 1),
      true_peak_dbtp: finite(programme.truePeakDbtp, 1),
      loudness_range_lu: finite(programme.loudnessRangeLu, 1),
      target_lufs: settings.targetLufs ?? null,
      max_tempo: tempos.length ? Math.max(...tempos) : null,
      tempo_cap: settings.maxTempo,
      drift_ms: Number(drift.driftMs.toFixed(1)),
      counts,
      failures: all.filter((item) => item.severity === 'failure').length,
      warnings: all.filter((item) => item.severity === 'warning').length,
      findings: overall,
    },
  };
}
