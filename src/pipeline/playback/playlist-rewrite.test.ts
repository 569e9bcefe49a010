import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { masterPlaylist, mediaPlaylist } from '../media/hls-playlists.js';
import { HLS_FILE, rewritePlaylist } from './playlist-rewrite.js';

const PACKAGE = new Set(['hls.m3u8', 'hls-video.m3u8', 'hls-video.ts', 'hls-dub.m3u8', 'hls-dub.ts', 'hls-subtitles.m3u8', 'hls-subtitles.vtt']);
const master = masterPlaylist({
  video: { uri: 'hls-video.m3u8', codecs: ['avc1.64001f', 'mp4a.40.2'], width: 640, height: 360, bandwidth: 900_000, averageBandwidth: 700_000 },
  audio: [{ uri: 'hls-dub.m3u8', name: 'Dub (en)', language: 'en', default: true }],
  subtitles: { uri: 'hls-subtitles.m3u8', name: 'Subtitles (en)', language: 'en', default: false },
});
const media = mediaPlaylist('hls-video.ts', [{ durationSeconds: 6, offset: 0, length: 188 * 10 }, { durationSeconds: 4, offset: 1880, length: 188 * 5 }]);
const sign = (name: string) => `/signed/${name}?sig=x`;
const refused = (text: string) => assert.throws(() => rewritePlaylist(text, PACKAGE, sign), { code: 'playlist_invalid' });

describe('rewriting a playlist', () => {
  test('every URI line and URI attribute of a master is resolved; the tags stay as they were', () => {
    const out = rewritePlaylist(master, PACKAGE, sign);
    assert.match(out, /URI="\/signed\/hls-dub\.m3u8\?sig=x"/);
    assert.match(out, /URI="\/signed\/hls-subtitles\.m3u8\?sig=x"/);
    assert.match(out, /\n\/signed\/hls-video\.m3u8\?sig=x\n/);
    assert.doesNotMatch(out.replace(/\/signed\/hls[\w.-]+\?sig=x/g, ''), /hls-/, 'no name left unresolved');
    assert.equal(out.replace(/\/signed\/([\w.-]+)\?sig=x/g, '$1'), master.trimEnd() + '\n', 'only the URIs changed');
  });

  test('a media playlist: each byte-range segment URI is resolved', () => {
    const out = rewritePlaylist(media, PACKAGE, sign);
    assert.equal(out.match(/^\/signed\/hls-video\.ts\?sig=x$/gm)?.length, 2);
    assert.match(out, /#EXT-X-BYTERANGE:940@1880/);
  });

  test('without a resolver the relative names stay, still checked', () => {
    assert.equal(rewritePlaylist(media, PACKAGE), media);
    assert.throws(() => rewritePlaylist(media.replace(/hls-video\.ts/g, 'https://elsewhere.example/x.ts'), PACKAGE), { code: 'playlist_invalid' });
  });

  test('a URI that is not a file of this package is refused: absolute, a path, traversal, a query, an unknown name, another artifact', () => {
    for (const uri of ['https://elsewhere.example/hls-video.ts', '/api/jobs/other/hls/hls-video.ts', '../hls-video.ts', 'hls-video.ts?x=1', 'hls-extra.ts', 'dubbed.mp4', 'sub/hls-video.ts']) {
      refused(media.replace(/^hls-video\.ts$/m, uri));
      refused(master.replace('URI="hls-dub.m3u8"', `URI="${uri}"`));
    }
    refused(master.replace('URI="hls-dub.m3u8"', 'URI=hls-dub.m3u8'));
    refused(`<html>\n${media}`);
  });

  test('a name the package lists but the HLS route would not serve is refused', () => {
    assert.throws(() => rewritePlaylist(media.replace(/hls-video\.ts/g, 'segments.json'), new Set([...PACKAGE, 'segments.json']), sign), { code: 'playlist_invalid' });
  });

  test('the HLS name pattern takes the package\'s files and nothing else', () => {
    for (const name of PACKAGE) assert.ok(HLS_FILE.test(name), name);
    for (const name of ['hls-original.ts', 'hls-original.m3u8']) assert.ok(HLS_FILE.test(name), name);
    for (const name of ['hls.ts', 'hls-.ts', 'hls-a.mp4', 'dubbed.mp4', 'hls-../x.ts', 'hls-a/b.ts', 'xhls-a.ts', 'hls-a.ts\n', 'qa.json']) assert.ok(!HLS_FILE.test(name), name);
  });
});
