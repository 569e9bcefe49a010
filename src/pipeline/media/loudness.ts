import { runTool } from '../../media/run-tool.js';
import type { LocatedTool } from '../../media/toolchain.js';
import { mediaError } from './errors.js';
import { measureGatedProgramme, parseIntegratedLoudness } from './qa-measure.js';
import { passLimits, REPORTING, fileUrl, input } from './tools.js';
import { type WavInfo, readWavInfo, truncateWav } from './wav.js';

export interface LoudnessTarget {
  /** Integrated loudness, LUFS. */
  readonly i: number;
  /** Maximum true peak, dBTP. */
  readonly tp: number;
}

/** Podcast / mobile delivery (the default) and EBU R 128 broadcast (engines.md §4). */
export const LOUDNESS_TARGETS = {
  standard: { i: -16, tp: -1.5 },
  broadcast: { i: -23, tp: -1 },
} as const satisfies Record<string, LoudnessTarget>;

export interface LoudnessMeasurement {
  readonly inputI: number;
  readonly inputTp: number;
  readonly inputLra: number;
  /** The relative gate the integrated loudness was measured above (what loudnorm calls `thresh`). */
  readonly inputThresh: number;
}

/**
 * Loudness pass 1: the premix measured by `ebur128` (integrated loudness,
 * its relative gate, loudness range, true peak), which reads what loudnorm's
 * measuring pass reads to within 0.05 LU and 0.05 dB (qa-measure.ts) at a
 * sixth of the time: loudnorm works at 192 kHz, on a whole film twice. Null
 * for silence (−70 LUFS, the absolute gate), which has nothing to normalise.
 */
export async function measureLoudness(ffmpeg: LocatedTool, options: { input: string; target: LoudnessTarget; durationMs: number }): Promise<LoudnessMeasurement | null> {
  const measured = await measureGatedProgramme(ffmpeg, options.input, { durationMs: options.durationMs });
  if (!(measured.integratedLufs > -70)) return null;
  const values: LoudnessMeasurement = { inputI: measured.integratedLufs, inputTp: measured.truePeakDbtp, inputLra: measured.loudnessRangeLu, inputThresh: measured.gateLufs };
  for (const [name, value] of Object.entries(values)) if (!Number.isFinite(value)) throw mediaError('loudness_unparsed', `${name} is ${String(value)}`);
  return values;
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/**
 * alimiter looks ahead by its attack time and delays its output by as much
 * (240 frames at 48 kHz and 5 ms, measured): the pad and trim around it take
 * that back, so speech stays on its sample.
 */
const LIMITER_ATTACK_MS = 5;

/** True peak is the peak of the signal oversampled 4× (ITU-R BS.1770 annex 2; ebur128 and loudnorm measure it so). */
const TRUE_PEAK_RATE = 192_000;

export interface NormalizedMix {
  readonly mix: WavInfo;
  /** "linear" (one gain kept the true peak under the target's), "limited" (one gain, then peaks held down at 4× oversampling), or "none" (silence). */
  readonly normalization: Normalization;
  /** Gain added in a second run where the limiter took so much that the mix came out short of the target (dB; 0 when none was needed). */
  readonly makeupDb: number;
}

/**
 * A limited mix further than this under the target gets one more run with
 * the shortfall added: the limiter takes energy with the peaks, little for
 * speech (a few tenths of a LU) but up to 10 LU where transients carry the
 * loudness. QA warns about a dub 2 LU off (qa-thresholds.ts).
 */
const MAKEUP_TOLERANCE_LU = 0.5;
/** The most a second run adds: past this the limiter would flatten the speech itself. */
const MAX_MAKEUP_DB = 12;

export type Normalization = 'linear' | 'limited' | 'none';

/** A look-ahead limiter at `limit` (linear), at the stream's rate `rate`, that leaves every sample where it was. */
function limiterAt(rate: number, limit: string): string[] {
  const delay = Math.round((rate * LIMITER_ATTACK_MS) / 1000);
  // alimiter's `level` (auto level) defaults to on in ffmpeg and would undo the normalisation.
  return [`apad=pad_len=${delay}`, `alimiter=limit=${limit}:attack=${LIMITER_ATTACK_MS}:release=50:level=0`, `atrim=start_sample=${delay}`];
}

/**
 * The pass-2 filters for a premix measured as `measured`, ending in 48 kHz
 * stereo s16: the one gain that brings it to the target's integrated
 * loudness, then, only where that gain would carry the true peak past the
 * target's, a look-ahead limiter on the signal oversampled to 192 kHz, so
 * inter-sample peaks are held down too; then a limiter at 48 kHz as a guard
 * (resampling back can ring a little past the limit). Not loudnorm's dynamic
 * mode: it rides the gain over 3 s windows as well, which changes a line's
 * level against its neighbours, and at 192 kHz across the whole film it cost
 * 6.3 s for 3 minutes against 1.4 s for this (bundled ffmpeg, 2 cores), the
 * largest part of a re-render after a one-line edit. For silence (null) the
 * premix is only converted. `makeupDb` is added to the gain (see
 * normalizeLoudness).
 */
export function normalizationFilters(target: LoudnessTarget, measured: LoudnessMeasurement | null, makeupDb = 0): { filters: string[]; normalization: Normalization } {
  const close = 'aformat=sample_fmts=s16:sample_rates=48000:channel_layouts=stereo';
  if (!measured) return { filters: [close], normalization: 'none' };
  const limit = clamp(10 ** (target.tp / 20), 0.0625, 1).toFixed(4);
  const gainDb = target.i - measured.inputI;
  // loudnorm's own rule for its linear mode: one gain, when that keeps the true peak under the target's.
  const linear = measured.inputTp + gainDb <= target.tp;
  const gain = [`volume=${(gainDb + makeupDb).toFixed(2)}dB`, 'aformat=channel_layouts=stereo'];
  const truePeak = linear ? [] : [`aresample=${TRUE_PEAK_RATE}`, ...limiterAt(TRUE_PEAK_RATE, limit), 'aresample=48000'];
  return { filters: [...gain, ...truePeak, ...limiterAt(48_000, limit), close], normalization: linear ? 'linear' : 'limited' };
}

/**
 * Loudness pass 2 into the final 48 kHz stereo s16 mix, with the filters
 * above, exactly as long as the premix. A limited mix is measured again,
 * and run once more with the shortfall as make-up gain when the limiter took
 * more than MAKEUP_TOLERANCE_LU.
 */
export async function normalizeLoudness(
  ffmpeg: LocatedTool,
  options: { input: string; output: string; target: LoudnessTarget; measured: LoudnessMeasurement | null; durationMs: number },
): Promise<NormalizedMix> {
  // A limited run also measures what it wrote (ebur128 passes the samples through unchanged), for the make-up check.
  const run = async (makeupDb: number) => {
    const { filters, normalization } = normalizationFilters(options.target, options.measured, makeupDb);
    const measuring = normalization === 'limited' ? ['ebur128=framelog=verbose', filters.at(-1)!] : [];
    const { stderr } = await runTool(
      ffmpeg,
      [...REPORTING, ...input(options.input, 'wav'), '-map', '0:a:0', '-map_metadata', '-1', '-fflags', '+bitexact', '-af', [...filters, ...measuring].join(','), '-c:a', 'pcm_s16le', '-f', 'wav', '-y', fileUrl(options.output)],
      passLimits(options.durationMs),
    );
    return { normalization, loudness: normalization === 'limited' ? parseIntegratedLoudness(stderr) : null };
  };
  const { normalization, loudness } = await run(0);
  let makeupDb = 0;
  const shortfall = loudness === null ? 0 : options.target.i - loudness;
  if (shortfall > MAKEUP_TOLERANCE_LU) {
    makeupDb = Math.min(shortfall, MAX_MAKEUP_DB);
    await run(makeupDb);
  }
  const source = await readWavInfo(options.input);
  let mix = await readWavInfo(options.output);
  // The pads at the limiters may leave a frame or two more than came in; the mix keeps the premix's exact length.
  if (mix.frames > source.frames) mix = await truncateWav(options.output, source.frames);
  return { mix, normalization, makeupDb };
}
