import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ffmpeg, mediaTools, scratchDir, testVideo, toneWav } from '../../../test/helpers/dub-media.js';
import { isOfflineVoiceInstalled, startOfflineVoice } from '../../engines/tts/espeak/offline-voice.js';
import { ToolError } from '../../media/run-tool.js';
import { buildQaReport, isClipping, MAX_DRIFT_MS } from '../qa.js';
import { newSegment } from '../segments.js';
import { MediaWorkError } from './errors.js';
import { exportDubbedVideo } from './export.js';
import { fitClip } from './fit.js';
import { measureClip, measureClips, measureDrift, measureProgramme, parseAstats, parseFramecrc } from './qa-measure.js';
import { writeSubtitles } from './subtitles.js';

const tools = mediaTools();

describe('measuring clips with astats', () => {
  const dir = scratchDir('qa-clips');
  const clips: Record<'clean' | 'clipped' | 'fullScale' | 'silent' | 'hum' | 'short' | 'clippedFitted', string> = {} as never;
  before(async () => {
    clips.clean = await toneWav(join(dir, 'clean.wav'), { seconds: 2, rate: 48_000 });
    // Driven 20 dB past full scale in float, then clamped into s16: the fault a hot TTS voice bakes in.
    clips.clipped = join(dir, 'clipped.wav');
    await ffmpeg(['-v', 'error', '-f', 'lavfi', '-i', 'aevalsrc=0.5*sin(2*PI*300*t):s=48000:d=2', '-af', 'volume=20dB', '-c:a', 'pcm_s16le', clips.clipped]);
    // Touches full scale once a cycle: a high peak count, but no plateau.
    clips.fullScale = await toneWav(join(dir, 'full-scale.wav'), { seconds: 2, rate: 48_000, amplitude: 1 });
    clips.silent = join(dir, 'silent.wav');
    await ffmpeg(['-v', 'error', '-f', 'lavfi', '-i', 'anullsrc=r=48000:cl=mono', '-t', '2', '-c:a', 'pcm_s16le', clips.silent]);
    // A 50 Hz hum 2–3 LSB high: each top sample repeats for dozens of samples, a plateau at −81 dBFS.
    clips.hum = await toneWav(join(dir, 'hum.wav'), { seconds: 2, rate: 48_000, frequency: 50, amplitude: 0.00008 });
    clips.short = await toneWav(join(dir, 'short.wav'), { seconds: 0.15, rate: 48_000 });
    // The clipped clip as the dub uses it: resampled and sped up by atempo, which smears the plateaus most.
    const raw = join(dir, 'clipped-raw.wav');
    await ffmpeg(['-v', 'error', '-f', 'lavfi', '-i', 'aevalsrc=0.5*sin(2*PI*300*t):s=22050:d=2', '-af', 'volume=12dB', '-c:a', 'pcm_s16le', raw]);
    clips.clippedFitted = join(dir, 'clipped-fitted.wav');
    await fitClip(tools.ffmpeg, { input: raw, output: clips.clippedFitted, plan: { clipMs: 2_000, tempo: 1.3 }, filter: 'atempo' });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a clipped clip reads as clipped and a clean one does not', async () => {
    const clipped = await measureClip(tools.ffmpeg, clips.clipped);
    const clean = await measureClip(tools.ffmpeg, clips.clean);
    assert.ok(clipped.peakDb > -0.01 && clipped.flatFactor > 25 && clipped.peakCount > 10_000, JSON.stringify(clipped));
    assert.ok(Math.abs(clean.peakDb + 6.02) < 0.05 && clean.flatFactor < 1, JSON.stringify(clean));
    assert.equal(isClipping(clipped), true);
    assert.equal(isClipping(clean), false);
  });

  test('clipping survives fitting with atempo; a clean tone at full scale is not clipping', async () => {
    const fitted = await measureClip(tools.ffmpeg, clips.clippedFitted);
    const fullScale = await measureClip(tools.ffmpeg, clips.fullScale);
    assert.equal(isClipping(fitted), true, JSON.stringify(fitted));
    assert.ok(fullScale.peakDb > -0.01 && fullScale.peakCount >= 1_000, 'the count alone would call it clipped');
    assert.equal(isClipping(fullScale), false, JSON.stringify(fullScale));
  });

  test('silence reads −∞, not astats\' −6153 dB, and is not clipping however many samples sit at its "peak"', async () => {
    const silent = await measureClip(tools.ffmpeg, clips.silent);
    assert.deepEqual([silent.peakDb, silent.rmsDb, silent.flatFactor], [-Infinity, -Infinity, -Infinity]);
    assert.ok(silent.peakCount > 10);
    assert.equal(isClipping(silent), false);
  });

  test('a hum a few LSB high has the flat factor of clipping but is silent, not clipped', async () => {
    const hum = await measureClip(tools.ffmpeg, clips.hum);
    assert.ok(hum.flatFactor > 30 && hum.rmsDb < -80, JSON.stringify(hum));
    assert.equal(isClipping(hum), false);
  });

  test('durations come from the sample count: 150 ms and 2 s exactly', async () => {
    const [short, clean] = await measureClips(tools.ffmpeg, [clips.short, clips.clean], { concurrency: 2 });
    assert.equal(short!.durationMs, 150);
    assert.equal(clean!.durationMs, 2_000);
  });

  test('the report flags each planted fault on its segment and nothing on the clean one', async () => {
    const order = ['clean', 'clipped', 'silent', 'short'] as const;
    const measured = await measureClips(tools.ffmpeg, order.map((name) => clips[name]), { concurrency: 3 });
    const segments = order.map((name, index) => newSegment(index, { startMs: index * 5_000, endMs: index * 5_000 + 2_500, sourceText: `line ${name}`, targetText: `the ${name} line` }));
    const report = buildQaReport({
      segments,
      clips: new Map(segments.map((segment, index) => [segment.id, measured[index]!])),
      programme: { integratedLufs: -16, truePeakDbtp: -2, loudnessRangeLu: 3 },
      drift: { video: { startMs: 0, endMs: 20_000 }, audio: { startMs: 0, endMs: 20_000 }, driftMs: 0 },
      settings: { maxTempo: 1.35, targetLufs: -16 },
    });
    assert.deepEqual(report.segments.map((segment) => segment.findings.map((item) => item.code)), [[], ['clipping'], ['silent'], ['too_short']]);
  });

  test('a file with no audio is a ToolError; a broken report is a MediaWorkError', async () => {
    const video = await testVideo(join(dir, 'mute.mp4'), { seconds: 1, codec: 'h264', audio: 'none' });
    await assert.rejects(measureClips(tools.ffmpeg, [clips.clean, video], { concurrency: 1 }), ToolError);
    assert.throws(() => parseAstats('[Parsed_astats_0 @ 0x1] Overall\n'), MediaWorkError);
    await assert.rejects(measureClips(tools.ffmpeg, [], { concurrency: 0 }), RangeError);
  });

  test('espeak speech, fitted both ways: clean reads clean, driven 12 dB hot reads clipped', { skip: !isOfflineVoiceInstalled() }, async () => {
    const voice = startOfflineVoice({ cwd: dir });
    try {
      await voice.synthesize('Hello, how are you today? I have been waiting for you all morning.', 'gmw/en-US', 'speech.wav');
    } finally {
      await voice.close();
    }
    const hot = join(dir, 'speech-hot.wav');
    await ffmpeg(['-v', 'error', '-i', join(dir, 'speech.wav'), '-af', 'volume=12dB', '-c:a', 'pcm_s16le', hot]);
    const clipMs = (await measureClip(tools.ffmpeg, join(dir, 'speech.wav'))).durationMs;
    for (const filter of ['atempo', 'rubberband'] as const) {
      for (const [name, input, expected] of [['clean', join(dir, 'speech.wav'), false], ['hot', hot, true]] as const) {
        const output = join(dir, `speech-${name}-${filter}.wav`);
        await fitClip(tools.ffmpeg, { input, output, plan: { clipMs, tempo: 1.2 }, filter });
        const measured = await measureClip(tools.ffmpeg, output);
        assert.equal(isClipping(measured), expected, `${name} via ${filter}: ${JSON.stringify(measured)}`);
      }
    }
  });
});

describe('measuring programme loudness with ebur128', () => {
  const dir = scratchDir('qa-programme');
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a tone reads the loudness loudnorm measures and the true peak of its amplitude', async () => {
    const tone = await toneWav(join(dir, 'tone.wav'), { seconds: 10, rate: 48_000, channels: 2, frequency: 997, amplitude: 0.25 });
    const measured = await measureProgramme(tools.ffmpeg, tone, { durationMs: 10_000 });
    const stderr = await ffmpeg(['-v', 'info', '-i', tone, '-af', 'loudnorm=print_format=json', '-f', 'null', '-']);
    const loudnorm = JSON.parse(stderr.slice(stderr.lastIndexOf('{'), stderr.lastIndexOf('}') + 1)) as { input_i: string };
    assert.ok(Math.abs(measured.integratedLufs - Number(loudnorm.input_i)) <= 0.1, `${measured.integratedLufs} against ${loudnorm.input_i}`);
    assert.ok(Math.abs(measured.truePeakDbtp - 20 * Math.log10(0.25)) <= 0.2, `${measured.truePeakDbtp} dBTP`);
    assert.ok(measured.loudnessRangeLu < 1);
  });

  test('the second audio stream of a file, and silence (−70 LUFS, the absolute gate; −∞ dBTP)', async () => {
    const video = await testVideo(join(dir, 'two.mp4'), { seconds: 3, codec: 'h264', audio: 'tone' });
    const twoTracks = join(dir, 'two-tracks.mp4');
    await ffmpeg(['-v', 'error', '-i', video, '-f', 'lavfi', '-t', '3', '-i', 'anullsrc=r=48000:cl=stereo', '-map', '0:v', '-map', '1:a', '-map', '0:a', '-c:v', 'copy', '-c:a', 'aac', twoTracks]);
    const [silent, tone] = await Promise.all([measureProgramme(tools.ffmpeg, twoTracks), measureProgramme(tools.ffmpeg, twoTracks, { stream: 1 })]);
    assert.deepEqual([silent.integratedLufs, silent.truePeakDbtp], [-70, -Infinity]);
    // testVideo's tone is ffmpeg's `sine` source: amplitude 1/8, −18.1 dB.
    assert.ok(tone.integratedLufs > -30 && Math.abs(tone.truePeakDbtp - 20 * Math.log10(1 / 8)) < 0.5, JSON.stringify(tone));
  });
});

describe('measuring A/V drift from packet timestamps', () => {
  const dir = scratchDir('qa-drift');
  let dubbed: string;
  let reencoded: string;
  let shifted: string;
  before(async () => {
    const mix = await toneWav(join(dir, 'mix.wav'), { seconds: 4, rate: 48_000, channels: 2, frequency: 220 });
    const original = await toneWav(join(dir, 'original.wav'), { seconds: 4, rate: 48_000, channels: 2, frequency: 440 });
    const { srt } = await writeSubtitles(dir, 'en-US', [{ startMs: 500, endMs: 1_500, text: 'Hello' }]);
    const h264 = await testVideo(join(dir, 'h264.mp4'), { seconds: 4, codec: 'h264', audio: 'tone' });
    const mpeg4 = await testVideo(join(dir, 'mpeg4.mp4'), { seconds: 4, codec: 'mpeg4', audio: 'tone', audioCodec: 'mp3' });
    dubbed = join(dir, 'dubbed.mp4');
    reencoded = join(dir, 'dubbed-reencoded.mp4');
    await exportDubbedVideo(tools, { source: h264, mix, original, subtitles: srt, targetLanguage: 'en-US', output: dubbed });
    await exportDubbedVideo(tools, { source: mpeg4, mix, original, subtitles: srt, targetLanguage: 'en-US', output: reencoded });
    // The dub track remuxed 100 ms late: the fault a wrong offset in an export would make.
    shifted = join(dir, 'shifted.mp4');
    await ffmpeg(['-v', 'error', '-i', dubbed, '-itsoffset', '0.1', '-i', dubbed, '-map', '0:v:0', '-map', '1:a:0', '-c', 'copy', shifted]);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('dubbed.mp4 as export makes it: no drift, the AAC priming hidden by its edit list', async () => {
    for (const file of [dubbed, reencoded]) {
      const drift = await measureDrift(tools.ffmpeg, file, { durationMs: 4_000 });
      assert.deepEqual(drift.video, { startMs: 0, endMs: 4_000 });
      // Counting the discarded priming packet would start the audio at −21.3 ms.
      assert.deepEqual(drift.audio, { startMs: 0, endMs: 4_000 });
      assert.equal(drift.driftMs, 0);
    }
  });

  test('audio remuxed 100 ms late reads about 100 ms, and fails the report', async () => {
    const drift = await measureDrift(tools.ffmpeg, shifted);
    // Remuxing drops the edit list: the 21.3 ms of priming now plays, so the stream starts 78 ms late and ends 110 ms late.
    assert.ok(drift.driftMs >= 90 && drift.driftMs <= 130, JSON.stringify(drift));
    assert.ok(drift.driftMs > MAX_DRIFT_MS);
    const report = buildQaReport({ segments: [], clips: new Map(), programme: { integratedLufs: -16, truePeakDbtp: -2, loudnessRangeLu: 3 }, drift, settings: { maxTempo: 1.35 } });
    assert.deepEqual(report.overall.findings.map((item) => [item.code, item.severity, item.segment]), [['drift', 'failure', null]]);
  });

  test('framecrc parsing: discarded packets skipped, B-frame order, streams found by media type', () => {
    const text = [
      '#tb 0: 1/48000', '#media_type 0: audio', '#tb 1: 1/12800', '#media_type 1: video',
      '0,      -1024,      -1024,     1024,      368, 0x266fa134, F=0x5, S=1,       10, 0x00240004',
      '1,      -1024,          0,      512,     5557, 0x759e4826',
      '0,          0,          0,     1024,      411, 0xf8f1c8aa',
      '1,       -512,       1024,      512,     2863, 0xbc439dea, F=0x0',
      '1,          0,        512,      512,     1500, 0x7aaedad2, F=0x0',
      '0,       1024,       1024,      512,      378, 0x43cdace6',
    ].join('\n');
    assert.deepEqual(parseFramecrc(text), { video: { startMs: 0, endMs: 120 }, audio: { startMs: 0, endMs: 32 } });
    assert.throws(() => parseFramecrc('#tb 0: 1/12800\n#media_type 0: video\n0, 0, 0, 512, 10, 0x1\n'), MediaWorkError);
  });
});
