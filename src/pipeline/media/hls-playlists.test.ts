import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MediaWorkError } from './errors.js';
import { bitRates, mediaPlaylist, parseFfmpegPlaylist, subtitlesPlaylist, withTimestampMap } from './hls-playlists.js';
import { bcp47Of } from './languages.js';

describe('HLS playlists (pure)', () => {
  test('X-TIMESTAMP-MAP goes into the WebVTT header, once, whatever the line endings or BOM', () => {
    const map = 'X-TIMESTAMP-MAP=MPEGTS:900000,LOCAL:00:00:00.000';
    assert.equal(withTimestampMap('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi\n', 900_000), `WEBVTT\n${map}\n\n00:00:01.000 --> 00:00:02.000\nHi\n`);
    assert.equal(withTimestampMap('\uFEFFWEBVTT - title\r\nX-TIMESTAMP-MAP=MPEGTS:1,LOCAL:00:00:00.000\r\n\r\n00:00:01.000 --> 00:00:02.000\r\nHi\r\n', 900_000), `WEBVTT - title\n${map}\n\n00:00:01.000 --> 00:00:02.000\nHi\n`);
    assert.equal(withTimestampMap('WEBVTT\n', 900_000), `WEBVTT\n${map}\n`);
    for (const bad of ['', 'WEBVTTX\n', '1\n00:00:01,000 --> 00:00:02,000\nan SRT\n']) {
      assert.throws(() => withTimestampMap(bad, 0), (error: unknown) => error instanceof MediaWorkError && error.code === 'subtitles_invalid');
    }
  });

  test('a media playlist: byte ranges in order, target duration by RFC 8216 rounding', () => {
    const text = mediaPlaylist('v.ts', [{ durationSeconds: 6.016, offset: 0, length: 376 }, { durationSeconds: 6.4, offset: 376, length: 188 }]);
    assert.equal(text, '#EXTM3U\n#EXT-X-VERSION:4\n#EXT-X-TARGETDURATION:6\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-INDEPENDENT-SEGMENTS\n#EXTINF:6.016000,\n#EXT-X-BYTERANGE:376@0\nv.ts\n#EXTINF:6.400000,\n#EXT-X-BYTERANGE:188@376\nv.ts\n#EXT-X-ENDLIST\n');
    assert.match(subtitlesPlaylist('s.vtt', 1420.6), /#EXT-X-TARGETDURATION:1421\n[^]*#EXTINF:1420.600000,\ns.vtt\n#EXT-X-ENDLIST\n$/);
    assert.deepEqual(bitRates([{ durationSeconds: 2, offset: 0, length: 1000 }, { durationSeconds: 1, offset: 1000, length: 1000 }]), { peak: 8000, average: 5334 });
  });

  test("ffmpeg's playlists are read with their ranges, and refused without segments or an end", () => {
    const listed = parseFfmpegPlaylist('#EXTM3U\n#EXTINF:6.000000,\n#EXT-X-BYTERANGE:376@0\nhls-video.ts\n#EXTINF:2.000000,\n#EXT-X-BYTERANGE:188@376\nhls-video.ts\n#EXT-X-ENDLIST\n');
    assert.deepEqual(listed, [
      { durationSeconds: 6, uri: 'hls-video.ts', range: { length: 376, offset: 0 } },
      { durationSeconds: 2, uri: 'hls-video.ts', range: { length: 188, offset: 376 } },
    ]);
    assert.deepEqual(parseFfmpegPlaylist('#EXTINF:6.0,\nfile:/w/seg-0-00000.ts\n#EXT-X-ENDLIST\n'), [{ durationSeconds: 6, uri: 'file:/w/seg-0-00000.ts' }]);
    for (const bad of ['#EXTM3U\n#EXT-X-ENDLIST\n', '#EXTINF:6.0,\na.ts\n', 'a.ts\n#EXT-X-ENDLIST\n']) assert.throws(() => parseFfmpegPlaylist(bad), MediaWorkError);
  });

  test('languages for LANGUAGE are BCP 47: MP4 codes folded, unknown left out, nothing that could break a quoted attribute', () => {
    assert.deepEqual(['en', 'pt-BR', 'jpn', 'fre', 'chi', 'fil', 'und', '', undefined, 'en"x', 'e', 'x-\n'].map(bcp47Of), ['en', 'pt-BR', 'ja', 'fr', 'zh', 'fil', undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});
