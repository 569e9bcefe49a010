import { runTool } from '../../media/run-tool.js';
import type { LocatedTool } from '../../media/toolchain.js';
import { passLimits, QUIET, fileUrl, input } from './tools.js';
import { type WavFormat, type WavInfo, readWavInfo, writeSilentWav } from './wav.js';

/** The original audio as the mix reads it. */
export const MIX_FORMAT: WavFormat = { sampleRate: 48_000, channels: 2, sampleFormat: 's16' };
/** What speech recognisers (whisper.cpp and its kin) want. */
export const ASR_FORMAT: WavFormat = { sampleRate: 16_000, channels: 1, sampleFormat: 's16' };

export interface ExtractedAudio {
  readonly original: WavInfo;
  readonly asr: WavInfo;
  /** True when the source had no audio stream and both tracks are silence of its duration. */
  readonly silent: boolean;
}

/**
 * Decodes the source's first audio stream once and writes both WAVs from that
 * one decode (two outputs of a single ffmpeg run): 48 kHz stereo s16 for the
 * mix and 16 kHz mono s16 for recognition. `-map_metadata -1` and
 * `-bitexact` keep tags and encoder LIST chunks out of files only Sakuga reads.
 */
export async function extractAudio(ffmpeg: LocatedTool, options: { input: string; originalWav: string; asrWav: string; durationMs: number }): Promise<ExtractedAudio> {
  const output = (format: WavFormat, path: string) => [
    '-map', '0:a:0', '-vn', '-sn', '-dn', '-map_metadata', '-1', '-fflags', '+bitexact',
    '-ac', String(format.channels), '-ar', String(format.sampleRate), '-c:a', 'pcm_s16le', '-f', 'wav', '-y', fileUrl(path),
  ];
  await runTool(ffmpeg, [...QUIET, ...input(options.input), ...output(MIX_FORMAT, options.originalWav), ...output(ASR_FORMAT, options.asrWav)], passLimits(options.durationMs));
  return { original: await readWavInfo(options.originalWav), asr: await readWavInfo(options.asrWav), silent: false };
}

/**
 * The stand-in for a video without sound, written in JS: silence of the
 * video's duration in both formats, so every later stage runs unchanged. The
 * caller knows from its probe whether there is an audio stream and picks this
 * or `extractAudio`; `silent: true` travels on so the export can leave out an
 * "original audio" track that never existed.
 */
export async function silentAudio(options: { originalWav: string; asrWav: string; durationMs: number }): Promise<ExtractedAudio> {
  const frames = (format: WavFormat) => Math.round((options.durationMs * format.sampleRate) / 1000);
  return {
    original: await writeSilentWav(options.originalWav, MIX_FORMAT, frames(MIX_FORMAT)),
    asr: await writeSilentWav(options.asrWav, ASR_FORMAT, frames(ASR_FORMAT)),
    silent: true,
  };
}
