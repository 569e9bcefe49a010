import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTool } from '../../src/media/run-tool.js';
import { locateTool } from '../../src/media/toolchain.js';
import type { MediaTools } from '../../src/pipeline/media/tools.js';
import { WavReader } from '../../src/pipeline/media/wav.js';

/** Media for the dub's media tests, made on the fly with the ffmpeg Sakuga uses (nothing large is committed). */
/**
 * What a finished dub of a `testVideo` with audio publishes: its 44.1 kHz
 * AAC is copied as the original track, so phones get a mobile.mp4 too.
 */
export const DUB_ARTIFACTS = [
  'dubbed.mp4',
  ...['hls-dub.m3u8', 'hls-dub.ts', 'hls-original.m3u8', 'hls-original.ts', 'hls-subtitles.m3u8', 'hls-subtitles.vtt', 'hls-video.m3u8', 'hls-video.ts', 'hls.m3u8'],
  'mobile.mp4',
  'qa.json',
  'segments.json',
  'subtitles.en.srt',
  'subtitles.en.vtt',
] as const;

/** Three lines of a short scene, [start ms, end ms, text], with gaps between them; and the same as an SRT. */
export const SCENE_LINES: ReadonlyArray<readonly [number, number, string]> = [
  [1_000, 3_000, 'Good morning, Mika.'],
  [4_500, 6_500, 'Is the storyboard done?'],
  [8_000, 9_500, 'Almost finished.'],
];
const srtTime = (ms: number) => new Date(ms).toISOString().slice(11, 23).replace('.', ',');
export const SCENE_SRT = SCENE_LINES.map(([start, end, text], index) => `${index + 1}\n${srtTime(start)} --> ${srtTime(end)}\n${text}\n`).join('\n');

export const LIMITS = { timeoutMs: 120_000, maxOutputBytes: 8 * 1024 * 1024, memoryBytes: 2048 * 1024 * 1024 };

export function mediaTools(): MediaTools {
  return { ffmpeg: locateTool('ffmpeg', undefined), ffprobe: locateTool('ffprobe', undefined) };
}

export function scratchDir(name: string): string {
  return mkdtempSync(join(tmpdir(), `sakuga-${name}-`));
}

export async function ffmpeg(args: string[]): Promise<string> {
  const { stderr } = await runTool(mediaTools().ffmpeg, ['-hide_banner', '-nostdin', '-nostats', '-y', ...args], LIMITS);
  return stderr;
}

/** A tone of `seconds` as a WAV; `rate`/`channels` as asked. */
export async function toneWav(path: string, options: { seconds: number; frequency?: number; rate?: number; channels?: number; amplitude?: number }): Promise<string> {
  const { seconds, frequency = 300, rate = 24_000, channels = 1, amplitude = 0.5 } = options;
  const expression = Array.from({ length: channels }, () => `${amplitude}*sin(2*PI*${frequency}*t)`).join('|');
  await ffmpeg(['-v', 'error', '-f', 'lavfi', '-i', `aevalsrc=${expression}:s=${rate}:d=${seconds}`, '-c:a', 'pcm_s16le', path]);
  return path;
}

/** Encoder settings a test may ask of libx264 (ultrafast, yuv420p, default GOP unless told). */
export interface X264Settings {
  readonly profile?: string;
  readonly level?: string;
  readonly pixFmt?: string;
  /** A keyframe exactly every this many seconds, and no others (scene cuts ignored). */
  readonly keyframeSeconds?: number;
  readonly preset?: string;
}

/**
 * A test video: `codec` h264 or mpeg4, with a tone, silence or no audio.
 * `secondAudio` adds another tone track after the first (a dubbed.mp4-like
 * layout); `audioRate`/`audioChannels` shape both tracks (default 44.1 kHz,
 * mono for a tone, stereo for silence, as lavfi makes them).
 */
export async function testVideo(
  path: string,
  options: {
    seconds: number;
    codec: 'h264' | 'mpeg4';
    audio: 'tone' | 'silence' | 'none';
    audioCodec?: 'aac' | 'mp3';
    size?: string;
    language?: string;
    x264?: X264Settings;
    audioRate?: number;
    audioChannels?: number;
    secondAudio?: { frequency?: number; language?: string };
  },
): Promise<string> {
  const { seconds, codec, audio, audioCodec = 'aac', size = '320x240', language, x264 = {}, audioRate = 44_100, audioChannels, secondAudio } = options;
  const audioInput = audio === 'tone' ? `sine=frequency=440:sample_rate=${audioRate}:duration=${seconds}` : `anullsrc=r=${audioRate}:cl=stereo`;
  const withAudio = audio !== 'none';
  const second = withAudio && secondAudio;
  const keyframes = x264.keyframeSeconds === undefined ? [] : ['-g', String(25 * x264.keyframeSeconds), '-keyint_min', String(25 * x264.keyframeSeconds), '-sc_threshold', '0'];
  const h264 = ['-c:v', 'libx264', '-preset', x264.preset ?? 'ultrafast', '-pix_fmt', x264.pixFmt ?? 'yuv420p', ...(x264.profile ? ['-profile:v', x264.profile] : []), ...(x264.level ? ['-level:v', x264.level] : []), ...keyframes];
  await ffmpeg([
    '-v', 'error',
    '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=25:duration=${seconds}`,
    ...(withAudio ? ['-f', 'lavfi', '-t', String(seconds), '-i', audioInput] : []),
    ...(second ? ['-f', 'lavfi', '-t', String(seconds), '-i', `sine=frequency=${second.frequency ?? 220}:sample_rate=${audioRate}:duration=${seconds}`] : []),
    '-map', '0:v', ...(withAudio ? ['-map', '1:a'] : []), ...(second ? ['-map', '2:a'] : []),
    ...(codec === 'h264' ? h264 : ['-c:v', 'mpeg4']),
    ...(withAudio ? ['-c:a', audioCodec === 'aac' ? 'aac' : 'libmp3lame', ...(audioChannels ? ['-ac', String(audioChannels)] : []), ...(language ? ['-metadata:s:a:0', `language=${language}`] : [])] : []),
    ...(second ? [...(second.language ? ['-metadata:s:a:1', `language=${second.language}`] : []), '-disposition:a:0', 'default', '-disposition:a:1', '0'] : []),
    '-metadata', 'title=private title', '-t', String(seconds), path,
  ]);
  return path;
}

/**
 * How long a file or playlist decodes, from ffmpeg's per-frame checksums of
 * one stream (`0:v:0`, `0:a:0`): last frame's end less the first's start.
 * The hls demuxer reads byte ranges, so this also proves a playlist's ranges.
 */
export async function decodedSeconds(path: string, stream: string): Promise<number> {
  const { stdout } = await runTool(mediaTools().ffmpeg, ['-hide_banner', '-nostdin', '-v', 'error', '-protocol_whitelist', 'file', '-i', `file:${path}`, '-map', stream, '-f', 'framecrc', '-'], LIMITS);
  const lines = stdout.toString('utf8').split('\n');
  const tb = /^#tb 0: (\d+)\/(\d+)/m.exec(stdout.toString('utf8'));
  if (!tb) throw new Error('no time base in framecrc');
  let first = Infinity;
  let last = -Infinity;
  for (const line of lines) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const [, , pts, duration] = line.split(',').map((field) => Number(field.trim()));
    first = Math.min(first, pts!);
    last = Math.max(last, pts! + duration!);
  }
  return ((last - first) * Number(tb[1])) / Number(tb[2]);
}

/** RMS in dBFS over [fromMs, toMs) of a WAV's first channel (−Infinity for digital silence). */
export async function rmsDb(path: string, fromMs: number, toMs: number): Promise<number> {
  const reader = await WavReader.open(path);
  try {
    const { sampleRate, channels } = reader.info;
    const start = Math.round((fromMs * sampleRate) / 1000);
    const samples = await reader.read(start, Math.round((toMs * sampleRate) / 1000) - start);
    let sum = 0;
    let count = 0;
    for (let i = 0; i < samples.length; i += channels) {
      sum += samples[i]! ** 2;
      count++;
    }
    return count === 0 || sum === 0 ? -Infinity : 10 * Math.log10(sum / count);
  } finally {
    await reader.close();
  }
}

/** Integrated loudness (LUFS) of a file's first audio stream, by ffmpeg's EBU R 128 scanner. */
export async function integratedLoudness(path: string, stream = '0:a:0'): Promise<number> {
  const stderr = await ffmpeg(['-v', 'info', '-i', path, '-map', stream, '-af', 'ebur128', '-f', 'null', '-']);
  const match = /Integrated loudness:\s*I:\s*(-?[\d.]+) LUFS/.exec(stderr);
  if (!match) throw new Error('no ebur128 summary');
  return Number(match[1]);
}

/** Decodes one audio stream of a file to a 48 kHz mono s16 WAV for measuring. */
export async function decodeAudio(path: string, stream: string, output: string): Promise<string> {
  await ffmpeg(['-v', 'error', '-i', path, '-map', stream, '-ac', '1', '-ar', '48000', '-c:a', 'pcm_s16le', output]);
  return output;
}

/** ffprobe's JSON for a file's streams and format. */
export async function probeJson(path: string): Promise<{ streams: Array<Record<string, unknown> & { tags?: Record<string, string>; disposition?: Record<string, number> }>; format: Record<string, unknown> }> {
  const { stdout } = await runTool(mediaTools().ffprobe, ['-v', 'error', '-print_format', 'json', '-show_streams', '-show_format', path], LIMITS);
  return JSON.parse(stdout.toString('utf8'));
}

/** The top-level MP4 boxes in file order. */
export function topLevelBoxes(path: string): string[] {
  const file = readFileSync(path);
  const boxes: string[] = [];
  for (let offset = 0; offset + 8 <= file.length; ) {
    const size32 = file.readUInt32BE(offset);
    const size = size32 === 1 ? Number(file.readBigUInt64BE(offset + 8)) : size32 === 0 ? file.length - offset : size32;
    boxes.push(file.toString('latin1', offset + 4, offset + 8));
    if (size < 8) break;
    offset += size;
  }
  return boxes;
}
