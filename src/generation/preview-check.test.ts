import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import { animatedWebp, HTML_PAGE, pngBomb } from '../../test/helpers/generation-media.js';
import { checkPreview, MAX_PREVIEW_BYTES, MAX_PREVIEW_SIDE } from './preview-check.js';

const still = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: { r: 90, g: 40, b: 160 } } });

test('a preview frame is kept only when it is a small single image, by its bytes', async () => {
  for (const [format, bytes] of [
    ['image/jpeg', await still(512, 512).jpeg().toBuffer()],
    ['image/png', await still(64, 48).png().toBuffer()],
    ['image/webp', await still(256, 256).webp().toBuffer()],
  ] as const) {
    assert.equal((await checkPreview(bytes))?.mediaType, format);
  }
  const refused = {
    'nothing': new Uint8Array(0),
    'HTML': HTML_PAGE,
    'a 30000×30000 PNG header': pngBomb(),
    'a side over the limit': await still(MAX_PREVIEW_SIDE + 1, 16).png().toBuffer(),
    'an animation': await animatedWebp(3),
    'a truncated JPEG': (await still(64, 64).jpeg().toBuffer()).subarray(0, 8),
    'more bytes than a preview has': Buffer.concat([await still(64, 64).jpeg().toBuffer(), Buffer.alloc(MAX_PREVIEW_BYTES)]),
  };
  for (const [what, bytes] of Object.entries(refused)) assert.equal(await checkPreview(bytes), undefined, what);
});
