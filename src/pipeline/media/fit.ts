import { runTool } from '../../media/run-tool.js';
import type { LocatedTool } from '../../media/toolchain.js';
import { mediaError } from './errors.js';
import { passLimits, QUIET, fileUrl, input } from './tools.js';
import { type WavFormat, type WavInfo, readWavInfo, truncateWav } from './wav.js';

/** DUB_MAX_TEMPO's default and its ceiling: past ~1.25× compressed speech gets hard to follow (engines.md §4). */
export const DEFAULT_MAX_TEMPO = 1.35;
export const TEMPO_CEILING = 1.5;
/** Up to this much speed-up is applied without a warning. */
export const SILENT_TEMPO = 1.15;
/** How much of the gap to the next segment a clip may spill into. */
export const MAX_GAP_BORROW_MS = 1500;
/** A fitted clip's length must be within this share of clipMs / tempo. */
export const LENGTH_TOLERANCE = 0.02;

/** Fitted clips are what the dub track is built from: 48 kHz mono s16. */
export const CLIP_FORMAT: WavFormat = { sampleRate: 48_000, channels: 1, sampleFormat: 's16' };

export interface FitInput {
  /** The synthesized clip's length at tempo 1.0, as measured. */
  readonly clipMs: number;
  readonly startMs: number;
  readonly endMs: number;
  /** Where the next segment starts; for the last one pass the media's duration (omitted: the full 1.5 s is allowed). */
  readonly nextStartMs?: number;
  readonly maxTempo: number;
  readonly silentTempo?: number;
}

export interface FitPlan {
  readonly clipMs: number;
  /** ≥ 1.0 always: speech is never slowed down, a short clip is followed by silence instead. */
  readonly tempo: number;
  /** The segment's duration plus what it may borrow of the gap after it. */
  readonly budgetMs: number;
  /** Silence between the fitted clip's end and the segment's end. */
  readonly padMs: number;
  /** How far the fitted clip runs past its budget when the tempo is capped. */
  readonly overflowMs: number;
  readonly warnings: string[];
}

/** Decides a clip's tempo from the rules of the dub's time-fitting (pure). */
export function planFit(fit: FitInput): FitPlan {
  const { clipMs, startMs, endMs, nextStartMs, maxTempo, silentTempo = SILENT_TEMPO } = fit;
  if (!(clipMs > 0) || !Number.isFinite(clipMs)) throw new RangeError('clipMs must be a positive number');
  if (!Number.isFinite(startMs) || !Number.isFinite(endMs) || startMs < 0 || endMs <= startMs) throw new RangeError('a segment needs 0 ≤ startMs < endMs');
  if (!(maxTempo >= 1 && maxTempo <= TEMPO_CEILING)) throw new RangeError(`maxTempo must be within 1.0–${TEMPO_CEILING}`);
  if (!(silentTempo >= 1 && silentTempo <= maxTempo)) throw new RangeError('silentTempo must be within 1.0–maxTempo');

  const durationMs = endMs - startMs;
  const gapMs = nextStartMs === undefined ? MAX_GAP_BORROW_MS : Math.max(0, nextStartMs - endMs);
  const budgetMs = durationMs + Math.min(MAX_GAP_BORROW_MS, gapMs);
  const needed = clipMs / budgetMs;
  const warnings: string[] = [];
  let tempo = Math.max(1, needed);
  let overflowMs = 0;
  if (tempo > maxTempo) {
    tempo = maxTempo;
    overflowMs = clipMs / maxTempo - budgetMs;
    warnings.push(`needs ${needed.toFixed(2)}× to fit; capped at ${maxTempo}×, it runs ${Math.round(overflowMs)} ms over`);
  } else if (tempo > silentTempo) {
    warnings.push(`sped up to ${tempo.toFixed(2)}×, above ${silentTempo}×`);
  }
  return { clipMs, tempo, budgetMs, padMs: Math.max(0, durationMs - clipMs / tempo), overflowMs, warnings };
}

const rubberbandByBinary = new Map<string, Promise<boolean>>();

/** Whether this ffmpeg was built with librubberband (asked once per binary via `ffmpeg -filters`). */
export function hasRubberband(ffmpeg: LocatedTool): Promise<boolean> {
  let known = rubberbandByBinary.get(ffmpeg.path);
  if (!known) {
    known = runTool(ffmpeg, ['-hide_banner', '-filters'], { timeoutMs: 15_000, maxOutputBytes: 1024 * 1024, memoryBytes: 1024 * 1024 * 1024 }).then(
      ({ stdout }) => /^\s*\S+\s+rubberband\s/m.test(stdout.toString('utf8')),
    );
    known.catch(() => rubberbandByBinary.delete(ffmpeg.path));
    rubberbandByBinary.set(ffmpeg.path, known);
  }
  return known;
}

export type TempoFilter = 'rubberband' | 'atempo';

/**
 * Silence appended before the tempo filter. ffmpeg's rubberband filter does
 * not flush its last ~60 ms at end of stream (measured on the bundled build)
 * and atempo loses ~13 ms: the pad carries that loss, and the result is cut
 * back to the exact fitted length afterwards.
 */
const TAIL_PAD_FRAMES = 12_000;

export interface FittedClip extends WavInfo {
  readonly filter: TempoFilter | 'none';
}

/**
 * One ffmpeg pass per clip: to 48 kHz mono, the tempo applied (rubberband,
 * which keeps speech natural at these ratios, when ffmpeg has it; else
 * atempo), s16 WAV out, then cut in place to round(clipMs × 48 / tempo)
 * frames. Before the cut the length must show the tempo really happened:
 * at least 98 % of that, and no more than 2 % over plus the pad.
 */
export async function fitClip(ffmpeg: LocatedTool, options: { input: string; output: string; plan: Pick<FitPlan, 'clipMs' | 'tempo'>; filter?: TempoFilter }): Promise<FittedClip> {
  const { clipMs, tempo } = options.plan;
  const stretch = tempo !== 1;
  const filter: TempoFilter | 'none' = stretch ? (options.filter ?? ((await hasRubberband(ffmpeg)) ? 'rubberband' : 'atempo')) : 'none';
  const tempoArg = tempo.toFixed(6);
  const chain = [
    `aresample=${CLIP_FORMAT.sampleRate}`,
    'aformat=sample_fmts=flt:channel_layouts=mono',
    ...(stretch ? [`apad=pad_len=${TAIL_PAD_FRAMES}`, filter === 'rubberband' ? `rubberband=tempo=${tempoArg}` : `atempo=${tempoArg}`] : []),
    `aformat=sample_fmts=s16:sample_rates=${CLIP_FORMAT.sampleRate}:channel_layouts=mono`,
  ].join(',');
  await runTool(
    ffmpeg,
    [...QUIET, ...input(options.input), '-map', '0:a:0', '-map_metadata', '-1', '-fflags', '+bitexact', '-af', chain, '-c:a', 'pcm_s16le', '-f', 'wav', '-y', fileUrl(options.output)],
    passLimits(clipMs),
  );
  const expected = Math.round((clipMs * CLIP_FORMAT.sampleRate) / 1000 / tempo);
  const natural = await readWavInfo(options.output);
  const allowance = Math.ceil(expected * LENGTH_TOLERANCE);
  const ceiling = expected + allowance + (stretch ? Math.ceil(TAIL_PAD_FRAMES / tempo) : 0);
  if (natural.sampleRate !== CLIP_FORMAT.sampleRate || natural.channels !== 1 || natural.frames < expected - allowance || natural.frames > ceiling) {
    throw mediaError('fit_length_mismatch', `${natural.frames} frames where ${expected} were expected at ${tempoArg}× (${filter})`);
  }
  const fitted = natural.frames > expected ? await truncateWav(options.output, expected) : natural;
  return { ...fitted, filter };
}
