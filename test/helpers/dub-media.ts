import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTool } from '../../src/media/run-tool.js';
import { locateTool } from '../../src/media/toolchain.js';
import type { MediaTools } from '../../src/pipeline/media/tools.js';
import { WavReader } from '../../src/pipeline/media/wav.js';

/** Media for the dub's media tests, made on the fly with the ffmpeg Sakuga uses (nothing large is committed). */
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

/** A test video: `codec` h264 or mpeg4, with a tone, silence or no audio. */
export async function testVideo(
  path: string,
  options: { seconds: number; codec: 'h264' | 'mpeg4'; audio: 'tone' | 'silence' | 'none'; audioCodec?: 'aac' | 'mp3'; size?: string; language?: string },
): Promise<string> {
  const { seconds, codec, audio, audioCodec = 'aac', size = '320x240', language } = options;
  const audioInput = audio === 'tone' ? `sine=frequency=440:sample_rate=44100:duration=${seconds}` : 'anullsrc=r=44100:cl=stereo';
  await ffmpeg([
    '-v', 'error',
    '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=25:duration=${seconds}`,
    ...(audio === 'none' ? [] : ['-f', 'lavfi', '-t', String(seconds), '-i', audioInput]),
    ...(codec === 'h264' ? ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'] : ['-c:v', 'mpeg4']),
    ...(audio === 'none' ? [] : ['-c:a', audioCodec === 'aac' ? 'aac' : 'libmp3lame', ...(language ? ['-metadata:s:a:0', `language=${language}`] : [])]),
    '-metadata', 'title=private title', '-t', String(seconds), path,
  ]);
  return path;
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
