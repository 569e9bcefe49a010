import assert from 'node:assert/strict';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { ffmpeg, probeJson, scratchDir } from '../../../test/helpers/dub-media.js';
import { MediaWorkError } from './errors.js';
import { readWavInfo, truncateWav, WavReader, WavWriter, writeSilentWav } from './wav.js';

describe('WAV files', () => {
  const dir = scratchDir('wav');
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('s16 written in chunks reads back sample for sample, header sizes filled in', async () => {
    const path = join(dir, 'ramp.wav');
    const writer = await WavWriter.create(path, { sampleRate: 48_000, channels: 2, sampleFormat: 's16' });
    const values = Float32Array.from({ length: 20_000 }, (_, i) => ((i % 65_536) - 32_768) / 32_768);
    await writer.write(values.subarray(0, 6_000));
    await writer.write(values.subarray(6_000));
    const info = await writer.close();
    assert.equal(info.frames, 10_000);
    assert.equal(statSync(path).size, 44 + 40_000);
    const header = readFileSync(path);
    assert.equal(header.readUInt32LE(4), 36 + 40_000);
    assert.equal(header.readUInt32LE(40), 40_000);
    const reader = await WavReader.open(path);
    assert.deepEqual(await reader.read(0, 10_000), values);
    assert.deepEqual(await reader.read(9_999, 10), values.subarray(19_998));
    assert.equal((await reader.read(20_000, 5)).length, 0);
    await reader.close();
  });

  test('s16 output clamps past full scale and counts it; f32 keeps it', async () => {
    const loud = Float32Array.from([0.5, 1.5, -2, 0.999]);
    const s16 = await WavWriter.create(join(dir, 'clip.wav'), { sampleRate: 8_000, channels: 1, sampleFormat: 's16' });
    await s16.write(loud);
    assert.equal(s16.written.clippedSamples, 2);
    await s16.close();
    const f32 = await WavWriter.create(join(dir, 'float.wav'), { sampleRate: 8_000, channels: 1, sampleFormat: 'f32' });
    await f32.write(loud);
    await f32.close();
    const reader = await WavReader.open(join(dir, 'float.wav'));
    assert.deepEqual(await reader.read(0, 4), loud);
    await reader.close();
  });

  test('an ffmpeg WAV with a LIST chunk before data: duration from the header matches ffprobe', async () => {
    const path = join(dir, 'ffmpeg.wav');
    await ffmpeg(['-v', 'error', '-f', 'lavfi', '-i', 'sine=sample_rate=44100:duration=1.5', '-metadata', 'title=x', '-c:a', 'pcm_s16le', path]);
    const info = await readWavInfo(path);
    assert.ok(info.dataOffset > 44, 'ffmpeg wrote extra chunks');
    const probed = await probeJson(path);
    assert.equal(info.frames, Number(probed.streams[0]!.duration_ts));
    assert.equal(info.durationMs, 1500);
    const float = join(dir, 'ffmpeg-float.wav');
    await ffmpeg(['-v', 'error', '-i', path, '-c:a', 'pcm_f32le', float]);
    assert.equal((await readWavInfo(float)).sampleFormat, 'f32');
  });

  test('silence of a given length, and truncation in place', async () => {
    const path = join(dir, 'silent.wav');
    const info = await writeSilentWav(path, { sampleRate: 48_000, channels: 2, sampleFormat: 's16' }, 1_000_000);
    assert.equal(info.frames, 1_000_000);
    const reader = await WavReader.open(path);
    assert.ok((await reader.read(999_000, 1000)).every((sample) => sample === 0));
    await reader.close();
    await truncateWav(path, 48_000);
    assert.equal((await readWavInfo(path)).durationMs, 1000);
    assert.equal(statSync(path).size, 44 + 48_000 * 4);
  });

  test('not a WAV, or an unsupported one, is a typed error', async () => {
    const html = join(dir, 'page.wav');
    writeFileSync(html, '<!doctype html>');
    await assert.rejects(readWavInfo(html), (error: unknown) => error instanceof MediaWorkError && error.code === 'wav_invalid');
    const u8 = join(dir, 'u8.wav');
    await ffmpeg(['-v', 'error', '-f', 'lavfi', '-i', 'sine=duration=0.1', '-c:a', 'pcm_u8', u8]);
    await assert.rejects(readWavInfo(u8), (error: unknown) => error instanceof MediaWorkError && error.code === 'wav_unsupported');
  });
});
