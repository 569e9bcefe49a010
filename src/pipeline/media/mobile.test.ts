import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runTool } from '../../media/run-tool.js';
import { LIMITS, mediaTools, probeJson, scratchDir, testVideo, toneWav, topLevelBoxes } from '../../../test/helpers/dub-media.js';
import { exportDubbedVideo } from './export.js';
import { encodeMobile, mobileFitness, mobileSize } from './mobile.js';
import { type SourceStreams, probeSource } from './source.js';
import { writeSubtitles } from './subtitles.js';

const SECONDS = 4;

/** MD5 of one stream's packets, copied out without decoding: equal only if the bitstream is. */
async function streamMd5(path: string, stream: string): Promise<string> {
  const { stdout } = await runTool(mediaTools().ffmpeg, ['-v', 'error', '-i', path, '-map', stream, '-c', 'copy', '-f', 'md5', '-'], LIMITS);
  return stdout.toString('utf8').trim();
}

const h264 = (video: Partial<SourceStreams['video']>, audio?: SourceStreams['audio']): SourceStreams => ({
  durationMs: 1000,
  video: { codec: 'h264', profile: 'High', level: 40, pixFmt: 'yuv420p', width: 1280, height: 720, ...video },
  audio,
});

describe('phone fitness of dubbed.mp4 (pure)', () => {
  test('H.264 High 4.0 yuv420p 720p without sound is fit; each broken rule is named', () => {
    assert.deepEqual(mobileFitness(h264({}), { maxHeight: 720 }), { fit: true, reasons: [], audioFit: true });
    assert.deepEqual(mobileFitness(h264({ profile: 'Constrained Baseline', level: 30 }), { maxHeight: 720 }).reasons, []);
    assert.deepEqual(mobileFitness(h264({ profile: 'High 10', level: 51, pixFmt: 'yuv420p10le', height: 1080 }), { maxHeight: 720 }).reasons, ['video_profile', 'level', 'pix_fmt', 'height']);
    assert.deepEqual(mobileFitness(h264({ profile: undefined, level: undefined, pixFmt: undefined, height: undefined }), { maxHeight: 720 }).reasons, ['video_profile', 'level', 'pix_fmt', 'height'], 'unknown is unfit');
    assert.deepEqual(mobileFitness({ durationMs: 1, video: { codec: 'hevc', height: 480 }, audio: undefined }, { maxHeight: 720 }).reasons, ['video_codec'], 'export re-encodes it at no chosen level');
  });

  test('the original track counts only when export copies it (AAC source): LC, 48 kHz, stereo', () => {
    const aac = { codec: 'aac', language: 'jpn', profile: 'HE-AAC', sampleRate: 44_100, channels: 6 };
    assert.deepEqual(mobileFitness(h264({}, aac), { maxHeight: 720 }), { fit: false, reasons: ['audio_profile', 'audio_sample_rate', 'audio_channels'], audioFit: false });
    assert.deepEqual(mobileFitness(h264({}, { ...aac, profile: 'LC', sampleRate: 48_000, channels: 2 }), { maxHeight: 720 }).fit, true);
    assert.deepEqual(mobileFitness(h264({}, { codec: 'opus', language: undefined, sampleRate: 48_000, channels: 6 }), { maxHeight: 720 }).fit, true, 'encoded by export from the 48 kHz stereo WAV');
    assert.deepEqual(mobileFitness(h264({ height: 1080 }, aac), { maxHeight: 1080 }).reasons, ['audio_profile', 'audio_sample_rate', 'audio_channels']);
  });

  test('mobileSize caps the height, keeps the aspect, stays even and never upscales', () => {
    assert.deepEqual(mobileSize(1920, 1080), { width: 1280, height: 720 });
    assert.deepEqual(mobileSize(1440, 1080), { width: 960, height: 720 });
    assert.deepEqual(mobileSize(320, 240), { width: 320, height: 240 });
    assert.deepEqual(mobileSize(1080, 1920), { width: 404, height: 720 });
    assert.deepEqual(mobileSize(641, 361, 480), { width: 638, height: 360 });
    assert.throws(() => mobileSize(3840, 2160, 2160), RangeError);
  });
});

describe('mobile.mp4 from dubbed.mp4', () => {
  const dir = scratchDir('mobile');
  const tools = mediaTools();
  let subtitles: string;
  let mix: string;
  let original: string;
  before(async () => {
    mix = await toneWav(join(dir, 'mix.wav'), { seconds: SECONDS, rate: 48_000, channels: 2, frequency: 220 });
    original = await toneWav(join(dir, 'original.wav'), { seconds: SECONDS, rate: 48_000, channels: 2, frequency: 440 });
    ({ srt: subtitles } = await writeSubtitles(dir, 'en', [{ startMs: 500, endMs: 1_500, text: 'Hello' }]));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const dub = async (name: string, source: string, streams: SourceStreams, dubMix = mix) => {
    const output = join(dir, `${name}-dubbed.mp4`);
    await exportDubbedVideo(tools, { source, mix: dubMix, original, subtitles, targetLanguage: 'en', output, streams });
    return output;
  };

  test('a 320x240 Constrained Baseline source with AAC-LC 48 kHz stereo is fit as exported', async () => {
    const source = await testVideo(join(dir, 'small.mp4'), { seconds: 1, codec: 'h264', audio: 'tone', audioRate: 48_000, audioChannels: 2, size: '320x240' });
    const streams = await probeSource(tools.ffprobe, source);
    assert.deepEqual([streams.video.profile, streams.video.pixFmt, streams.video.height, streams.audio?.profile, streams.audio?.sampleRate, streams.audio?.channels], ['Constrained Baseline', 'yuv420p', 240, 'LC', 48_000, 2]);
    assert.deepEqual(mobileFitness(streams, { maxHeight: 720 }), { fit: true, reasons: [], audioFit: true });
  });

  test('a yuv444p source is unfit by profile and pixel format', async () => {
    const source = await testVideo(join(dir, 'yuv444.mp4'), { seconds: 1, codec: 'h264', audio: 'none', x264: { pixFmt: 'yuv444p' } });
    const streams = await probeSource(tools.ffprobe, source);
    assert.equal(streams.video.profile, 'High 4:4:4 Predictive');
    assert.deepEqual(mobileFitness(streams, { maxHeight: 720 }).reasons, ['video_profile', 'pix_fmt']);
  });

  test('1080p High 4.2 with 44.1 kHz mono AAC: unfit; encoded to 720p High ≤ 4.1, every track AAC-LC 48 kHz stereo, faststart; reuseVideo copies the video', async () => {
    const source = await testVideo(join(dir, 'full-hd.mp4'), { seconds: SECONDS, codec: 'h264', audio: 'tone', language: 'jpn', size: '1920x1080', x264: { profile: 'high', level: '4.2', preset: 'superfast' } });
    const streams = await probeSource(tools.ffprobe, source);
    assert.deepEqual([streams.video.profile, streams.video.level, streams.video.width, streams.video.height], ['High', 42, 1920, 1080]);
    const fitness = mobileFitness(streams, { maxHeight: 720 });
    assert.deepEqual(fitness, { fit: false, reasons: ['level', 'height', 'audio_sample_rate', 'audio_channels'], audioFit: false });

    const dubbed = await dub('full-hd', source, streams);
    const mobile = join(dir, 'mobile.mp4');
    assert.deepEqual(await encodeMobile(tools, { input: dubbed, output: mobile, durationMs: streams.durationMs, copyOriginalAudio: fitness.audioFit }), { videoCopied: false, originalAudio: 'encoded' });

    const probed = await probeJson(mobile);
    assert.deepEqual(probed.streams.map((stream) => `${String(stream.codec_type)}:${String(stream.codec_name)}`), ['video:h264', 'audio:aac', 'audio:aac', 'subtitle:mov_text']);
    const [video, dubTrack, originalTrack] = probed.streams;
    assert.equal(video!.profile, 'High');
    assert.ok(Number(video!.level) <= 41, `level ${String(video!.level)}`);
    assert.deepEqual([video!.pix_fmt, video!.width, video!.height], ['yuv420p', 1280, 720]);
    assert.deepEqual({ width: video!.width, height: video!.height }, mobileSize(1920, 1080));
    for (const track of [dubTrack!, originalTrack!]) assert.deepEqual([track.profile, track.sample_rate, track.channels], ['LC', '48000', 2]);
    assert.deepEqual([dubTrack!.disposition?.default, originalTrack!.disposition?.default], [1, 0]);
    assert.deepEqual([dubTrack!.tags?.language, originalTrack!.tags?.language], ['eng', 'jpn']);
    assert.equal((probed.format.tags as Record<string, string> | undefined)?.title, undefined);
    const boxes = topLevelBoxes(mobile);
    assert.ok(boxes.indexOf('moov') < boxes.indexOf('mdat'), boxes.join(' '));
    assert.ok(Math.abs(Number(probed.format.duration) - SECONDS) < 0.1, `${String(probed.format.duration)} s`);

    // Keyframes at 0, 2, 4… s: HLS can cut 6 s segments at them.
    const { stdout } = await runTool(tools.ffprobe, ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time,flags', '-of', 'csv=p=0', mobile], LIMITS);
    const keyTimes = stdout.toString('utf8').trim().split('\n').filter((line) => line.split(',')[1]?.startsWith('K')).map((line) => Number(line.split(',')[0])).sort((a, b) => a - b);
    assert.deepEqual(keyTimes.map((time) => Math.round(time * 25)), [0, 50], keyTimes.join(' '));

    // A re-render: a new dub, the same source. The video is copied bit for bit from the first mobile.mp4.
    const remix = await toneWav(join(dir, 'remix.wav'), { seconds: SECONDS, rate: 48_000, channels: 2, frequency: 330 });
    const redubbed = await dub('full-hd-2', source, streams, remix);
    const reused = join(dir, 'mobile-2.mp4');
    assert.equal((await encodeMobile(tools, { input: redubbed, output: reused, durationMs: streams.durationMs, reuseVideo: mobile })).videoCopied, true);
    assert.equal(await streamMd5(reused, '0:v:0'), await streamMd5(mobile, '0:v:0'));
    assert.notEqual(await streamMd5(reused, '0:a:0'), await streamMd5(mobile, '0:a:0'), 'the new dub');
    assert.deepEqual((await probeJson(reused)).streams.map((stream) => String(stream.codec_name)), ['h264', 'aac', 'aac', 'mov_text']);
  });

  test('an odd, portrait, non-H.264 source is scaled as mobileSize says', async () => {
    const source = await testVideo(join(dir, 'portrait.mp4'), { seconds: 1, codec: 'mpeg4', audio: 'none', size: '202x362' });
    const streams = await probeSource(tools.ffprobe, source);
    const dubbed = await dub('portrait', source, streams);
    const mobile = join(dir, 'portrait-mobile.mp4');
    await encodeMobile(tools, { input: dubbed, output: mobile, durationMs: streams.durationMs, maxHeight: 240 });
    const [video, ...rest] = (await probeJson(mobile)).streams;
    assert.deepEqual({ width: video!.width, height: video!.height }, mobileSize(202, 362, 240));
    assert.deepEqual(rest.map((stream) => String(stream.codec_type)), ['audio', 'subtitle'], 'a dub without an original');
  });
});
