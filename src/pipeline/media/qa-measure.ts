import { runTool } from '../../media/run-tool.js';
import type { LocatedTool } from '../../media/toolchain.js';
import { mediaError } from './errors.js';
import { passLimits, REPORTING, input } from './tools.js';

/**
 * The QA stage's measurements, each one ffmpeg pass that decodes to `-f null`
 * (or copies packets) and reads what ffmpeg prints. Only ffmpeg: the job
 * process has no ffprobe. Parsing is split from running so the parsers can
 * be tested on ffmpeg's text alone.
 */

/** A fitted clip is one line of speech: a few seconds, a few minutes at the very most (2,000 characters). */
const CLIP_LIMITS = passLimits(10 * 60_000, { maxOutputBytes: 1024 * 1024 });

/** Used when the caller does not say how long the programme is: a long film. */
const DEFAULT_PROGRAMME_MS = 3 * 60 * 60_000;

/** Levels this far down are no signal: astats prints about −6153 dB for digital silence, not −inf. */
const FLOOR_DB = -200;

export interface ClipMeasure {
  readonly durationMs: number;
  /** Highest sample, dBFS; −Infinity for digital silence. */
  readonly peakDb: number;
  /** RMS level, dBFS; −Infinity for digital silence. */
  readonly rmsDb: number;
  /**
   * astats' flat factor, dB: 20·log10 of the mean length (length-weighted) of
   * the runs the signal spends at its extreme values. A clean signal touches
   * its peak for a sample or two (≈0 dB); a clipped one sits there (~30 dB).
   * −Infinity for digital silence.
   */
  readonly flatFactor: number;
  /** Samples at the extreme values (per channel, averaged over channels). Every sample of digital silence counts. */
  readonly peakCount: number;
}

const toNumber = (text: string): number => {
  const value = text === '-inf' ? -Infinity : text === 'inf' ? Infinity : Number(text);
  return value < FLOOR_DB ? -Infinity : value;
};

/**
 * astats' "Overall" block from ffmpeg's stderr (this 2018 build has no
 * `measure_overall` option: every statistic is printed, per channel and
 * overall), and the input's sample rate from ffmpeg's stream line, which
 * turns the sample count into a duration.
 */
export function parseAstats(stderr: string): ClipMeasure {
  const overall = stderr.lastIndexOf('] Overall');
  const rate = /Input #0[\s\S]*?Stream #0:\d+[^:]*: Audio: [^\n]*?, (\d+) Hz/.exec(stderr);
  if (overall < 0 || !rate) throw mediaError('measure_unparsed', overall < 0 ? 'no astats report' : 'no input sample rate');
  const fields = new Map<string, string>();
  for (const match of stderr.slice(overall).matchAll(/\] ([A-Za-z ]+): (\S+)/g)) fields.set(match[1]!, match[2]!);
  const field = (name: string) => {
    const value = fields.get(name);
    if (value === undefined) throw mediaError('measure_unparsed', `no "${name}" in the astats report`);
    const parsed = toNumber(value);
    if (Number.isNaN(parsed)) throw mediaError('measure_unparsed', `"${name}" is ${value}`);
    return parsed;
  };
  return {
    durationMs: (field('Number of samples') * 1000) / Number(rate[1]),
    peakDb: field('Peak level dB'),
    rmsDb: field('RMS level dB'),
    flatFactor: field('Flat factor'),
    peakCount: field('Peak count'),
  };
}

/** One clip's level, clipping and length: one decode through `astats` into `-f null`. */
export async function measureClip(ffmpeg: LocatedTool, path: string): Promise<ClipMeasure> {
  const { stderr } = await runTool(ffmpeg, [...REPORTING, ...input(path), '-map', '0:a:0', '-af', 'astats', '-f', 'null', '-'], CLIP_LIMITS);
  return parseAstats(stderr);
}

/**
 * Every clip measured, `concurrency` passes at a time (default 4: each pass
 * is one single-threaded decode of a few seconds of audio, so the wall
 * clock is mostly process start-up). Results are in the order of `paths`;
 * the first failure rejects the whole.
 */
export async function measureClips(ffmpeg: LocatedTool, paths: readonly string[], options: { concurrency?: number } = {}): Promise<ClipMeasure[]> {
  const { concurrency = 4 } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) throw new RangeError('concurrency must be an integer within 1–16');
  const results: ClipMeasure[] = new Array<ClipMeasure>(paths.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < paths.length) {
      const index = next++;
      try {
        results[index] = await measureClip(ffmpeg, paths[index]!);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, paths.length) }, worker));
  return results;
}

export interface ProgrammeMeasure {
  /** EBU R 128 integrated loudness, LUFS; −70 (the absolute gate) for silence. */
  readonly integratedLufs: number;
  /** True peak (4× oversampled), dBTP; −Infinity for silence. */
  readonly truePeakDbtp: number;
  readonly loudnessRangeLu: number;
}

/**
 * ebur128's summary from ffmpeg's stderr. This build labels the true peak
 * "dBFS" although `peak=true` makes it a true peak.
 */
export function parseEbur128Summary(stderr: string): ProgrammeMeasure {
  const summary = summaryOf(stderr);
  const integrated = INTEGRATED.exec(summary);
  const range = /Loudness range:\s+LRA:\s+(\S+) LU/.exec(summary);
  const peak = /True peak:\s+Peak:\s+(\S+) dBFS/.exec(summary);
  if (!integrated || !range || !peak) throw mediaError('measure_unparsed', 'no complete ebur128 summary');
  const values = { integratedLufs: toNumber(integrated[1]!), truePeakDbtp: toNumber(peak[1]!), loudnessRangeLu: toNumber(range[1]!) };
  for (const [name, value] of Object.entries(values)) if (Number.isNaN(value)) throw mediaError('measure_unparsed', `${name} is not a number`);
  return values;
}

/** The integrated loudness alone, from the summary of an `ebur128` without `peak` (a filter in another pass). */
export function parseIntegratedLoudness(stderr: string): number {
  const integrated = INTEGRATED.exec(summaryOf(stderr));
  const value = integrated ? toNumber(integrated[1]!) : NaN;
  if (Number.isNaN(value)) throw mediaError('measure_unparsed', 'no integrated loudness in the ebur128 summary');
  return value;
}

const INTEGRATED = /Integrated loudness:\s+I:\s+(\S+) LUFS/;
const summaryOf = (stderr: string) => stderr.slice(Math.max(0, stderr.lastIndexOf('Summary:')));

/**
 * A programme's loudness: `ebur128=peak=true` over one audio stream of a
 * file (`stream` 0 = the first audio stream: the dub in dubbed.mp4). Chosen
 * over `loudnorm=print_format=json`: on the same speech it agrees to 0.05 LU
 * integrated and 0.05 dB true peak (0.2 LU on the range), but loudnorm also
 * resamples to 192 kHz and normalises: 1.75 s against 0.29 s per minute of
 * programme, measured. `framelog=verbose` keeps ebur128's ten lines a
 * second out of an info-level stderr (two hours would pass the output cap).
 */
export async function measureProgramme(ffmpeg: LocatedTool, path: string, options: { stream?: number; durationMs?: number } = {}): Promise<ProgrammeMeasure> {
  return parseEbur128Summary(await ebur128(ffmpeg, path, options));
}

/** The programme's loudness and the relative gate its integrated loudness was measured above (what loudnorm calls `thresh`). */
export async function measureGatedProgramme(ffmpeg: LocatedTool, path: string, options: { durationMs?: number } = {}): Promise<ProgrammeMeasure & { readonly gateLufs: number }> {
  const stderr = await ebur128(ffmpeg, path, options);
  const summary = parseEbur128Summary(stderr);
  const gate = /Integrated loudness:\s+I:\s+\S+ LUFS\s+Threshold:\s+(\S+) LUFS/.exec(stderr.slice(Math.max(0, stderr.lastIndexOf('Summary:'))));
  const gateLufs = gate ? toNumber(gate[1]!) : NaN;
  if (Number.isNaN(gateLufs)) throw mediaError('measure_unparsed', 'no integrated threshold in the ebur128 summary');
  return { ...summary, gateLufs };
}

async function ebur128(ffmpeg: LocatedTool, path: string, options: { stream?: number; durationMs?: number }): Promise<string> {
  const { stream = 0, durationMs = DEFAULT_PROGRAMME_MS } = options;
  if (!Number.isInteger(stream) || stream < 0) throw new RangeError('stream must be an audio stream index');
  const { stderr } = await runTool(
    ffmpeg,
    [...REPORTING, ...input(path), '-map', `0:a:${stream}`, '-af', 'ebur128=peak=true:framelog=verbose', '-f', 'null', '-'],
    passLimits(durationMs, { maxOutputBytes: 1024 * 1024 }),
  );
  return stderr;
}

export interface StreamSpan {
  /** Presentation time of the first sample or frame shown, ms. */
  readonly startMs: number;
  /** Presentation time just after the last one, ms. */
  readonly endMs: number;
}

export interface DriftMeasure {
  readonly video: StreamSpan;
  readonly audio: StreamSpan;
  /** The larger of |audio start − video start| and |audio end − video end|, ms. */
  readonly driftMs: number;
}

/** framecrc's packet flags: AV_PKT_FLAG_DISCARD marks a packet decoded only to be thrown away. */
const PACKET_DISCARD = 0x4;

/**
 * The span of the video and the audio stream in ffmpeg's `framecrc`
 * listing: `#tb N: num/den` and `#media_type N: video` headers (a missing
 * stream shifts the numbers), then one line per packet,
 * `stream, dts, pts, duration, size, crc[, F=0x…][, S=…]`. A start is the
 * lowest pts, an end the highest pts + duration (B-frames come out of pts
 * order). Packets flagged discard are left out: they are the AAC encoder's
 * priming, which the MP4 edit list hides (1024 samples at 48 kHz, 21.3 ms,
 * with this ffmpeg's encoder), so a correct file starts its audio at 0.
 */
export function parseFramecrc(text: string): { video: StreamSpan; audio: StreamSpan } {
  const timeBases = new Map<number, { num: number; den: number }>();
  for (const match of text.matchAll(/^#tb (\d+): (\d+)\/(\d+)$/gm)) timeBases.set(Number(match[1]), { num: Number(match[2]), den: Number(match[3]) });
  const spans = new Map<number, { start: number; end: number }>();
  for (const match of text.matchAll(/^(\d+),\s*-?\d+,\s*(-?\d+),\s*(\d+),\s*\d+,\s*0x[0-9a-f]+(?:,\s*F=0x([0-9a-f]+))?/gm)) {
    const [stream, pts, duration] = [Number(match[1]), Number(match[2]), Number(match[3])];
    // No pts (INT64_MIN as text) is not a time; neither is a discarded packet.
    if (!Number.isSafeInteger(pts) || (match[4] !== undefined && (parseInt(match[4], 16) & PACKET_DISCARD) !== 0)) continue;
    const span = spans.get(stream);
    if (!span) spans.set(stream, { start: pts, end: pts + duration });
    else spans.set(stream, { start: Math.min(span.start, pts), end: Math.max(span.end, pts + duration) });
  }
  const kinds = new Map<string, number>();
  for (const match of text.matchAll(/^#media_type (\d+): (\w+)$/gm)) if (!kinds.has(match[2]!)) kinds.set(match[2]!, Number(match[1]));
  const spanOf = (kind: 'video' | 'audio'): StreamSpan => {
    const stream = kinds.get(kind) ?? -1;
    const span = spans.get(stream);
    const timeBase = timeBases.get(stream);
    if (!span || !timeBase) throw mediaError('measure_unparsed', `no ${kind} packets`);
    // Multiplied before dividing: 197280 × 1000 / 48000 is 4110 exactly, not 4109.999….
    const ms = (ticks: number) => (ticks * timeBase.num * 1000) / timeBase.den;
    return { startMs: ms(span.start), endMs: ms(span.end) };
  };
  return { video: spanOf('video'), audio: spanOf('audio') };
}

/** framecrc writes about 60 bytes per packet: at 60 frames and 47 AAC packets a second, under 7 KB per second of media. */
const FRAMECRC_BYTES_PER_SECOND = 16 * 1024;

/**
 * A/V drift of a file's first video and first audio stream, from packet
 * timestamps without ffprobe or decoding: `-c copy -f framecrc` lists every
 * packet as the demuxer gives it (`-copyts`: no shift to zero), edit lists
 * applied. One pass that reads the file but decodes nothing.
 */
export async function measureDrift(ffmpeg: LocatedTool, mp4Path: string, options: { durationMs?: number } = {}): Promise<DriftMeasure> {
  const { durationMs = DEFAULT_PROGRAMME_MS } = options;
  const { stdout } = await runTool(
    ffmpeg,
    ['-hide_banner', '-nostdin', '-nostats', '-v', 'error', '-copyts', ...input(mp4Path), '-map', '0:v:0?', '-map', '0:a:0?', '-c', 'copy', '-f', 'framecrc', '-'],
    passLimits(durationMs, { maxOutputBytes: 1024 * 1024 + Math.ceil((durationMs / 1000) * FRAMECRC_BYTES_PER_SECOND) }),
  );
  const { video, audio } = parseFramecrc(stdout.toString('utf8'));
  return { video, audio, driftMs: Math.max(Math.abs(audio.startMs - video.startMs), Math.abs(audio.endMs - video.endMs)) };
}
