import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { auditEvents } from '../../test/helpers/audit.js';
import { createUser, loginWithToken } from '../../test/helpers/auth.js';
import { makeVideo } from '../../test/helpers/media.js';
import { storedUpload, tusUpload, uploadBlobs, verdictOf } from '../../test/helpers/tus.js';
import { runTool } from '../media/run-tool.js';
import { locateTool } from '../media/toolchain.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real, valid PNG of side × side grey pixels that compresses to almost nothing: a decompression bomb. */
function pngBomb(side: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const pixels = deflateSync(Buffer.alloc((side + 1) * side), { level: 9 });
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), pngChunk('IHDR', header), pngChunk('IDAT', pixels), pngChunk('IEND', Buffer.alloc(0))]);
}

async function makeAudio(dir: string, name: string, seconds: number, format: 'wav' | 'mp4'): Promise<Buffer> {
  const path = join(dir, name);
  const codec = format === 'wav' ? ['-ac', '1', '-ar', '8000', '-f', 'wav'] : ['-c:a', 'aac', '-f', 'mp4'];
  await runTool(locateTool('ffmpeg', undefined), ['-v', 'error', '-f', 'lavfi', '-i', `sine=duration=${seconds}`, ...codec, '-y', path], {
    timeoutMs: 60_000,
    maxOutputBytes: 1024 * 1024,
    memoryBytes: 2048 * 1024 * 1024,
  });
  return readFileSync(path);
}

/** A PNG with a valid header whose compressed pixels are garbage. */
const damagedPng = (() => {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(64, 0);
  header.writeUInt32BE(64, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), pngChunk('IHDR', header), pngChunk('IDAT', Buffer.from('definitely not zlib data')), pngChunk('IEND', Buffer.alloc(0))]);
})();

describe('validation of completed uploads', () => {
  let t: TestApp;
  let base: string;
  let dir: string;
  let token: string;
  const files: Record<string, Buffer> = {};
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sakuga-validate-'));
    files.video = readFileSync(await makeVideo(dir, 'clip.mp4', { seconds: 2 }));
    files.audioOnlyMp4 = await makeAudio(dir, 'voice.mp4', 2, 'mp4');
    files.shortWav = await makeAudio(dir, 'short.wav', 2, 'wav');
    files.longWav = await makeAudio(dir, 'long.wav', 61, 'wav');
    files.gpsJpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#88aacc' } })
      .jpeg()
      .withExif({ IFD0: { Copyright: 'Studio secret' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '35/1 39/1 0/1' } })
      .toBuffer();
    t = await createTestApp();
    await createUser(t, 'kaito', 'operator');
    token = (await loginWithToken(t, 'kaito')).access_token;
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const upload = async (bytes: Buffer, filename: string, kind: string) => {
    const id = await tusUpload(base, token, bytes, { filename, kind });
    return { id, verdict: await verdictOf(t, token, id) };
  };

  test('a real video is accepted with its whole-file SHA-256 and what ffprobe found', async () => {
    const { id, verdict } = await upload(files.video!, 'Episode 1.mp4', 'video');
    assert.equal(verdict.status, 'accepted', JSON.stringify(verdict));
    assert.equal(verdict.sha256, sha256(files.video!));
    assert.ok(Math.abs(verdict.media.durationSeconds - 2) < 0.2);
    assert.deepEqual([verdict.media.width, verdict.media.height], [320, 240]);
    assert.deepEqual(await uploadBlobs(t, id), [`uploads/${id}/file`], 'kept as one blob, its parts gone');
    assert.equal(sha256((await storedUpload(t, id))!), sha256(files.video!));
    const event = auditEvents(t).find((e) => e.action === 'upload.validated' && e.target === `upload:${id}`);
    assert.ok(event, 'audited');
  });

  const rejections: Array<[string, () => Buffer, string, string, string]> = [
    ['HTML bytes named .mp4', () => Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>'), 'page.mp4', 'video', 'type_mismatch'],
    ['a truncated MP4', () => files.video!.subarray(0, 2048), 'cut.mp4', 'video', 'unreadable_media'],
    ['an MP4 without a video stream', () => files.audioOnlyMp4!, 'voice.mp4', 'video', 'no_video_stream'],
    ['audio longer than 60 s', () => files.longWav!, 'long.wav', 'audio', 'too_long'],
    ['a PNG decompression bomb (8192 × 8192 in a few kB)', () => pngBomb(8192), 'bomb.png', 'image', 'image_too_large'],
    ['a PNG signature followed by HTML', () => Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('<html><script>alert(1)</script></html>')]), 'poly.png', 'image', 'type_mismatch'],
    ['a PNG whose pixels are damaged', () => damagedPng, 'broken.png', 'image', 'image_unreadable'],
    ['a JPEG named .png', () => files.gpsJpeg!, 'photo.png', 'image', 'type_mismatch'],
    ['subtitles that are HTML', () => Buffer.from('<html><script>alert(1)</script></html>'), 'lines.srt', 'subtitles', 'subtitles_invalid'],
    ['JSON nested 40 deep', () => Buffer.from(`${'['.repeat(40)}${']'.repeat(40)}`), 'deep.json', 'data', 'json_too_deep'],
  ];
  for (const [what, bytes, filename, kind, reason] of rejections) {
    test(`rejected and deleted: ${what} → ${reason}`, async () => {
      const { id, verdict } = await upload(bytes(), filename, kind);
      assert.equal(verdict.status, 'rejected');
      assert.equal(verdict.reason, reason);
      assert.deepEqual(await uploadBlobs(t, id), [], 'nothing of it is stored');
      const event = auditEvents(t).find((e) => e.action === 'upload.rejected' && e.target === `upload:${id}`);
      assert.deepEqual(event?.details, { kind, reason });
    });
  }

  test('short audio, subtitles and JSON are accepted', async () => {
    assert.equal((await upload(files.shortWav!, 'line.wav', 'audio')).verdict.status, 'accepted');
    assert.equal((await upload(Buffer.from('1\n00:00:01,000 --> 00:00:02,000\nこんにちは\n'), 'ja.srt', 'subtitles')).verdict.status, 'accepted');
    assert.equal((await upload(Buffer.from('{"cast": ["Hana"]}'), 'cast.json', 'data')).verdict.status, 'accepted');
  });

  test('images are kept without EXIF or GPS, and the hash is of the clean file', async () => {
    const original = await sharp(files.gpsJpeg!).metadata();
    assert.ok(original.exif, 'the test image carries EXIF');
    const { id, verdict } = await upload(files.gpsJpeg!, 'location.jpg', 'image');
    assert.equal(verdict.status, 'accepted', JSON.stringify(verdict));
    const kept = (await storedUpload(t, id))!;
    assert.equal((await sharp(kept).metadata()).exif, undefined);
    assert.ok(!kept.includes(Buffer.from('Studio secret')));
    assert.equal(verdict.sha256, sha256(kept));
  });

  test('a polyglot (a real PNG with HTML after its end) is kept only as the re-encoded image', async () => {
    const png = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#ff0000' } }).png().toBuffer();
    const polyglot = Buffer.concat([png, Buffer.from('<html><script>alert(document.cookie)</script></html>')]);
    const { id, verdict } = await upload(polyglot, 'poly.png', 'image');
    assert.equal(verdict.status, 'accepted');
    assert.ok(!(await storedUpload(t, id))!.includes(Buffer.from('<script>')), 'the HTML did not survive');
  });

  test('a hostile file name is kept only as clean metadata', async () => {
    const id = await tusUpload(base, token, Buffer.from('{"a":1}'), { filename: '$(id);\r\nSet-Cookie: a=1/../../x.json', kind: 'data' });
    const verdict = await verdictOf(t, token, id);
    assert.equal(verdict.filename, '$(id);Set-Cookie a=1....x.json');
    assert.equal(verdict.status, 'accepted');
  });
});
