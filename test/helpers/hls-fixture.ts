import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageHls } from '../../src/pipeline/media/hls.js';
import { writeSubtitles } from '../../src/pipeline/media/subtitles.js';
import { mediaTools, testVideo } from './dub-media.js';

/**
 * The files a dub's package stage publishes, made for real but small: a
 * 6-second H.264 video with a dub and an original track (keyframes every
 * 2 s), packaged with packageHls, plus its subtitles, as artifact contents
 * for insertFinishedDub. No dub is run.
 */
export async function hlsArtifacts(dir: string): Promise<Record<string, Buffer>> {
  const video = await testVideo(join(dir, 'mobile.mp4'), { seconds: 6, codec: 'h264', audio: 'tone', audioRate: 48_000, audioChannels: 2, language: 'eng', secondAudio: { language: 'jpn' }, x264: { keyframeSeconds: 2 } });
  const { vtt } = await writeSubtitles(dir, 'en', [{ startMs: 1_000, endMs: 2_500, text: 'Good morning, Mika.' }]);
  const result = await packageHls(mediaTools(), { input: video, subtitlesVtt: vtt, outputDir: dir, durationMs: 6_000, languages: { dub: 'en', original: 'jpn' }, segmentSeconds: 2 });
  const files: Record<string, Buffer> = { 'mobile.mp4': readFileSync(video), 'dubbed.mp4': readFileSync(video), 'subtitles.en.vtt': readFileSync(vtt) };
  for (const file of result.files) files[file.name] = readFileSync(file.path);
  return files;
}
