import { mediaError } from './errors.js';
import { CLIP_FORMAT } from './fit.js';
import { type WavInfo, WavReader, WavWriter } from './wav.js';

export interface PlacedClip {
  /** A fitted clip: 48 kHz mono s16 WAV. */
  readonly path: string;
  /** The segment's absolute start on the source's timeline. */
  readonly startMs: number;
  /** Named in the report (a segment id); the clip's index otherwise. */
  readonly id?: string;
}

export interface DubTrackReport {
  readonly track: WavInfo;
  /** Samples that summed past full scale and were clamped. */
  readonly clippedSamples: number;
  /** Clips under at least one clamped sample. */
  readonly clippedClips: string[];
  /** Clips that ran past the end of the media and were cut there. */
  readonly truncatedClips: string[];
}

/** Ten seconds of output per step: memory stays flat whatever the video's length. */
const CHUNK_FRAMES = 480_000;

/** The frame a segment starting at `startMs` begins on; absolute, so rounding never accumulates. */
export function frameAt(startMs: number, sampleRate = CLIP_FORMAT.sampleRate): number {
  return Math.round((startMs * sampleRate) / 1000);
}

interface Placement {
  readonly id: string;
  readonly offset: number;
  readonly reader: WavReader;
}

/**
 * The whole dub track, front to back in chunks: each chunk sums the clips
 * that overlap it, every clip at its own absolute offset (never "after the
 * previous one", which is how drift accumulates). Overlaps (two speakers at
 * once) add; what passes full scale is clamped and reported, not scaled
 * away. Only the clips overlapping the current chunk are open.
 */
export async function buildDubTrack(options: { clips: readonly PlacedClip[]; output: string; durationMs: number; chunkFrames?: number }): Promise<DubTrackReport> {
  const totalFrames = frameAt(options.durationMs);
  const chunkFrames = options.chunkFrames ?? CHUNK_FRAMES;
  const pending = options.clips
    .map((clip, index) => ({ path: clip.path, id: clip.id ?? String(index), offset: frameAt(clip.startMs) }))
    .sort((a, b) => a.offset - b.offset);
  if (pending.some((clip) => clip.offset < 0)) throw new RangeError('a clip starts before 0');

  const writer = await WavWriter.create(options.output, CLIP_FORMAT);
  let active: Placement[] = [];
  let next = 0;
  const clipped = new Set<string>();
  const truncated: string[] = [];
  try {
    for (let start = 0; start < totalFrames; start += chunkFrames) {
      const frames = Math.min(chunkFrames, totalFrames - start);
      const end = start + frames;
      while (next < pending.length && pending[next]!.offset < end) {
        const clip = pending[next++]!;
        const reader = await WavReader.open(clip.path);
        const { sampleRate, channels, sampleFormat } = reader.info;
        if (sampleRate !== CLIP_FORMAT.sampleRate || channels !== 1 || sampleFormat !== 's16') {
          await reader.close();
          throw mediaError('wav_wrong_format', `clip ${clip.id} is ${sampleRate} Hz, ${channels} channel(s), ${sampleFormat}`);
        }
        if (clip.offset + reader.info.frames > totalFrames) truncated.push(clip.id);
        active.push({ id: clip.id, offset: clip.offset, reader });
      }

      const sum = new Float32Array(frames);
      for (const clip of active) {
        const from = Math.max(start, clip.offset);
        const samples = await clip.reader.read(from - clip.offset, end - from);
        add(sum.subarray(from - start), samples);
      }
      for (let i = 0; i < frames; i++) {
        const value = Math.round(sum[i]! * 32768);
        if (value > 32767 || value < -32768) for (const clip of active) if (covers(clip, start + i)) clipped.add(clip.id);
      }
      await writer.write(sum);

      const done = active.filter((clip) => clip.offset + clip.reader.info.frames <= end);
      for (const clip of done) await clip.reader.close();
      active = active.filter((clip) => !done.includes(clip));
    }
  } catch (error) {
    await writer.close().catch(() => undefined);
    throw error;
  } finally {
    for (const clip of active) await clip.reader.close();
  }
  // Clips that start at or past the end were never opened; they are cut entirely.
  for (const clip of pending.slice(next)) truncated.push(clip.id);
  const { clippedSamples } = writer.written;
  return { track: await writer.close(), clippedSamples, clippedClips: [...clipped], truncatedClips: truncated };
}

function add(into: Float32Array, samples: Float32Array): void {
  for (let i = 0; i < samples.length; i++) into[i]! += samples[i]!;
}

function covers(clip: Placement, frame: number): boolean {
  return frame >= clip.offset && frame < clip.offset + clip.reader.info.frames;
}
