/**
 * The QA report's thresholds, one named constant each with where its number
 * comes from (docs/qa.md lists them for people; a test keeps the two in
 * step). Clip thresholds were calibrated on espeak-ng clips fitted by
 * `fitClip` at tempo 1.0, 1.2 and 1.35 with both tempo filters, clean and
 * driven 3–20 dB past full scale (numbers in docs/qa.md).
 */

/**
 * A/V drift past this is a failure: ITU-R BT.1359-1 puts detectability at
 * about 45 ms of sound ahead of vision (125 ms behind), and EBU R 37 allows
 * 40 ms ahead (60 ms behind) at distribution; 40 ms either way is the
 * stricter of them. Correct files read 0 ms (engines.md §4: PTS rounding of
 * 10–50 ms per clip is what placing clips at sample offsets avoids).
 */
export const MAX_DRIFT_MS = 40;

/** Speed-ups above this are warned about: peers accept 1.15–1.2× and comprehension gets harder past ~1.25× (engines.md §4). */
export const TEMPO_ACCEPT = 1.2;

/** A clip whose tempo is within this of the cap was capped (the cap is applied exactly, this only absorbs float noise). */
export const TEMPO_CAP_EPSILON = 1e-6;

/** Any measured overflow (whole ms past the slot) is a warning: the line runs into the next one or past the gap it may borrow. */
export const OVERFLOW_WARN_MS = 0;

/** Past this the overflow is a failure: VideoLingo truncates up to 0.6 s and KrillinAI warns past 0.6 s (engines.md §4). */
export const OVERFLOW_FAIL_MS = 600;

/**
 * A clip's peak this close to full scale counts as "at full scale": fitted
 * clips are s16, and samples clamped there read 0.00 dBFS. Clean espeak
 * clips peak at −1.2 dBFS and below.
 */
export const CLIP_PEAK_DBFS = -0.1;

/**
 * Samples at the extreme values past which a clip at full scale is clipped:
 * 60 clean fitted espeak clips all read 2–3; driven 2.5 dB or more past
 * full scale they read 31–12,834 (a clipped 2 s sine: 82,800).
 */
export const CLIP_MIN_PEAK_COUNT = 10;

/**
 * And the flat factor (dB) they must also reach, so that a clean tone at
 * full scale (every cycle touches the same top value: a high count, a flat
 * factor of 0) is not clipping. Clipped clips fitted by atempo (or only
 * resampled), which smears the plateaus, still read 5.6–8.9 dB; rubberband
 * 14.7–22.9 dB.
 */
export const CLIP_MIN_FLAT_FACTOR_DB = 3;

/**
 * A flat factor this high is clipping at any level: plateaus that were
 * clipped and then turned down (a TTS engine's own gain) keep their runs.
 * engines.md §4: a clipped sine reads 29.3 dB and survives −6 dB; unfitted
 * espeak clipped then −6 dB reads 20–22 dB; clean clips read 0–4.4 dB.
 * Resampling smears such plateaus, so this only catches what reaches the
 * fitted clip unresampled (a 48 kHz engine at tempo 1.0).
 */
export const CLIP_BAKED_FLAT_FACTOR_DB = 15;

/** RMS below this is a silent clip: the quietest real speech tried (espeak at −20 dB) reads −43 dBFS; silence is −inf. */
export const SILENT_RMS_DBFS = -60;

/** A clip shorter than this is a failure: about one syllable, shorter than any real line (espeak's "No!" is 362 ms, 268 ms at 1.35×). */
export const MIN_CLIP_MS = 200;

/**
 * The spoken-length ratio (target / source, in weighted characters) outside
 * which a line is warned about. Whole-text expansion between languages is
 * +10–40 % (IBM A3: +30 % past 70 characters); a line halved or doubled is
 * more likely mistranslated, cut off or padded than rephrased, and a
 * doubled line cannot fit its slot within any tempo cap (1.5× at most).
 */
export const LENGTH_RATIO_MIN = 0.5;
export const LENGTH_RATIO_MAX = 2.0;

/**
 * Shorter sources (weighted characters) get no ratio warning: IBM's
 * globalization guideline A3 (also cited by W3C's "Text size in
 * translation") expects +100–200 % for strings up to 10 characters and
 * +80–100 % up to 20, so a doubling is normal there; from 21 on it
 * expects at most +80 %.
 */
export const LENGTH_RATIO_MIN_SOURCE = 20;

/**
 * How a character counts toward spoken length, against one Latin letter
 * or digit: a kana or hangul syllable is a mora or syllable (~2 letters),
 * a Han character one to two syllables (~3). Without weights every
 * Japanese → English line (anime's usual pair) would read 2–4×; a
 * translators' rule of thumb is English words = Japanese characters / 1.8,
 * about 2.6 letters per character, which mixed kana and kanji at 2 and 3
 * match. Spaces and punctuation are not spoken and do not count.
 */
export const LENGTH_WEIGHTS = { han: 3, kanaHangul: 2, other: 1 } as const;

/** Programme true peak above this is a warning: EBU R 128's maximum, also Netflix's QC limit (engines.md §4). */
export const MAX_TRUE_PEAK_DBTP = -1;

/** Programme loudness further than this from its target is a warning: Netflix QC allows ±2 LU around its dialogue target; R 128 ±1 LU in production (engines.md §4). */
export const LOUDNESS_TOLERANCE_LU = 2;

/** Every threshold a report uses; `buildQaReport` takes overrides of any of them. */
export interface QaThresholds {
  readonly maxDriftMs: number;
  readonly tempoAccept: number;
  readonly overflowWarnMs: number;
  readonly overflowFailMs: number;
  readonly clipPeakDbfs: number;
  readonly clipMinPeakCount: number;
  readonly clipMinFlatFactorDb: number;
  readonly clipBakedFlatFactorDb: number;
  readonly silentRmsDbfs: number;
  readonly minClipMs: number;
  readonly lengthRatioMin: number;
  readonly lengthRatioMax: number;
  readonly lengthRatioMinSource: number;
  readonly maxTruePeakDbtp: number;
  readonly loudnessToleranceLu: number;
}

export const QA_THRESHOLDS: QaThresholds = Object.freeze({
  maxDriftMs: MAX_DRIFT_MS,
  tempoAccept: TEMPO_ACCEPT,
  overflowWarnMs: OVERFLOW_WARN_MS,
  overflowFailMs: OVERFLOW_FAIL_MS,
  clipPeakDbfs: CLIP_PEAK_DBFS,
  clipMinPeakCount: CLIP_MIN_PEAK_COUNT,
  clipMinFlatFactorDb: CLIP_MIN_FLAT_FACTOR_DB,
  clipBakedFlatFactorDb: CLIP_BAKED_FLAT_FACTOR_DB,
  silentRmsDbfs: SILENT_RMS_DBFS,
  minClipMs: MIN_CLIP_MS,
  lengthRatioMin: LENGTH_RATIO_MIN,
  lengthRatioMax: LENGTH_RATIO_MAX,
  lengthRatioMinSource: LENGTH_RATIO_MIN_SOURCE,
  maxTruePeakDbtp: MAX_TRUE_PEAK_DBTP,
  loudnessToleranceLu: LOUDNESS_TOLERANCE_LU,
});
