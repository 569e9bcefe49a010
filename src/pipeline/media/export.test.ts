import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { mediaTools, probeJson, scratchDir, testVideo, toneWav, topLevelBoxes } from '../../../test/helpers/dub-media.js';
import { exportDubbedVideo } from './export.js';
import { writeSubtitles } from './subtitles.js';

describe('exporting dubbed.mp4', () => {
  const dir = scratchDir('export');
  const tools = mediaTools();
  let mix: string;
  let original: string;
  let subtitles: string;
  before(async () => {
    mix = await toneWav(join(dir, 'mix.wav'), { seconds: 4, rate: 48_000, channels: 2, frequency: 220 });
    original = await toneWav(join(dir, 'original.wav'), { seconds: 4, rate: 48_000, channels: 2, frequency: 440 });
    ({ srt: subtitles } = await writeSubtitles(dir, 'en-US', [{ startMs: 500, endMs: 1_500, text: 'Hello' }, { startMs: 2_000, endMs: 3_000, text: 'World' }]));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('H.264 source: video copied, dub first (eng, default), original second (its tag, not default), mov_text, faststart, no source metadata', async () => {
    const source = await testVideo(join(dir, 'h264.mp4'), { seconds: 4, codec: 'h264', audio: 'tone', language: 'jpn', size: '640x360' });
    const output = join(dir, 'dubbed-h264.mp4');
    const result = await exportDubbedVideo(tools, { source, mix, original, subtitles, targetLanguage: 'en-US', output });
    assert.deepEqual([result.videoCopied, result.originalTrack], [true, 'copied']);
    const before = await probeJson(source);
    const after = await probeJson(output);
    const kinds = after.streams.map((stream) => `${String(stream.codec_type)}:${String(stream.codec_name)}`);
    assert.deepEqual(kinds, ['video:h264', 'audio:aac', 'audio:aac', 'subtitle:mov_text']);
    const [video, dub, orig, subs] = after.streams;
    const sourceVideo = before.streams.find((stream) => stream.codec_type === 'video')!;
    assert.equal(video!.profile, sourceVideo.profile, 'same encoder settings: copied, not re-encoded');
    assert.ok(Math.abs(Number(video!.bit_rate) / Number(sourceVideo.bit_rate) - 1) < 0.05, 'same bitrate');
    assert.deepEqual([dub!.tags?.language, dub!.disposition?.default, dub!.sample_rate, dub!.channels], ['eng', 1, '48000', 2]);
    assert.deepEqual([orig!.tags?.language, orig!.disposition?.default], ['jpn', 0]);
    assert.equal(subs!.tags?.language, 'eng');
    assert.equal(after.format.tags && (after.format.tags as Record<string, string>).title, undefined, 'source metadata not carried');
    const boxes = topLevelBoxes(output);
    assert.ok(boxes.indexOf('moov') < boxes.indexOf('mdat'), boxes.join(' '));
    assert.ok(Math.abs(Number(after.format.duration) - Number(before.format.duration)) < 0.1, `${String(after.format.duration)} s`);
  });

  test('an MPEG-4 Part 2 source with MP3 audio: video re-encoded to H.264 yuv420p, the original encoded from its WAV', async () => {
    const source = await testVideo(join(dir, 'mpeg4.mp4'), { seconds: 4, codec: 'mpeg4', audio: 'tone', audioCodec: 'mp3' });
    const output = join(dir, 'dubbed-mpeg4.mp4');
    const result = await exportDubbedVideo(tools, { source, mix, original, subtitles, targetLanguage: 'ja', output });
    assert.deepEqual([result.videoCopied, result.originalTrack], [false, 'encoded']);
    const after = await probeJson(output);
    assert.deepEqual(after.streams.map((stream) => String(stream.codec_name)), ['h264', 'aac', 'aac', 'mov_text']);
    assert.equal(after.streams[0]!.pix_fmt, 'yuv420p');
    assert.deepEqual([after.streams[1]!.tags?.language, after.streams[2]!.tags?.language], ['jpn', 'und']);
    const boxes = topLevelBoxes(output);
    assert.ok(boxes.indexOf('moov') < boxes.indexOf('mdat'));
    assert.ok(Math.abs(Number(after.format.duration) - 4) < 0.1, `${String(after.format.duration)} s`);
  });

  test('a source without sound gets the dub and subtitles only', async () => {
    const source = await testVideo(join(dir, 'mute.mp4'), { seconds: 4, codec: 'h264', audio: 'none' });
    const output = join(dir, 'dubbed-mute.mp4');
    const result = await exportDubbedVideo(tools, { source, mix, subtitles, targetLanguage: 'fr', output });
    assert.equal(result.originalTrack, 'none');
    const after = await probeJson(output);
    assert.deepEqual(after.streams.map((stream) => String(stream.codec_type)), ['video', 'audio', 'subtitle']);
    assert.equal(after.streams[1]!.tags?.language, 'fra');
  });
});
