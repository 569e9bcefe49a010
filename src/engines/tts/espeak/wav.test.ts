import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parsePcm16Wav, pcm16LittleEndian, pcm16MonoWavHeader } from './wav.js';

function wav(samples: Int16Array, sampleRate = 22_050): Buffer {
  return Buffer.concat([pcm16MonoWavHeader(samples.length, sampleRate), pcm16LittleEndian(samples)]);
}

describe('16-bit PCM mono WAV', () => {
  test('the header is the canonical 44 bytes, and the file reads back as written', () => {
    const samples = Int16Array.from([0, 1, -1, 32767, -32768, 1234]);
    const file = wav(samples);
    assert.equal(file.length, 44 + 12);
    assert.equal(file.toString('ascii', 0, 4), 'RIFF');
    assert.equal(file.readUInt32LE(4), file.length - 8);
    assert.equal(file.readUInt32LE(28), 44_100, 'byte rate');
    assert.equal(file.readInt16LE(44 + 2 * 4), -32768, 'little-endian samples');
    assert.deepEqual(parsePcm16Wav(file), { sampleRate: 22_050, channels: 1, samples });
  });

  test('an empty clip is still a valid file', () => {
    assert.equal(parsePcm16Wav(wav(new Int16Array(0))).samples.length, 0);
  });

  test('the reader walks past chunks it does not know', () => {
    const file = wav(Int16Array.from([5, 6]));
    const list = Buffer.concat([Buffer.from('LIST'), Buffer.from([3, 0, 0, 0]), Buffer.from('abc'), Buffer.from([0])]);
    const withList = Buffer.concat([file.subarray(0, 36), list, file.subarray(36)]);
    withList.writeUInt32LE(withList.length - 8, 4);
    assert.deepEqual([...parsePcm16Wav(withList).samples], [5, 6]);
  });

  test('the reader refuses what is not 16-bit PCM WAV or lies about its sizes', () => {
    const good = wav(Int16Array.from([1, 2, 3]));
    const truncated = good.subarray(0, good.length - 2);
    const float = Buffer.from(good);
    float.writeUInt16LE(3, 20);
    const longData = Buffer.from(good);
    longData.writeUInt32LE(1_000, 40);
    longData.writeUInt32LE(longData.length - 8, 4);
    for (const [what, file] of [['not RIFF', Buffer.from('not a wav file at all')], ['truncated', truncated], ['float', float], ['data past the end', longData]] as const) {
      assert.throws(() => parsePcm16Wav(file), Error, what);
    }
  });

  test('a clip too long for RIFF’s 32-bit sizes is refused rather than written with a wrong header', () => {
    assert.throws(() => pcm16MonoWavHeader(2 ** 31, 22_050), RangeError);
    assert.throws(() => pcm16MonoWavHeader(-1, 22_050), RangeError);
  });
});
