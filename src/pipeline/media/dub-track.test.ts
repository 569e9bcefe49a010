import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { scratchDir } from '../../../test/helpers/dub-media.js';
import { buildDubTrack, frameAt } from './dub-track.js';
import { MediaWorkError } from './errors.js';
import { CLIP_FORMAT } from './fit.js';
import { WavReader, WavWriter } from './wav.js';

async function burstClip(path: string, frames: number, value = 0.25, format = CLIP_FORMAT): Promise<string> {
  const writer = await WavWriter.create(path, format);
  await writer.write(new Float32Array(frames * format.channels).fill(value));
  await writer.close();
  return path;
}

async function samplesOf(path: string): Promise<Float32Array> {
  const reader = await WavReader.open(path);
  try {
    return await reader.read(0, reader.info.frames);
  } finally {
    await reader.close();
  }
}

describe('building the dub track', () => {
  const dir = scratchDir('dub-track');
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('100 clips each start on exactly round(startMs × 48): no drift, even across chunk borders', async () => {
    const clip = await burstClip(join(dir, 'burst.wav'), 2_400);
    // Starts on odd fractions of a millisecond, 1.37 s apart, so rounding would accumulate if offsets were relative.
    const starts = Array.from({ length: 100 }, (_, i) => 250.3 + i * 1_370.77);
    const output = join(dir, 'track.wav');
    const report = await buildDubTrack({ clips: starts.map((startMs, i) => ({ path: clip, startMs, id: `s${i}` })), output, durationMs: 140_000, chunkFrames: 100_003 });
    assert.equal(report.track.frames, 140 * 48_000);
    assert.equal(report.clippedSamples, 0);
    const samples = await samplesOf(output);
    const onsets: number[] = [];
    for (let i = 0; i < samples.length; i++) if (samples[i] !== 0 && (i === 0 || samples[i - 1] === 0)) onsets.push(i);
    assert.deepEqual(onsets, starts.map((startMs) => frameAt(startMs)));
    assert.equal(frameAt(starts[99]!), Math.round((250.3 + 99 * 1_370.77) * 48));
    assert.equal(samples[frameAt(starts[99]!) + 2_399], 0.25);
    assert.equal(samples[frameAt(starts[99]!) + 2_400], 0);
  });

  test('overlapping clips add (no 1/n scaling); what passes full scale is clamped and reported', async () => {
    const quiet = await burstClip(join(dir, 'quiet.wav'), 4_800, 0.25);
    const loud = await burstClip(join(dir, 'loud.wav'), 4_800, 0.9);
    const output = join(dir, 'overlap.wav');
    const report = await buildDubTrack({
      clips: [
        { path: quiet, startMs: 0, id: 'a' },
        { path: quiet, startMs: 50, id: 'b' },
        { path: loud, startMs: 500, id: 'c' },
        { path: loud, startMs: 550, id: 'd' },
        { path: quiet, startMs: 2_000, id: 'e' },
      ],
      output,
      durationMs: 3_000,
    });
    const samples = await samplesOf(output);
    assert.equal(samples[frameAt(60)], 0.5);
    assert.equal(samples[frameAt(560)], 32_767 / 32_768);
    assert.equal(report.clippedSamples, 4_800 - 2_400);
    assert.deepEqual(report.clippedClips.sort(), ['c', 'd']);
    assert.deepEqual(report.truncatedClips, []);
  });

  test('clips past the end are cut and reported; a clip in another format is refused', async () => {
    const clip = await burstClip(join(dir, 'tail.wav'), 48_000);
    const report = await buildDubTrack({ clips: [{ path: clip, startMs: 500, id: 'late' }, { path: clip, startMs: 5_000, id: 'after' }], output: join(dir, 'cut.wav'), durationMs: 1_000 });
    assert.equal(report.track.frames, 48_000);
    assert.deepEqual(report.truncatedClips.sort(), ['after', 'late']);
    const stereo = await burstClip(join(dir, 'stereo.wav'), 100, 0.1, { sampleRate: 48_000, channels: 2, sampleFormat: 's16' });
    await assert.rejects(
      buildDubTrack({ clips: [{ path: stereo, startMs: 0 }], output: join(dir, 'bad.wav'), durationMs: 1_000 }),
      (error: unknown) => error instanceof MediaWorkError && error.code === 'wav_wrong_format',
    );
  });
});
