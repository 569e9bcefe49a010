import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ffmpeg as runFfmpeg, integratedLoudness, mediaTools, rmsDb, scratchDir } from '../../../test/helpers/dub-media.js';
import { MIX_FORMAT } from './extract.js';
import { CLIP_FORMAT } from './fit.js';
import { LOUDNESS_TARGETS, measureLoudness, normalizeLoudness } from './loudness.js';
import { mixDub } from './mix.js';
import { measureGatedProgramme } from './qa-measure.js';
import { type WavFormat, WavReader, WavWriter, writeSilentWav } from './wav.js';

const SECONDS = 12;
const SEGMENTS = [
  { startMs: 1_000, endMs: 2_500 },
  { startMs: 5_000, endMs: 6_000 },
  { startMs: 8_200, endMs: 10_500 },
];

/** A track of `seconds` whose value at frame i is `sample(i / rate)` (interleaved channels get the same). */
async function synthWav(path: string, format: WavFormat, seconds: number, sample: (t: number) => number): Promise<string> {
  const writer = await WavWriter.create(path, format);
  const frames = seconds * format.sampleRate;
  const samples = new Float32Array(frames * format.channels);
  for (let i = 0; i < frames; i++) samples.fill(sample(i / format.sampleRate), i * format.channels, (i + 1) * format.channels);
  await writer.write(samples);
  await writer.close();
  return path;
}

/** Speech stand-in: a 220 Hz tone with a 4 Hz syllable rhythm, inside the segments only. */
function speech(t: number): number {
  const inside = SEGMENTS.some((segment) => t * 1000 >= segment.startMs && t * 1000 < segment.endMs);
  return inside ? 0.3 * Math.sin(2 * Math.PI * 220 * t) * (0.6 + 0.4 * Math.sin(2 * Math.PI * 4 * t)) : 0;
}

async function firstOnset(path: string): Promise<number> {
  const reader = await WavReader.open(path);
  const samples = await reader.read(0, reader.info.frames);
  await reader.close();
  return samples.findIndex((sample) => Math.abs(sample) > 0.01) / reader.info.channels;
}

describe('mixing the dub over the original', () => {
  const dir = scratchDir('mix');
  const { ffmpeg } = mediaTools();
  let dub: string;
  let silentOriginal: string;
  before(async () => {
    dub = await synthWav(join(dir, 'dub.wav'), CLIP_FORMAT, SECONDS, speech);
    silentOriginal = join(dir, 'silent.wav');
    await writeSilentWav(silentOriginal, MIX_FORMAT, SECONDS * 48_000);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('with a silent original: energy inside every segment window, none outside, through both loudness passes', async () => {
    const premix = join(dir, 'premix.wav');
    const { premix: info } = await mixDub({ original: silentOriginal, dub, output: premix, segments: SEGMENTS, durationMs: SECONDS * 1000 });
    assert.deepEqual([info.sampleRate, info.channels, info.frames], [48_000, 2, SECONDS * 48_000]);
    const target = LOUDNESS_TARGETS.standard;
    const measured = await measureLoudness(ffmpeg, { input: premix, target, durationMs: SECONDS * 1000 });
    assert.ok(measured);
    const output = join(dir, 'mix.wav');
    const { mix } = await normalizeLoudness(ffmpeg, { input: premix, output, target, measured, durationMs: SECONDS * 1000 });
    assert.deepEqual([mix.sampleRate, mix.channels, mix.sampleFormat, mix.frames], [48_000, 2, 's16', SECONDS * 48_000]);
    for (const segment of SEGMENTS) assert.ok((await rmsDb(output, segment.startMs + 20, segment.endMs - 20)) > -30, `speech in ${segment.startMs}`);
    // Outside, 30 ms clear of each edge (the limiters' resampling may ring a little).
    const gaps = [[0, 1_000], [2_500, 5_000], [6_000, 8_200], [10_500, SECONDS * 1000]] as const;
    for (const [from, to] of gaps) assert.ok((await rmsDb(output, from + 30, to - 30)) < -80, `silence in ${from}–${to}`);
    assert.ok(Math.abs((await firstOnset(output)) - 48_000) < 48, 'speech stays on its sample through the gain and the limiters');
  });

  test('the original is ducked ≈12 dB under a segment and untouched elsewhere', async () => {
    const original = await synthWav(join(dir, 'tone.wav'), MIX_FORMAT, SECONDS, (t) => 0.25 * Math.sin(2 * Math.PI * 1_000 * t));
    const noDub = await synthWav(join(dir, 'no-dub.wav'), CLIP_FORMAT, SECONDS, () => 0);
    const premix = join(dir, 'ducked.wav');
    await mixDub({ original, dub: noDub, output: premix, segments: [SEGMENTS[1]!], durationMs: SECONDS * 1000 });
    const reference = await rmsDb(original, 0, 4_000);
    assert.ok(Math.abs((await rmsDb(premix, 5_000, 6_000)) - (reference - 12)) < 0.2, 'ducked by 12 dB');
    assert.ok(Math.abs((await rmsDb(premix, 1_000, 4_500)) - reference) < 0.01, 'untouched before the fade');
    assert.ok(Math.abs((await rmsDb(premix, 6_500, 11_000)) - reference) < 0.01, 'untouched after the fade');
    const deeper = join(dir, 'ducked-20.wav');
    await mixDub({ original, dub: noDub, output: deeper, segments: [SEGMENTS[1]!], durationMs: SECONDS * 1000, duck: { duckDb: -20 } });
    assert.ok(Math.abs((await rmsDb(deeper, 5_000, 6_000)) - (reference - 20)) < 0.2, 'DUB_DUCK_DB honoured');
  });

  test('dub and original add at full level: no 1/n scaling', async () => {
    const original = await synthWav(join(dir, 'dc.wav'), MIX_FORMAT, 1, () => 0.5);
    const voice = await synthWav(join(dir, 'dc-dub.wav'), CLIP_FORMAT, 1, () => 0.25);
    const premix = join(dir, 'sum.wav');
    await mixDub({ original, dub: voice, output: premix, segments: [], durationMs: 1_000 });
    const reader = await WavReader.open(premix);
    assert.deepEqual([...(await reader.read(100, 1))], [0.75, 0.75]);
    await reader.close();
  });

  for (const [name, target] of Object.entries(LOUDNESS_TARGETS)) {
    test(`two-pass loudness lands within ±1 LU of ${target.i} LUFS (${name}), peaks under ${target.tp} dB`, async () => {
      const premix = join(dir, `premix-${name}.wav`);
      const original = await synthWav(join(dir, `bed-${name}.wav`), MIX_FORMAT, SECONDS, (t) => 0.05 * Math.sin(2 * Math.PI * 150 * t));
      await mixDub({ original, dub, output: premix, segments: SEGMENTS, durationMs: SECONDS * 1000 });
      const measured = await measureLoudness(ffmpeg, { input: premix, target, durationMs: SECONDS * 1000 });
      const output = join(dir, `mix-${name}.wav`);
      const { normalization } = await normalizeLoudness(ffmpeg, { input: premix, output, target, measured, durationMs: SECONDS * 1000 });
      assert.match(normalization, /linear|limited/);
      const loudness = await integratedLoudness(output);
      assert.ok(Math.abs(loudness - target.i) <= 1, `${loudness} LUFS`);
      const reader = await WavReader.open(output);
      const samples = await reader.read(0, reader.info.frames);
      await reader.close();
      const peak = samples.reduce((high, sample) => Math.max(high, Math.abs(sample)), 0);
      assert.ok(20 * Math.log10(peak) <= target.tp + 0.1, `peak ${20 * Math.log10(peak)} dBFS`);
    });
  }

  test('silence is measured as nothing to normalise, and only converted', async () => {
    const premix = join(dir, 'premix-silent.wav');
    const silentDub = await synthWav(join(dir, 'silent-dub.wav'), CLIP_FORMAT, 2, () => 0);
    await mixDub({ original: silentOriginal, dub: silentDub, output: premix, segments: [], durationMs: 2_000 });
    const measured = await measureLoudness(ffmpeg, { input: premix, target: LOUDNESS_TARGETS.standard, durationMs: 2_000 });
    assert.equal(measured, null);
    const { normalization, mix } = await normalizeLoudness(ffmpeg, { input: premix, output: join(dir, 'mix-silent.wav'), target: LOUDNESS_TARGETS.standard, measured, durationMs: 2_000 });
    assert.equal(normalization, 'none');
    assert.equal(mix.frames, 96_000);
  });

  test('one gain where it keeps the true peak under the target\'s (exact), else one gain and a true-peak limiter', async () => {
    const target = LOUDNESS_TARGETS.standard;
    const quiet = join(dir, 'quiet.wav');
    await runFfmpeg(['-v', 'error', '-f', 'lavfi', '-i', 'aevalsrc=0.05*sin(2*PI*440*t)|0.05*sin(2*PI*440*t):s=48000:d=4', '-c:a', 'pcm_s16le', quiet]);
    // From 1 s, full-scale clicks over a quiet bed, with about as much energy as the bed: bringing the mix to
    // −16 LUFS would push the clicks far past −1.5 dBTP.
    const peaky = join(dir, 'peaky.wav');
    await runFfmpeg(['-v', 'error', '-f', 'lavfi', '-i', "aevalsrc='gte(t,1)*(0.05*sin(2*PI*300*t)+0.98*lt(mod(t,0.5),0.0005))|gte(t,1)*(0.05*sin(2*PI*300*t)+0.98*lt(mod(t,0.5),0.0005))':s=48000:d=4", '-c:a', 'pcm_s16le', peaky]);
    const run = async (input: string) => {
      const measured = await measureLoudness(ffmpeg, { input, target, durationMs: 4_000 });
      const output = `${input}.mix.wav`;
      const { normalization, makeupDb, mix } = await normalizeLoudness(ffmpeg, { input, output, target, measured, durationMs: 4_000 });
      assert.equal(mix.frames, 4 * 48_000, `${normalization}: exactly as long as the premix`);
      return { measured: measured!, normalization, makeupDb, onset: await firstOnset(output), after: await measureGatedProgramme(ffmpeg, output, { durationMs: 4_000 }) };
    };
    const linear = await run(quiet);
    assert.equal(linear.normalization, 'linear');
    assert.equal(linear.makeupDb, 0);
    assert.ok(Math.abs(linear.after.integratedLufs - target.i) <= 0.2, `one gain lands on the target: ${linear.after.integratedLufs} LUFS`);
    assert.ok(linear.measured.inputThresh < linear.measured.inputI, 'the relative gate sits under the integrated loudness');
    const limited = await run(peaky);
    assert.equal(limited.normalization, 'limited', `true peak ${limited.measured.inputTp} dBTP at ${limited.measured.inputI} LUFS`);
    assert.ok(limited.measured.inputTp + (target.i - limited.measured.inputI) > target.tp + 10, `the gain alone would have put the clicks 10 dB past the limit: ${JSON.stringify(limited.measured)}`);
    // The clicks carry half the loudness: limiting them leaves the mix short, and the second run makes that up.
    assert.ok(limited.makeupDb > 0.5, `make-up gain ${limited.makeupDb} dB`);
    assert.ok(Math.abs(limited.after.integratedLufs - target.i) <= 1, `the mix reaches the target: ${limited.after.integratedLufs} LUFS`);
    assert.ok(Math.abs(limited.onset - 48_000) < 48, `the sound stays on its sample through both limiters: ${limited.onset}`);
    // The true peak, not only the sample peak: the limiter works on the signal oversampled 4×.
    assert.ok(limited.after.truePeakDbtp <= target.tp + 0.3, `true peak ${limited.after.truePeakDbtp} dBTP`);
  });
});
