import { copyFile, mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { StageContext } from '../../jobs/stage-context.js';
import type { LocatedTool } from '../../media/toolchain.js';
import type { DubOptions } from '../dub-options.js';
import { packageHls } from '../media/hls.js';
import { encodeMobile, mobileFitness } from '../media/mobile.js';
import { dubPaths, loadState } from './dub-state.js';
import type { DubRuntime } from './runtime.js';

const exists = (path: string) => stat(path).then((info) => info.isFile() && info.size > 0, () => false);

/**
 * package: what a phone plays. `mobile.mp4` (H.264 High ≤ 4.1, AAC-LC
 * stereo 48 kHz, faststart, at most DUB_MOBILE_MAX_HEIGHT lines) only when
 * `dubbed.mp4` is not already that; then the HLS package (~6 s segments, the
 * dub and the original as alternate audio, WebVTT subtitles) cut from
 * whichever of the two phones get; and export's `dubbed.mp4`, published last.
 * The phone video is kept with the clips, so a re-render (which changes only
 * the sound) remuxes instead of encoding.
 */
export async function packageStage(context: StageContext, options: DubOptions, runtime: DubRuntime): Promise<void> {
  const paths = dubPaths(context.workDir);
  const state = await loadState(context.workDir);
  const ffmpeg: LocatedTool = { tool: 'ffmpeg', path: runtime.tools.ffmpeg, source: 'config' };
  const { durationMs } = state.source;
  const maxHeight = runtime.settings.mobileMaxHeight;
  const dubbed = join(paths.exported, 'dubbed.mp4');
  const fitness = mobileFitness(runtime.source, { maxHeight });
  await rm(paths.packageDir, { recursive: true, force: true });
  await mkdir(paths.packageDir, { recursive: true, mode: 0o700 });

  let phoneVideo = dubbed;
  if (!fitness.fit) {
    const output = join(paths.packageDir, 'mobile.mp4');
    const reuse = (await exists(paths.mobileVideo)) ? paths.mobileVideo : undefined;
    const result = await encodeMobile({ ffmpeg }, { input: dubbed, output, maxHeight, durationMs, copyOriginalAudio: fitness.audioFit, ...(reuse && { reuseVideo: reuse }) });
    // A copy, not a link: an artifact may not be hard-linked.
    await copyFile(output, paths.mobileVideo);
    phoneVideo = output;
    context.log('info', 'made the phone video', { reasons: fitness.reasons, video_copied: result.videoCopied, original_audio: result.originalAudio });
  } else {
    await rm(paths.mobileVideo, { force: true });
  }
  context.progress(0.6);

  const hlsDir = join(paths.packageDir, 'hls');
  await mkdir(hlsDir, { mode: 0o700 });
  const subtitles = join(paths.exported, `subtitles.vtt`);
  const original = state.source.hasAudio ? (options.source_language ?? state.source.audioLanguage ?? 'und') : undefined;
  const hls = await packageHls(
    { ffmpeg },
    {
      input: phoneVideo,
      ...((await exists(subtitles)) && { subtitlesVtt: subtitles }),
      outputDir: hlsDir,
      durationMs,
      languages: { dub: options.target_language, ...(original && { original }) },
    },
  );
  if (phoneVideo !== dubbed) await context.publishFile('mobile.mp4', phoneVideo);
  for (const file of hls.files) await context.publishFile(file.name, file.path);
  await context.publishFile('dubbed.mp4', dubbed);
  context.log('info', 'packaged the dub for phones', { mobile_mp4: phoneVideo !== dubbed, hls_segments: hls.segments, hls_ffmpeg_ms: Math.round(hls.timing.ffmpegMs), hls_total_ms: Math.round(hls.timing.totalMs) });
}
