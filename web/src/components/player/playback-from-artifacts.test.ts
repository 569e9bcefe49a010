import { describe, expect, test } from 'vitest';
import { artifactUrl, playbackFromArtifacts } from './playback-from-artifacts';
import { isHls } from './playback-types';

describe('playback from a job\'s artifacts', () => {
  test('the dubbed video is the source, each WebVTT file a subtitle track, SRT and the rest left out', () => {
    const playback = playbackFromArtifacts('j 1', [{ name: 'segments.json' }, { name: 'subtitles.en.srt' }, { name: 'subtitles.en.vtt' }, { name: 'subtitles.pt-BR.vtt' }, { name: 'dubbed.mp4' }], 'https://sakuga.lan/jobs/j%201');
    expect(playback).toEqual({
      sources: [{ kind: 'mp4', name: 'dubbed.mp4', type: 'video/mp4', url: '/api/jobs/j%201/artifacts/dubbed.mp4' }],
      subtitles: [
        { language: 'en', name: 'subtitles.en.vtt', url: '/api/jobs/j%201/artifacts/subtitles.en.vtt' },
        { language: 'pt-BR', name: 'subtitles.pt-BR.vtt', url: '/api/jobs/j%201/artifacts/subtitles.pt-BR.vtt' },
      ],
      page_url: 'https://sakuga.lan/jobs/j%201',
    });
  });

  test('no video yet: nothing to play; no page address: no link to copy', () => {
    const playback = playbackFromArtifacts('j1', [{ name: 'segments.json' }]);
    expect(playback.sources).toEqual([]);
    expect(playback).not.toHaveProperty('page_url');
  });

  test('names are escaped into the path, never read as another path', () => {
    expect(artifactUrl('../x', 'a/b.mp4')).toBe('/api/jobs/..%2Fx/artifacts/a%2Fb.mp4');
  });

  test('HLS is told by its kind or its media type', () => {
    expect(isHls({ kind: 'hls', name: 'hls.m3u8', type: 'application/vnd.apple.mpegurl', url: '/m' })).toBe(true);
    expect(isHls({ kind: 'master', name: 'dubbed.mp4', type: 'video/mp4', url: '/m' })).toBe(false);
    expect(isHls({ kind: 'hls', name: 'dub.m3u8', type: 'application/x-mpegurl', url: '/m' })).toBe(true);
    expect(isHls({ kind: 'mp4', name: 'mobile.mp4', type: 'video/mp4', url: '/m' })).toBe(false);
  });
});
