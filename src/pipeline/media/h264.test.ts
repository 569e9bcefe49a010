import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { ffmpeg, scratchDir } from '../../../test/helpers/dub-media.js';
import { avc1Codec, hasIdrSlice, nalUnits, spsOf } from './h264.js';

describe('reading an H.264 SPS', () => {
  const dir = scratchDir('h264');
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** One frame as a raw Annex B stream, so the SPS is the encoder's own. */
  const frame = async (name: string, size: string, x264: string[]) => {
    const path = join(dir, `${name}.h264`);
    // testsrc2 rounds odd sizes down; the scale filter does not.
    await ffmpeg(['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25', '-vf', `scale=${size.replace('x', ':')}`, '-frames:v', '1', '-c:v', 'libx264', ...x264, '-f', 'h264', path]);
    return readFileSync(path);
  };

  const cases: Array<[string, string, string[], { width: number; height: number; codec: RegExp }]> = [
    ['baseline', '320x240', ['-preset', 'ultrafast', '-pix_fmt', 'yuv420p'], { width: 320, height: 240, codec: /^avc1\.42c0[0-9a-f]{2}$/ }],
    // 1080 is 67.5 macroblocks: coded 1088, cropped by 8.
    ['high, cropped, scaling lists', '1920x1080', ['-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-profile:v', 'high', '-x264-params', 'cqm=jvt:cabac=1:8x8dct=1', '-level:v', '4.1'], { width: 1920, height: 1080, codec: /^avc1\.640029$/ }],
    ['interlaced, cropped by field pairs', '720x540', ['-preset', 'superfast', '-pix_fmt', 'yuv420p', '-flags', '+ildct+ilme'], { width: 720, height: 540, codec: /^avc1\.64/ }],
    ['4:4:4, odd size', '321x241', ['-preset', 'ultrafast', '-pix_fmt', 'yuv444p'], { width: 321, height: 241, codec: /^avc1\.f4/ }],
  ];
  for (const [name, size, x264, expected] of cases) {
    test(`${name}: ${size}`, async () => {
      const stream = await frame(name.replace(/\W+/g, '-'), size, x264);
      const sps = spsOf(stream);
      assert.ok(sps, 'an SPS');
      assert.deepEqual({ width: sps.width, height: sps.height }, { width: expected.width, height: expected.height });
      assert.match(avc1Codec(sps), expected.codec);
      assert.ok(hasIdrSlice(stream));
    });
  }

  test('NAL units split on 3- and 4-byte start codes; no SPS is undefined', () => {
    const units = nalUnits(Buffer.from([0, 0, 0, 1, 0x09, 0xf0, 0, 0, 1, 0x06, 1, 2, 0, 0, 0, 1, 0x65, 9]));
    assert.deepEqual(units.map((unit) => [...unit]), [[0x09, 0xf0], [0x06, 1, 2], [0x65, 9]]);
    assert.equal(spsOf(Buffer.from([0, 0, 1, 0x65, 9])), undefined);
  });
});
