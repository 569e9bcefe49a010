import { describe, expect, test } from 'vitest';
import { keepPlaying, playbackForPage, sameOriginPath } from './playback-for-page';
import { isHls } from './playback-types';

describe('the playback reply as the page uses it', () => {
  test('media URLs lose their origin (PUBLIC_URL may not be where the page was opened), keeping the signature; links for other apps stay whole', () => {
    const reply = {
      sources: [{ kind: 'hls' as const, name: 'hls.m3u8', type: 'application/vnd.apple.mpegurl', url: 'https://sakuga.example.net/api/jobs/j1/hls/hls.m3u8?sig_exp=1&sig=abc' }],
      subtitles: [{ language: 'en', name: 'subtitles.en.vtt', url: 'https://sakuga.example.net/api/jobs/j1/artifacts/subtitles.en.vtt?sig=x' }],
      vlc_url: 'vlc://https://sakuga.example.net/api/jobs/j1/hls/hls.m3u8?sig=abc',
      page_url: 'https://sakuga.example.net/jobs/j1',
    };
    const page = playbackForPage(reply);
    expect(page.sources[0]!.url).toBe('/api/jobs/j1/hls/hls.m3u8?sig_exp=1&sig=abc');
    expect(page.subtitles[0]!.url).toBe('/api/jobs/j1/artifacts/subtitles.en.vtt?sig=x');
    expect([page.vlc_url, page.page_url]).toEqual([reply.vlc_url, reply.page_url]);
  });

  test('a path stays a path; another host never survives', () => {
    expect(sameOriginPath('/api/jobs/j1/artifacts/dubbed.mp4?sig=1')).toBe('/api/jobs/j1/artifacts/dubbed.mp4?sig=1');
    expect(sameOriginPath('https://evil.example/api/x?y=1')).toBe('/api/x?y=1');
  });

  test('HLS is told by its kind or its media type; the master MP4 is not HLS', () => {
    expect(isHls({ kind: 'hls', name: 'hls.m3u8', type: 'application/vnd.apple.mpegurl', url: '/m' })).toBe(true);
    expect(isHls({ kind: 'master', name: 'dubbed.mp4', type: 'video/mp4', url: '/m' })).toBe(false);
    expect(isHls({ kind: 'mp4', name: 'mobile.mp4', type: 'video/mp4', url: '/m' })).toBe(false);
  });

  test('a reply playing the same files keeps the playback shown (the video goes on); changed files, or none shown, take the fresh one', () => {
    const reply = (revision: string | undefined, sig: string) => ({
      ...(revision && { revision }),
      sources: [{ kind: 'mp4' as const, name: 'mobile.mp4', type: 'video/mp4', url: `/api/jobs/j1/artifacts/mobile.mp4?sig=${sig}` }],
      subtitles: [],
    });
    const showing = reply('r1', 'a');
    expect(keepPlaying(showing, reply('r1', 'b'))).toBe(showing);
    const rerendered = reply('r2', 'c');
    expect(keepPlaying(showing, rerendered)).toBe(rerendered);
    const first = reply('r1', 'd');
    expect(keepPlaying(undefined, first)).toBe(first);
    const unnamed = reply(undefined, 'e');
    expect(keepPlaying(reply(undefined, 'f'), unnamed)).toBe(unnamed);
  });
});
