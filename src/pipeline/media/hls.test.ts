import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { decodedSeconds, mediaTools, probeJson, scratchDir, testVideo } from '../../../test/helpers/dub-media.js';
import { HLS_PTS_OFFSET_SECONDS, type HlsResult, hlsFfmpegArgs, packageHls } from './hls.js';
import { TS_PACKET_BYTES, inspectTsSegment } from './mpegts.js';
import { writeSubtitles } from './subtitles.js';

const SECONDS = 20;
const FLAT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** RFC 8216 §4.2 attribute lists: `KEY=value` or `KEY="quoted, value"`, comma separated. */
function attributes(list: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const match of list.matchAll(/([A-Z0-9-]+)=("[^"]*"|[^,]*)/g)) out[match[1]!] = match[2]!.replace(/^"|"$/g, '');
  return out;
}

interface MediaEntry {
  duration: number;
  length: number;
  offset: number;
  uri: string;
}

function mediaPlaylist(path: string): { tags: string[]; entries: MediaEntry[]; target: number } {
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  const entries: MediaEntry[] = [];
  for (let i = 0; i < lines.length; i++) {
    const extinf = /^#EXTINF:([0-9.]+),$/.exec(lines[i]!);
    if (!extinf) continue;
    const range = /^#EXT-X-BYTERANGE:(\d+)@(\d+)$/.exec(lines[i + 1]!);
    const uri = range ? lines[i + 2]! : lines[i + 1]!;
    entries.push({ duration: Number(extinf[1]), length: range ? Number(range[1]) : NaN, offset: range ? Number(range[2]) : NaN, uri });
  }
  return { tags: lines.filter((line) => line.startsWith('#')), entries, target: Number(/#EXT-X-TARGETDURATION:(\d+)/.exec(lines.join('\n'))?.[1]) };
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

describe('packaging HLS', () => {
  const dir = scratchDir('hls');
  const tools = mediaTools();
  let input: string;
  let vtt: string;
  let result: HlsResult;
  const out = (name: string) => join(dir, 'package', name);
  before(async () => {
    // B-frames (veryfast) so the video's DTS starts before its PTS, as in real sources.
    input = await testVideo(join(dir, 'mobile.mp4'), {
      seconds: SECONDS, codec: 'h264', audio: 'tone', size: '640x360', audioRate: 48_000, audioChannels: 2, language: 'eng',
      secondAudio: { language: 'jpn' }, x264: { keyframeSeconds: 2, preset: 'veryfast' },
    });
    ({ vtt } = await writeSubtitles(dir, 'en', [{ startMs: 1_000, endMs: 2_500, text: 'Hello' }, { startMs: 17_000, endMs: 19_000, text: 'Bye' }]));
    mkdirSync(join(dir, 'package'));
    result = await packageHls(tools, { input, subtitlesVtt: vtt, outputDir: join(dir, 'package'), durationMs: SECONDS * 1000, languages: { dub: 'en', original: 'jpn' } });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a handful of flat, valid names; exactly those files in the directory; the master written last', () => {
    const names = result.files.map((file) => file.name);
    assert.deepEqual(names.toSorted(), ['hls-dub.m3u8', 'hls-dub.ts', 'hls-original.m3u8', 'hls-original.ts', 'hls-subtitles.m3u8', 'hls-subtitles.vtt', 'hls-video.m3u8', 'hls-video.ts', 'hls.m3u8']);
    for (const file of result.files) {
      assert.match(file.name, FLAT_NAME);
      assert.equal(file.path, out(file.name));
    }
    assert.deepEqual(readdirSync(join(dir, 'package')).toSorted(), names.toSorted(), 'no scratch left behind');
    assert.equal(names.at(-1), result.master);
    assert.ok(result.timing.ffmpegMs > 0 && result.timing.ffmpegMs <= result.timing.totalMs);
    assert.equal(result.segments, Math.ceil(SECONDS / 6));
  });

  test('the master: dub default, original not, subtitles, codecs from the stream, resolution and bandwidth from real sizes', async () => {
    const lines = readFileSync(out('hls.m3u8'), 'utf8').trim().split('\n');
    assert.deepEqual(lines.slice(0, 3), ['#EXTM3U', '#EXT-X-VERSION:4', '#EXT-X-INDEPENDENT-SEGMENTS']);
    const media = lines.filter((line) => line.startsWith('#EXT-X-MEDIA:')).map((line) => attributes(line.slice('#EXT-X-MEDIA:'.length)));
    assert.deepEqual(media, [
      { TYPE: 'AUDIO', 'GROUP-ID': 'audio', NAME: 'Dub (en)', LANGUAGE: 'en', DEFAULT: 'YES', AUTOSELECT: 'YES', URI: 'hls-dub.m3u8' },
      { TYPE: 'AUDIO', 'GROUP-ID': 'audio', NAME: 'Original (ja)', LANGUAGE: 'ja', DEFAULT: 'NO', AUTOSELECT: 'YES', URI: 'hls-original.m3u8' },
      { TYPE: 'SUBTITLES', 'GROUP-ID': 'subs', NAME: 'Subtitles (en)', LANGUAGE: 'en', DEFAULT: 'NO', AUTOSELECT: 'YES', URI: 'hls-subtitles.m3u8' },
    ]);
    const streamInf = lines.findIndex((line) => line.startsWith('#EXT-X-STREAM-INF:'));
    const variant = attributes(lines[streamInf]!.slice('#EXT-X-STREAM-INF:'.length));
    assert.equal(lines[streamInf + 1], 'hls-video.m3u8');
    const probed = (await probeJson(input)).streams[0]!;
    const level = Number(probed.level).toString(16).padStart(2, '0');
    assert.equal(probed.profile, 'High');
    assert.deepEqual(variant.CODECS!.split(','), [`avc1.6400${level}`, 'mp4a.40.2']);
    assert.deepEqual([variant.RESOLUTION, variant.AUDIO, variant.SUBTITLES], ['640x360', 'audio', 'subs']);

    const peak = (name: string) => Math.max(...mediaPlaylist(out(name)).entries.map((entry) => (entry.length * 8) / entry.duration));
    const average = (name: string) => (sum(mediaPlaylist(out(name)).entries.map((entry) => entry.length)) * 8) / sum(mediaPlaylist(out(name)).entries.map((entry) => entry.duration));
    const audioPeak = Math.max(peak('hls-dub.m3u8'), peak('hls-original.m3u8'));
    assert.ok(Math.abs(Number(variant.BANDWIDTH) - (peak('hls-video.m3u8') + audioPeak)) <= 2, variant.BANDWIDTH);
    assert.ok(Math.abs(Number(variant['AVERAGE-BANDWIDTH']) - (average('hls-video.m3u8') + Math.max(average('hls-dub.m3u8'), average('hls-original.m3u8')))) <= 2);
    assert.ok(Number(variant.BANDWIDTH) >= Number(variant['AVERAGE-BANDWIDTH']));
  });

  for (const [rendition, stream] of [['video', '0:v:0'], ['dub', '0:a:0'], ['original', '0:a:0']] as const) {
    test(`the ${rendition} playlist: VOD, ~6 s segments, contiguous byte ranges that each open with PAT/PMT, and ffmpeg plays it through`, async () => {
      const playlist = mediaPlaylist(out(`hls-${rendition}.m3u8`));
      for (const tag of ['#EXT-X-PLAYLIST-TYPE:VOD', '#EXT-X-ENDLIST', '#EXT-X-VERSION:4', '#EXT-X-INDEPENDENT-SEGMENTS']) assert.ok(playlist.tags.includes(tag), tag);
      const durations = playlist.entries.map((entry) => entry.duration);
      assert.ok(Math.abs(sum(durations) - SECONDS) <= 0.5, `${sum(durations)} s`);
      assert.ok(Math.max(...durations) <= 6 + 2, durations.join(' '));
      for (const duration of durations.slice(0, -1)) assert.ok(Math.abs(duration - 6) <= 0.1, durations.join(' '));
      assert.ok(durations.every((duration) => Math.round(duration) <= playlist.target), `target ${playlist.target}`);

      const file = readFileSync(out(`hls-${rendition}.ts`));
      let offset = 0;
      for (const entry of playlist.entries) {
        assert.equal(entry.uri, `hls-${rendition}.ts`);
        assert.equal(entry.offset, offset, 'contiguous');
        assert.equal(entry.length % TS_PACKET_BYTES, 0);
        assert.equal(file[entry.offset], 0x47, 'a sync byte at the range start');
        const [first] = inspectTsSegment(file.subarray(entry.offset, entry.offset + entry.length));
        assert.ok(first?.pts !== undefined);
        offset += entry.length;
      }
      assert.equal(offset, statSync(out(`hls-${rendition}.ts`)).size, 'the ranges cover the file');
      const decoded = await decodedSeconds(out(`hls-${rendition}.m3u8`), stream);
      assert.ok(Math.abs(decoded - SECONDS) <= 0.5, `decodes ${decoded} s`);
    });
  }

  test('the subtitles line up: the VTT maps cue time 0 to the PTS of the first video frame', () => {
    const vttText = readFileSync(out('hls-subtitles.vtt'), 'utf8');
    const mpegts = HLS_PTS_OFFSET_SECONDS * 90_000;
    assert.equal(vttText.split('\n')[1], `X-TIMESTAMP-MAP=MPEGTS:${mpegts},LOCAL:00:00:00.000`);
    assert.ok(vttText.includes('00:00:17.000 --> 00:00:19.000\nBye'));
    const video = readFileSync(out('hls-video.ts'));
    assert.equal(inspectTsSegment(video.subarray(0, 100 * TS_PACKET_BYTES))[0]!.pts, mpegts, 'frame 0 at MPEGTS exactly');
    // The dub starts with the AAC encoder's 1024 priming samples, as in the mp4.
    const dub = readFileSync(out('hls-dub.ts'));
    assert.equal(inspectTsSegment(dub.subarray(0, 10 * TS_PACKET_BYTES))[0]!.pts, mpegts - (1024 * 90_000) / 48_000);
    const playlist = mediaPlaylist(out('hls-subtitles.m3u8'));
    assert.deepEqual(playlist.entries.map((entry) => [entry.duration, entry.uri]), [[SECONDS, 'hls-subtitles.vtt']]);
    assert.equal(playlist.target, SECONDS);
    assert.ok(playlist.tags.includes('#EXT-X-ENDLIST'));
  });

  test('without an original or subtitles: one audio rendition, no SUBTITLES group', async () => {
    const outputDir = join(dir, 'plain');
    mkdirSync(outputDir);
    const plain = await packageHls(tools, { input, outputDir, durationMs: SECONDS * 1000, languages: { dub: 'pt-BR' }, name: 'stream' });
    assert.deepEqual(plain.files.map((file) => file.name).toSorted(), ['stream-dub.m3u8', 'stream-dub.ts', 'stream-video.m3u8', 'stream-video.ts', 'stream.m3u8']);
    const master = readFileSync(join(outputDir, 'stream.m3u8'), 'utf8');
    assert.equal(master.match(/#EXT-X-MEDIA:/g)?.length, 1);
    assert.match(master, /NAME="Dub \(pt-BR\)",LANGUAGE="pt-BR",DEFAULT=YES/);
    assert.doesNotMatch(master, /SUBTITLES/);
  });

  test('the bench can run the same ffmpeg command alone: file: URLs only, streams copied', () => {
    const args = hlsFfmpegArgs({ input, videoFile: '/x/hls-video.ts', scratchDir: '/x/.hls-1', withOriginal: true });
    assert.deepEqual(args.filter((arg) => arg.startsWith('file:')), [`file:${input}`, 'file:/x/hls-video.ts', 'file:/x/.hls-1/video.m3u8', 'file:/x/.hls-1/seg-%v-%05d.ts', 'file:/x/.hls-1/audio-%v.m3u8']);
    assert.equal(args.filter((arg) => arg === 'copy').length, 2);
    assert.throws(() => hlsFfmpegArgs({ input, videoFile: '/x/a%d.ts', scratchDir: '/x', withOriginal: false }), RangeError);
  });
});
