import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { makeVideo } from '../../test/helpers/media.js';
import { probeMedia } from './probe.js';
import { runTool, ToolError } from './run-tool.js';
import { type LocatedTool, locateTool } from './toolchain.js';

const MP4 = ['mov', 'mp4', 'm4a', '3gp', '3g2', 'mj2'];

describe('probing media with ffprobe', () => {
  let dir: string;
  let ffprobe: LocatedTool;
  let video: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sakuga-probe-'));
    ffprobe = locateTool('ffprobe', undefined);
    video = await makeVideo(dir, 'clip.mp4', { seconds: 2 });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a real video: format, duration and streams', async () => {
    const info = await probeMedia(ffprobe, video, { formats: MP4 });
    assert.match(info.format, /mp4/);
    assert.ok(info.durationSeconds !== undefined && Math.abs(info.durationSeconds - 2) < 0.2, String(info.durationSeconds));
    const videoStream = info.streams.find((stream) => stream.type === 'video');
    assert.deepEqual([videoStream?.width, videoStream?.height], [320, 240]);
    assert.equal(info.streams.find((stream) => stream.type === 'audio')?.sampleRate, 44100);
  });

  test('HTML named .mp4 and a truncated MP4 do not parse', async () => {
    const html = join(dir, 'page.mp4');
    writeFileSync(html, '<!doctype html><html><script>alert(1)</script></html>');
    await assert.rejects(probeMedia(ffprobe, html, { formats: MP4 }), ToolError);
    const truncated = join(dir, 'truncated.mp4');
    writeFileSync(truncated, readFileSync(video).subarray(0, 600));
    await assert.rejects(probeMedia(ffprobe, truncated, { formats: MP4 }), ToolError);
  });

  test('a playlist inside a file cannot make ffprobe open the network', async () => {
    let connections = 0;
    const server = createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const playlist = join(dir, 'playlist.mp4');
      writeFileSync(playlist, `#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\nhttp://127.0.0.1:${port}/segment.ts\n#EXT-X-ENDLIST\n`);
      await assert.rejects(probeMedia(ffprobe, playlist, { formats: MP4 }), ToolError);
      await probeMedia(ffprobe, playlist).catch(() => undefined);
      assert.equal(connections, 0, 'ffprobe connected out');
    } finally {
      server.close();
    }
  });

  test('only the expected demuxers run: a WAV or a playlist named .mp4 is refused', async () => {
    const wav = join(dir, 'sound.mp4');
    await runTool(locateTool('ffmpeg', undefined), ['-v', 'error', '-f', 'lavfi', '-i', 'sine=duration=1', '-f', 'wav', '-y', wav], {
      timeoutMs: 30_000,
      maxOutputBytes: 1024 * 1024,
      memoryBytes: 2048 * 1024 * 1024,
    });
    assert.match((await probeMedia(ffprobe, wav)).format, /wav/, 'ffprobe alone would take it');
    await assert.rejects(probeMedia(ffprobe, wav, { formats: MP4 }), ToolError);
    const playlist = join(dir, 'pulls-in.mp4');
    writeFileSync(playlist, `#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\n${video}\n#EXT-X-ENDLIST\n`);
    await assert.rejects(probeMedia(ffprobe, playlist, { formats: MP4 }), ToolError);
  });

  test('only absolute paths, always read as local files', async () => {
    await assert.rejects(probeMedia(ffprobe, 'clip.mp4'), /absolute path/);
  });
});
