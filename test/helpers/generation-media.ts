import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';

/**
 * Outputs an engine might save, made on the fly: honest ones carrying the
 * metadata ComfyUI embeds (its workflow in a PNG text chunk), and hostile
 * ones (a decompression bomb, HTML named .png).
 */

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.byteLength);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A real PNG with a tEXt chunk (`keyword`, `text`) before its end, as ComfyUI's SaveImage writes its `prompt` and `workflow`. */
export async function pngWithText(keyword: string, text: string): Promise<Uint8Array> {
  const png = await sharp({ create: { width: 48, height: 32, channels: 3, background: { r: 30, g: 120, b: 200 } } }).png().toBuffer();
  const end = png.length - 12; // IEND is the last 12 bytes.
  return Buffer.concat([png.subarray(0, end), chunk('tEXt', Buffer.from(`${keyword}\0${text}`, 'latin1')), png.subarray(end)]);
}

/**
 * A PNG whose header says `side` × `side` pixels (30000² is 900 million)
 * with a few kilobytes of compressed rows: a decompression bomb. Decoding it
 * whole would take gigabytes; its first rows are real, so a decoder without a
 * pixel limit would start allocating.
 */
export function pngBomb(side = 30_000): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const rows = deflateSync(Buffer.alloc((side + 1) * 64));
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', header), chunk('IDAT', rows), chunk('IEND', Buffer.alloc(0))]);
}

/** An animated WebP of `frames` frames, as SaveAnimatedWEBP saves a clip. */
export async function animatedWebp(frames = 3, side = 32): Promise<Uint8Array> {
  const stills = await Promise.all(Array.from({ length: frames }, (_, i) => sharp({ create: { width: side, height: side, channels: 3, background: { r: 40 + i * 60, g: 90, b: 10 } } }).png().toBuffer()));
  return sharp(stills, { join: { animated: true } }).webp({ loop: 0, delay: stills.map(() => 125) }).toBuffer();
}

/** What an engine in front of a misconfigured proxy answers: an HTML page, under the name of an image. */
export const HTML_PAGE = Buffer.from('<!doctype html><html><body><script>fetch("/api/me")</script></body></html>');
