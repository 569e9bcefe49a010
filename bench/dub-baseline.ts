import { performance } from 'node:perf_hooks';
import { type RunLimits, runTool } from '../src/media/run-tool.js';
import type { LocatedTool } from '../src/media/toolchain.js';
import { DEFAULT_DUCK_DB, DEFAULT_RAMP_MS, planDucking, type TimeSpan } from '../src/pipeline/media/duck.js';
import { LOUDNESS_TARGETS, normalizationFilters } from '../src/pipeline/media/loudness.js';
import { aacEncoding } from '../src/pipeline/media/tools.js';
import { parseEbur128Summary } from '../src/pipeline/media/qa-measure.js';

/**
 * The dub's media work as bare ffmpeg commands, the floor the pipeline is
 * measured against: what someone with ffmpeg alone would run given a ready
 * dub track. The same binary, the same runTool (argument arrays, rlimits),
 * the same stream layout and the same filters, but no WAV premix written in
 * JS, no stage bookkeeping and no job process.
 */

export interface BaselineInput {
  readonly source: string;
  /** The ready dub track: 48 kHz mono s16, the source's length. */
  readonly dubTrack: string;
  readonly subtitles: string;
  readonly segments: readonly TimeSpan[];
  readonly durationMs: number;
  /** Scratch paths for what the commands write. */
  readonly out: { readonly original: string; readonly asr: string; readonly mix: string; readonly video: string };
}

export interface BaselineTimes {
  readonly extract: number;
  readonly measure: number;
  readonly normalize: number;
  readonly mux: number;
  readonly total: number;
}

const TARGET = LOUDNESS_TARGETS.standard;

/**
 * The ducking as one `volume` expression of `t`: for each merged span, a
 * raised-cosine ramp in and out (the same spans, depth and ramp as
 * duck.ts), the deepest span winning. It is evaluated per audio frame, not
 * per sample, which is the nearest ffmpeg's `volume` gets.
 */
export function duckExpression(segments: readonly TimeSpan[]): string {
  const plan = planDucking(segments, { duckDb: DEFAULT_DUCK_DB, rampMs: DEFAULT_RAMP_MS });
  const ramp = plan.rampMs / 1000;
  const weights = plan.spans.map((span) => {
    const from = span.startMs / 1000 - ramp;
    const to = span.endMs / 1000 + ramp;
    return `(0.5-0.5*cos(PI*clip(min((t-${from.toFixed(3)})/${ramp},(${to.toFixed(3)}-t)/${ramp}),0,1)))`;
  });
  return `1-${(1 - plan.gain).toFixed(6)}*${deepest(weights)}`;
}

/** max() of all, as a balanced tree: ffmpeg's expression parser refuses nesting past about 100 levels. */
function deepest(terms: readonly string[]): string {
  if (terms.length === 0) return '0';
  if (terms.length === 1) return terms[0]!;
  const half = Math.ceil(terms.length / 2);
  return `max(${deepest(terms.slice(0, half))},${deepest(terms.slice(half))})`;
}

/**
 * original × envelope + dub, summed without 1/n: this ffmpeg's `amix` has no
 * `normalize=0`, so its halving is undone by `volume=2`. The mono dub is
 * copied to both channels at full level (`pan`), as mix.ts adds it.
 */
function mixGraph(segments: readonly TimeSpan[]): string {
  return [
    `[0:a]aformat=sample_fmts=flt:channel_layouts=stereo,volume='${duckExpression(segments)}':eval=frame[original]`,
    '[1:a]aformat=sample_fmts=flt,pan=stereo|c0=c0|c1=c0[dub]',
    '[original][dub]amix=inputs=2:duration=first:dropout_transition=0,volume=2',
  ].join(';');
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return (performance.now() - started) / 1000;
}

/** Runs the four commands in order (extract, loudness pass 1, pass 2, mux), each timed, in seconds. */
export async function runBaseline(ffmpeg: LocatedTool, input: BaselineInput): Promise<BaselineTimes> {
  const limits: RunLimits = { timeoutMs: 600_000, maxOutputBytes: 4 * 1024 * 1024, memoryBytes: 2048 * 1024 * 1024 };
  const quiet = ['-hide_banner', '-nostdin', '-nostats', '-v', 'error'];
  const wav = (channels: number, rate: number, path: string) => ['-map', '0:a:0', '-vn', '-sn', '-dn', '-ac', String(channels), '-ar', String(rate), '-c:a', 'pcm_s16le', '-y', path];
  const mixInputs = ['-i', input.out.original, '-i', input.dubTrack];

  const extract = await timed(() => runTool(ffmpeg, [...quiet, '-i', input.source, ...wav(2, 48_000, input.out.original), ...wav(1, 16_000, input.out.asr)], limits));

  // Pass 1 as the pipeline measures: ebur128 on the mixed graph (integrated loudness, its gate, range, true peak).
  let summary = '';
  const measure = await timed(async () => {
    summary = (await runTool(ffmpeg, ['-hide_banner', '-nostdin', '-nostats', '-v', 'info', ...mixInputs, '-filter_complex', `${mixGraph(input.segments)},ebur128=peak=true:framelog=verbose`, '-f', 'null', '-'], limits)).stderr;
  });
  const measured = { ...parseEbur128Summary(summary), gate: Number(/Threshold:\s+(\S+) LUFS/.exec(summary.slice(summary.lastIndexOf('Summary:')))?.[1]) };
  // Pass 2 as the pipeline normalises: the same filters.
  const normalizeChain = normalizationFilters(TARGET, { inputI: measured.integratedLufs, inputTp: measured.truePeakDbtp, inputLra: measured.loudnessRangeLu, inputThresh: measured.gate }).filters.join(',');
  const normalize = await timed(() =>
    runTool(ffmpeg, [...quiet, ...mixInputs, '-filter_complex', `${mixGraph(input.segments)},${normalizeChain}`, '-t', (input.durationMs / 1000).toFixed(3), '-c:a', 'pcm_s16le', '-y', input.out.mix], limits),
  );

  const mux = await timed(() =>
    runTool(
      ffmpeg,
      [
        ...quiet, '-i', input.source, '-i', input.out.mix, '-i', input.subtitles,
        '-map', '0:v:0', '-map', '1:a:0', '-map', '0:a:0', '-map', '2:s:0',
        '-c:v', 'copy', ...aacEncoding('a:0'), '-c:a:1', 'copy', '-c:s', 'mov_text',
        '-metadata:s:a:0', 'language=eng', '-disposition:a:0', 'default', '-metadata:s:a:1', 'language=jpn', '-disposition:a:1', '0',
        '-metadata:s:s:0', 'language=eng', '-map_metadata', '-1', '-t', (input.durationMs / 1000).toFixed(3), '-movflags', '+faststart', '-f', 'mp4', '-y', input.out.video,
      ],
      limits,
    ),
  );
  return { extract, measure, normalize, mux, total: extract + measure + normalize + mux };
}
