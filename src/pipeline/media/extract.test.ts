import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { mediaTools, rmsDb, scratchDir, testVideo } from '../../../test/helpers/dub-media.js';
import { extractAudio, silentAudio } from './extract.js';
import { probeSource } from './source.js';

describe('extracting the source audio', () => {
  const dir = scratchDir('extract');
  const tools = mediaTools();
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('one run, two WAVs: 48 kHz stereo for the mix, 16 kHz mono for recognition, the source’s length', async () => {
    const video = await testVideo(join(dir, 'tone.mp4'), { seconds: 3, codec: 'h264', audio: 'tone' });
    const streams = await probeSource(tools.ffprobe, video);
    const result = await extractAudio(tools.ffmpeg, { input: video, originalWav: join(dir, 'original.wav'), asrWav: join(dir, 'asr.wav'), durationMs: streams.durationMs });
    assert.deepEqual([result.original.sampleRate, result.original.channels, result.original.sampleFormat], [48_000, 2, 's16']);
    assert.deepEqual([result.asr.sampleRate, result.asr.channels, result.asr.sampleFormat], [16_000, 1, 's16']);
    assert.equal(result.original.dataOffset, 44, 'no LIST chunk carried over');
    for (const info of [result.original, result.asr]) assert.ok(Math.abs(info.durationMs - 3_000) < 60, `${info.durationMs} ms`);
    assert.ok((await rmsDb(join(dir, 'original.wav'), 500, 2_500)) > -30, 'the tone (lavfi sine, 1/8 of full scale) is there');
    assert.equal(result.silent, false);
  });

  test('a video without sound: the probe says so, and silence of its duration stands in', async () => {
    const video = await testVideo(join(dir, 'mute.mp4'), { seconds: 2, codec: 'mpeg4', audio: 'none' });
    const streams = await probeSource(tools.ffprobe, video);
    assert.equal(streams.audio, undefined);
    await assert.rejects(extractAudio(tools.ffmpeg, { input: video, originalWav: join(dir, 'o.wav'), asrWav: join(dir, 'a.wav'), durationMs: streams.durationMs }));
    const result = await silentAudio({ originalWav: join(dir, 'o.wav'), asrWav: join(dir, 'a.wav'), durationMs: streams.durationMs });
    assert.equal(result.silent, true);
    assert.ok(Math.abs(result.original.durationMs - 2_000) < 1 && Math.abs(result.asr.durationMs - 2_000) < 1);
    assert.equal(await rmsDb(join(dir, 'o.wav'), 0, 2_000), -Infinity);
  });
});
