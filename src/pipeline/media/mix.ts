import { frameAt } from './dub-track.js';
import { type DuckOptions, type TimeSpan, duckGains, planDucking } from './duck.js';
import { mediaError } from './errors.js';
import { type WavFormat, type WavInfo, WavReader, WavWriter } from './wav.js';

/** Float, so the sum never clips before loudness normalisation brings it down. */
export const PREMIX_FORMAT: WavFormat = { sampleRate: 48_000, channels: 2, sampleFormat: 'f32' };

const CHUNK_FRAMES = 480_000;

export interface Premix {
  readonly premix: WavInfo;
  /** Highest absolute sample: above 1.0 the float premix holds what s16 would have clipped. */
  readonly peak: number;
}

/**
 * The mix in one streaming JS pass: original × ducking gain + dub, both
 * channels, no 1/n scaling (amix's default halves every input; engines.md §4).
 * Exactly `durationMs` long: a short original is continued with silence, and
 * anything past the source's end is cut, so the export's tracks line up.
 * Measured against an ffmpeg graph doing the same (volume envelope + amix):
 * see this folder's README.
 */
export async function mixDub(options: { original: string; dub: string; output: string; segments: readonly TimeSpan[]; durationMs: number; duck?: DuckOptions }): Promise<Premix> {
  const plan = planDucking(options.segments, options.duck);
  const totalFrames = frameAt(options.durationMs, PREMIX_FORMAT.sampleRate);
  const original = await WavReader.open(options.original);
  const dub = await WavReader.open(options.dub).catch(async (error: unknown) => {
    await original.close();
    throw error;
  });
  let writer: WavWriter | undefined;
  let peak = 0;
  try {
    if (original.info.sampleRate !== PREMIX_FORMAT.sampleRate || original.info.channels !== 2) throw mediaError('wav_wrong_format', 'the original must be 48 kHz stereo');
    if (dub.info.sampleRate !== PREMIX_FORMAT.sampleRate || dub.info.channels !== 1) throw mediaError('wav_wrong_format', 'the dub track must be 48 kHz mono');
    writer = await WavWriter.create(options.output, PREMIX_FORMAT);
    for (let start = 0; start < totalFrames; start += CHUNK_FRAMES) {
      const frames = Math.min(CHUNK_FRAMES, totalFrames - start);
      const gains = duckGains(plan, start, frames, PREMIX_FORMAT.sampleRate);
      const before = await original.read(start, frames);
      const speech = await dub.read(start, frames);
      const out = new Float32Array(frames * 2);
      for (let i = 0; i < frames; i++) {
        const voice = i < speech.length ? speech[i]! : 0;
        const l = (2 * i < before.length ? before[2 * i]! * gains[i]! : 0) + voice;
        const r = (2 * i + 1 < before.length ? before[2 * i + 1]! * gains[i]! : 0) + voice;
        out[2 * i] = l;
        out[2 * i + 1] = r;
        const loudest = Math.max(Math.abs(l), Math.abs(r));
        if (loudest > peak) peak = loudest;
      }
      await writer.write(out);
    }
    return { premix: await writer.close(), peak };
  } catch (error) {
    await writer?.close().catch(() => undefined);
    throw error;
  } finally {
    await original.close();
    await dub.close();
  }
}
