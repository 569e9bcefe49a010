import { runTool } from '../../media/run-tool.js';
import type { LocatedTool } from '../../media/toolchain.js';
import { mediaError } from './errors.js';
import { measureGatedProgramme } from './qa-measure.js';
import { passLimits, fileUrl, input } from './tools.js';
import { type WavInfo, readWavInfo, truncateWav } from './wav.js';

export interface LoudnessTarget {
  /** Integrated loudness, LUFS. */
  readonly i: number;
  /** Maximum true peak, dBTP. */
  readonly tp: number;
  /** Loudness range; it only matters where loudnorm has to fall back to dynamic mode. */
  readonly lra: number;
}

/** Podcast / mobile delivery (the default) and EBU R 128 broadcast (engines.md §4). */
export const LOUDNESS_TARGETS = {
  standard: { i: -16, tp: -1.5, lra: 11 },
  broadcast: { i: -23, tp: -1, lra: 11 },
} as const satisfies Record<string, LoudnessTarget>;

export interface LoudnessMeasurement {
  readonly inputI: number;
  readonly inputTp: number;
  readonly inputLra: number;
  readonly inputThresh: number;
  /** The gain loudnorm's dynamic mode adds before its limiter (0: ebur128 measures the input as it is). */
  readonly targetOffset: number;
}

/**
 * loudnorm's report from ffmpeg's stderr: the last `{…}` block that holds
 * `input_i`, whatever is logged around it (other filters, warnings, a
 * `[Parsed_loudnorm_0 @ 0x…]` prefix). The values come as strings and may
 * be "-inf" for silence, so each is parsed and checked.
 */
export function parseLoudnormReport(stderr: string): Record<string, string> {
  const end = stderr.lastIndexOf('}');
  const start = end < 0 ? -1 : stderr.lastIndexOf('{', end);
  if (start < 0) throw mediaError('loudness_unparsed', 'no JSON block on stderr');
  let parsed: unknown;
  try {
    parsed = JSON.parse(stderr.slice(start, end + 1));
  } catch {
    throw mediaError('loudness_unparsed', 'the last block is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || !('input_i' in parsed)) throw mediaError('loudness_unparsed', 'no input_i in the report');
  return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, String(value)]));
}

function targetArgs(target: LoudnessTarget): string {
  return `I=${target.i}:TP=${target.tp}:LRA=${target.lra}`;
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
  const values: LoudnessMeasurement = { inputI: measured.integratedLufs, inputTp: measured.truePeakDbtp, inputLra: measured.loudnessRangeLu, inputThresh: measured.gateLufs, targetOffset: 0 };
  for (const [name, value] of Object.entries(values)) if (!Number.isFinite(value)) throw mediaError('loudness_unparsed', `${name} is ${String(value)}`);
  return values;
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/**
 * alimiter looks ahead by its attack time and delays its output by as much
 * (240 frames at 5 ms, measured): the pad and trim around it take that back,
 * so speech stays on its sample.
 */
const LIMITER_ATTACK_MS = 5;
const LIMITER_DELAY_FRAMES = (48_000 * LIMITER_ATTACK_MS) / 1000;

export interface NormalizedMix {
  readonly mix: WavInfo;
  /** "linear" (one gain, what pass 1 is for), "dynamic" (loudnorm's: one gain would have passed the true-peak limit), or "none" (silence). */
  readonly normalization: string;
}

/**
 * Loudness pass 2 into the final 48 kHz stereo s16 mix: one gain to the
 * target where that keeps the true peak under the target's (loudnorm's
 * linear mode, as a plain `volume`), else loudnorm's dynamic mode with the
 * measured values, back to 48 kHz (loudnorm works at 192 kHz); then a
 * limiter as a guard at the target's peak. alimiter's
 * `level` (auto level) defaults to on in ffmpeg and would undo the
 * normalisation: it is switched off. For silence (no measurement) the
 * premix is only converted.
 */
export async function normalizeLoudness(
  ffmpeg: LocatedTool,
  options: { input: string; output: string; target: LoudnessTarget; measured: LoudnessMeasurement | null; durationMs: number },
): Promise<NormalizedMix> {
  const { target, measured } = options;
  const limit = clamp(10 ** (target.tp / 20), 0.0625, 1).toFixed(4);
  const gainDb = measured ? target.i - measured.inputI : 0;
  // loudnorm's own rule for linear mode: one gain, when it keeps the true peak under the target's.
  const linear = measured !== null && measured.inputTp + gainDb <= target.tp;
  const guard = [`apad=pad_len=${LIMITER_DELAY_FRAMES}`, `alimiter=limit=${limit}:attack=${LIMITER_ATTACK_MS}:release=50:level=0`, `atrim=start_sample=${LIMITER_DELAY_FRAMES}`];
  const chain = !measured
    ? []
    : linear
      ? // The same single gain loudnorm's linear mode applies, without its 192 kHz round trip.
        [`volume=${gainDb.toFixed(2)}dB`, 'aformat=channel_layouts=stereo', ...guard]
      : [
          `loudnorm=${targetArgs(target)}:measured_I=${clamp(measured.inputI, -99, 0).toFixed(2)}:measured_TP=${clamp(measured.inputTp, -99, 99).toFixed(2)}` +
            `:measured_LRA=${clamp(measured.inputLra, 0, 99).toFixed(2)}:measured_thresh=${clamp(measured.inputThresh, -99, 0).toFixed(2)}` +
            `:offset=${clamp(measured.targetOffset, -99, 99).toFixed(2)}:linear=true:print_format=json`,
          // loudnorm's output has no channel layout on some builds; apad cannot negotiate one without it.
          'aresample=48000',
          'aformat=channel_layouts=stereo',
          ...guard,
        ];
  // The closing aformat is not optional: without it this ffmpeg cannot pick a channel layout after loudnorm.
  chain.push('aformat=sample_fmts=s16:sample_rates=48000:channel_layouts=stereo');
  const { stderr } = await runTool(
    ffmpeg,
    ['-hide_banner', '-nostdin', '-nostats', '-v', 'info', ...input(options.input, 'wav'), '-map', '0:a:0', '-map_metadata', '-1', '-fflags', '+bitexact', '-af', chain.join(','), '-c:a', 'pcm_s16le', '-f', 'wav', '-y', fileUrl(options.output)],
    passLimits(options.durationMs),
  );
  const source = await readWavInfo(options.input);
  let mix = await readWavInfo(options.output);
  // The pad at the limiter may leave a frame or two more than came in; the mix keeps the premix's exact length.
  if (mix.frames > source.frames) mix = await truncateWav(options.output, source.frames);
  return { mix, normalization: !measured ? 'none' : linear ? 'linear' : (parseLoudnormReport(stderr).normalization_type ?? 'unknown') };
}
