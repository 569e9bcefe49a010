import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { decodeAudio, integratedLoudness, mediaTools, probeJson, rmsDb, scratchDir, testVideo, toneWav } from '../../../test/helpers/dub-media.js';
import { buildDubTrack } from './dub-track.js';
import { extractAudio } from './extract.js';
import { exportDubbedVideo } from './export.js';
import { DEFAULT_MAX_TEMPO, fitClip, planFit } from './fit.js';
import { LOUDNESS_TARGETS, measureLoudness, normalizeLoudness } from './loudness.js';
import { mixDub } from './mix.js';
import { probeSource } from './source.js';
import { writeSubtitles } from './subtitles.js';

/** Translated cues, and how long the "synthesized" line for each comes out at 1.0×. */
const CUES = [
  { startMs: 1_000, endMs: 2_500, text: 'First line.', clipMs: 1_200 },
  { startMs: 3_500, endMs: 5_000, text: 'A line too long for its slot.', clipMs: 1_875 },
  { startMs: 5_000, endMs: 6_500, text: 'Right after it.', clipMs: 1_500 },
];
const SECONDS = 8;

describe('a whole dub’s media work, end to end', () => {
  const dir = scratchDir('dub-e2e');
  const tools = mediaTools();
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('silent source + translated cues → dubbed.mp4: tracks, languages, duration, speech only in the cue windows, loudness on target', async () => {
    const source = await testVideo(join(dir, 'source.mp4'), { seconds: SECONDS, codec: 'h264', audio: 'silence', size: '640x360' });
    const streams = await probeSource(tools.ffprobe, source);
    const original = join(dir, 'original.wav');
    await extractAudio(tools.ffmpeg, { input: source, originalWav: original, asrWav: join(dir, 'asr.wav'), durationMs: streams.durationMs });

    const clips = [];
    for (const [index, cue] of CUES.entries()) {
      const synthesized = await toneWav(join(dir, `tts-${index}.wav`), { seconds: cue.clipMs / 1000, frequency: 200 + 60 * index });
      const plan = planFit({ clipMs: cue.clipMs, startMs: cue.startMs, endMs: cue.endMs, nextStartMs: CUES[index + 1]?.startMs ?? streams.durationMs, maxTempo: DEFAULT_MAX_TEMPO });
      assert.equal(plan.overflowMs, 0);
      const fitted = join(dir, `fit-${index}.wav`);
      await fitClip(tools.ffmpeg, { input: synthesized, output: fitted, plan });
      clips.push({ path: fitted, startMs: cue.startMs, id: `c${index}` });
    }
    const dub = join(dir, 'dub.wav');
    const track = await buildDubTrack({ clips, output: dub, durationMs: streams.durationMs });
    assert.equal(track.clippedSamples, 0);

    const premix = join(dir, 'premix.wav');
    await mixDub({ original, dub, output: premix, segments: CUES, durationMs: streams.durationMs });
    const target = LOUDNESS_TARGETS.standard;
    const measured = await measureLoudness(tools.ffmpeg, { input: premix, target, durationMs: streams.durationMs });
    const mix = join(dir, 'mix.wav');
    await normalizeLoudness(tools.ffmpeg, { input: premix, output: mix, target, measured, durationMs: streams.durationMs });

    const { srt, vtt } = await writeSubtitles(dir, 'es', CUES);
    assert.match(vtt, /subtitles\.es\.vtt$/);
    const output = join(dir, 'dubbed.mp4');
    await exportDubbedVideo(tools, { source, mix, original, subtitles: srt, targetLanguage: 'es', output, streams });

    const probed = await probeJson(output);
    assert.deepEqual(probed.streams.map((stream) => `${String(stream.codec_type)}:${String(stream.tags?.language)}`), ['video:und', 'audio:spa', 'audio:und', 'subtitle:spa']);
    assert.ok(Math.abs(Number(probed.format.duration) * 1000 - streams.durationMs) <= 100, `${String(probed.format.duration)} s`);

    const heard = await decodeAudio(output, '0:a:0', join(dir, 'heard.wav'));
    for (const cue of CUES) assert.ok((await rmsDb(heard, cue.startMs + 50, cue.endMs - 50)) > -30, `speech in ${cue.startMs}–${cue.endMs}`);
    const outside = [[0, 1_000], [2_500, 3_500], [6_500, SECONDS * 1000]] as const;
    for (const [from, to] of outside) assert.ok((await rmsDb(heard, from + 60, to - 60)) < -70, `nothing in ${from}–${to}`);
    const loudness = await integratedLoudness(output);
    assert.ok(Math.abs(loudness - target.i) <= 1, `${loudness} LUFS`);
  });
});
