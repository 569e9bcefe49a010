import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ffmpeg, mediaTools, scratchDir, toneWav } from '../../../test/helpers/dub-media.js';
import { MediaWorkError } from './errors.js';
import { fitClip, hasRubberband, planFit } from './fit.js';
import { WavReader } from './wav.js';

describe('planning a clip’s fit', () => {
  const base = { startMs: 10_000, endMs: 12_000, nextStartMs: 20_000, maxTempo: 1.35 };
  const cases: Array<[string, number, Partial<typeof base>, { tempo: number; budgetMs: number; padMs: number; overflowMs: number; warnings: number }]> = [
    ['fits as is: never slowed down, padded', 1_500, {}, { tempo: 1, budgetMs: 3_500, padMs: 500, overflowMs: 0, warnings: 0 }],
    ['borrows of the gap first, only up to 1.5 s', 3_400, {}, { tempo: 1, budgetMs: 3_500, padMs: 0, overflowMs: 0, warnings: 0 }],
    ['a short gap lends only itself', 2_400, { nextStartMs: 12_200 }, { tempo: 2_400 / 2_200, budgetMs: 2_200, padMs: 0, overflowMs: 0, warnings: 0 }],
    ['a next segment that overlaps lends nothing', 2_200, { nextStartMs: 11_000 }, { tempo: 1.1, budgetMs: 2_000, padMs: 0, overflowMs: 0, warnings: 0 }],
    ['up to 1.15× silently', 2_300, { nextStartMs: 12_000 }, { tempo: 1.15, budgetMs: 2_000, padMs: 0, overflowMs: 0, warnings: 0 }],
    ['above 1.15× with a warning', 2_600, { nextStartMs: 12_000 }, { tempo: 1.3, budgetMs: 2_000, padMs: 0, overflowMs: 0, warnings: 1 }],
    ['capped at maxTempo, the overflow recorded', 4_000, { nextStartMs: 12_000 }, { tempo: 1.35, budgetMs: 2_000, padMs: 0, overflowMs: 4_000 / 1.35 - 2_000, warnings: 1 }],
    ['a lower DUB_MAX_TEMPO caps sooner', 2_600, { nextStartMs: 12_000, maxTempo: 1.2 }, { tempo: 1.2, budgetMs: 2_000, padMs: 0, overflowMs: 2_600 / 1.2 - 2_000, warnings: 1 }],
    ['the last segment may borrow 1.5 s', 3_500, { nextStartMs: undefined }, { tempo: 1, budgetMs: 3_500, padMs: 0, overflowMs: 0, warnings: 0 }],
  ];
  for (const [name, clipMs, change, expected] of cases) {
    test(name, () => {
      const plan = planFit({ ...base, ...change, clipMs });
      assert.ok(Math.abs(plan.tempo - expected.tempo) < 1e-9, `tempo ${plan.tempo}`);
      assert.ok(plan.tempo >= 1);
      assert.equal(plan.budgetMs, expected.budgetMs);
      assert.ok(Math.abs(plan.padMs - expected.padMs) < 1e-6, `pad ${plan.padMs}`);
      assert.ok(Math.abs(plan.overflowMs - expected.overflowMs) < 1e-6, `overflow ${plan.overflowMs}`);
      assert.equal(plan.warnings.length, expected.warnings, plan.warnings.join('; '));
    });
  }

  test('options out of range are refused', () => {
    assert.throws(() => planFit({ ...base, clipMs: 1000, maxTempo: 1.6 }), RangeError);
    assert.throws(() => planFit({ ...base, clipMs: 1000, maxTempo: 0.9 }), RangeError);
    assert.throws(() => planFit({ ...base, clipMs: 0 }), RangeError);
    assert.throws(() => planFit({ ...base, clipMs: 1000, endMs: 10_000 }), RangeError);
    assert.throws(() => planFit({ ...base, clipMs: 1000, silentTempo: 1.4 }), RangeError);
  });
});

describe('fitting a clip with ffmpeg', () => {
  const dir = scratchDir('fit');
  const tools = mediaTools();
  let clip: string;
  let burst: string;
  before(async () => {
    clip = await toneWav(join(dir, 'clip.wav'), { seconds: 3 });
    // Silence, then 200 ms of tone from 1.0 s: where it lands shows the tempo was applied.
    burst = join(dir, 'burst.wav');
    await ffmpeg(['-v', 'error', '-f', 'lavfi', '-i', "aevalsrc='if(between(t,1,1.2),0.5*sin(2*PI*300*t),0)':s=24000:d=3", '-c:a', 'pcm_s16le', burst]);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the bundled ffmpeg has rubberband', async () => {
    assert.equal(await hasRubberband(tools.ffmpeg), true);
  });

  for (const filter of ['rubberband', 'atempo'] as const) {
    for (const tempo of [1, 1.2, 1.35]) {
      test(`${filter} at ${tempo}×: 48 kHz mono, length within 2 % of clipMs / tempo`, async () => {
        const output = join(dir, `${filter}-${tempo}.wav`);
        const fitted = await fitClip(tools.ffmpeg, { input: clip, output, plan: { clipMs: 3_000, tempo }, filter });
        assert.deepEqual([fitted.sampleRate, fitted.channels, fitted.sampleFormat], [48_000, 1, 's16']);
        const expectedMs = 3_000 / tempo;
        assert.ok(Math.abs(fitted.durationMs - expectedMs) <= expectedMs * 0.02, `${fitted.durationMs} ms`);
        assert.equal(fitted.filter, tempo === 1 ? 'none' : filter);
      });
    }
    test(`${filter} really changes the tempo: a burst at 1.0 s lands at 1.0 / 1.25 s`, async () => {
      const output = join(dir, `${filter}-burst.wav`);
      await fitClip(tools.ffmpeg, { input: burst, output, plan: { clipMs: 3_000, tempo: 1.25 }, filter });
      const reader = await WavReader.open(output);
      const samples = await reader.read(0, reader.info.frames);
      await reader.close();
      const onset = samples.findIndex((sample) => Math.abs(sample) > 0.05);
      assert.ok(Math.abs(onset - 0.8 * 48_000) < 48_000 * 0.02, `onset at frame ${onset}`);
    });
  }

  test('a clip that is not the length its plan says is a typed error', async () => {
    await assert.rejects(
      fitClip(tools.ffmpeg, { input: clip, output: join(dir, 'wrong.wav'), plan: { clipMs: 2_000, tempo: 1 } }),
      (error: unknown) => error instanceof MediaWorkError && error.code === 'fit_length_mismatch',
    );
    await assert.rejects(
      fitClip(tools.ffmpeg, { input: clip, output: join(dir, 'wrong2.wav'), plan: { clipMs: 4_000, tempo: 1.3 } }),
      (error: unknown) => error instanceof MediaWorkError && error.code === 'fit_length_mismatch',
    );
  });
});
