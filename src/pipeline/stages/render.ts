import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { StageContext } from '../../jobs/stage-context.js';
import type { LocatedTool } from '../../media/toolchain.js';
import type { DubOptions } from '../dub-options.js';
import { buildDubTrack } from '../media/dub-track.js';
import { exportDubbedVideo } from '../media/export.js';
import { LOUDNESS_TARGETS, measureLoudness, normalizeLoudness } from '../media/loudness.js';
import { mixDub } from '../media/mix.js';
import { writeSubtitles } from '../media/subtitles.js';
import { dubPaths, loadState, reportSegments } from './dub-state.js';
import { audioExtracted, extractSourceAudio, languagesOf } from './prepare.js';
import type { DubRuntime } from './runtime.js';
import { fittedClipPath } from './voice.js';

/** ffprobe is never run in the job process (see runtime.ts); export is handed the worker's probe instead. */
const toolsOf = (runtime: DubRuntime): { ffmpeg: LocatedTool; ffprobe: LocatedTool } => ({
  ffmpeg: { tool: 'ffmpeg', path: runtime.tools.ffmpeg, source: 'config' },
  ffprobe: { tool: 'ffprobe', path: '/nonexistent/ffprobe', source: 'config' },
});

/**
 * mix: the dub track (every fitted clip at its absolute start), the original
 * ducked under each line and added without 1/n scaling, then loudness
 * normalised in two passes to the dub's target with a limiter as a guard.
 */
export async function mixStage(context: StageContext, options: DubOptions, runtime: DubRuntime): Promise<void> {
  const paths = dubPaths(context.workDir);
  const steps: Record<string, number> = {};
  const timed = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      steps[step] = Math.round(performance.now() - started);
    }
  };
  // Not kept after a dub ends (it is as large as the source's sound): a re-render decodes it again.
  if (!(await audioExtracted(context.workDir))) await timed('extract', () => extractSourceAudio(context, options, runtime));
  const state = await loadState(context.workDir);
  const { ffmpeg } = toolsOf(runtime);
  const { durationMs } = state.source;
  const voiced = state.segments.filter((segment) => segment.clip && fittedClipPath(context.workDir, segment));
  const clips = voiced.map((segment) => ({ path: fittedClipPath(context.workDir, segment)!, startMs: segment.startMs, id: segment.id }));
  const track = await timed('track', () => buildDubTrack({ clips, output: paths.dubTrack, durationMs }));
  context.progress(0.3);
  if (track.clippedSamples > 0) context.log('warn', 'overlapping lines clipped in the dub track', { segments: track.clippedClips.slice(0, 20), samples: track.clippedSamples });
  if (track.truncatedClips.length > 0) context.log('warn', 'lines cut at the end of the video', { segments: track.truncatedClips.slice(0, 20) });
  const premix = await timed('premix', () => mixDub({ original: paths.original, dub: paths.dubTrack, output: paths.premix, segments: voiced, durationMs, duck: { duckDb: runtime.settings.duckDb } }));
  context.progress(0.5);
  const target = LOUDNESS_TARGETS[options.loudness ?? 'standard'];
  const measured = await timed('measure', () => measureLoudness(ffmpeg, { input: paths.premix, target, durationMs }));
  context.progress(0.75);
  const { normalization, makeupDb } = await timed('normalize', () => normalizeLoudness(ffmpeg, { input: paths.premix, output: paths.mix, target, measured, durationMs }));
  await rm(paths.premix, { force: true });
  context.log('info', 'mixed the dub', {
    lines: voiced.length,
    peak_before: Math.round(premix.peak * 1000) / 1000,
    measured_lufs: measured?.inputI ?? null,
    target_lufs: target.i,
    normalization,
    makeup_db: Math.round(makeupDb * 100) / 100,
    step_ms: steps,
  });
}

/**
 * export: `dubbed.mp4` (video copied when H.264, the dub first, the original
 * second, the translated subtitles as a soft track; published by package,
 * after qa and package have read it), `subtitles.<lang>.vtt` and `.srt`, and
 * the final `segments.json`.
 */
export async function exportStage(context: StageContext, options: DubOptions, runtime: DubRuntime): Promise<void> {
  const paths = dubPaths(context.workDir);
  const state = await loadState(context.workDir);
  await rm(paths.render, { recursive: true, force: true });
  await mkdir(paths.render, { recursive: true, mode: 0o700 });
  const cues = state.segments.filter((segment) => segment.targetText).map((segment) => ({ startMs: segment.startMs, endMs: segment.endMs, text: segment.targetText! }));
  const subtitles = await writeSubtitles(paths.render, options.target_language, cues);
  const output = join(paths.render, 'dubbed.mp4');
  const result = await exportDubbedVideo(toolsOf(runtime), {
    source: paths.input(options.upload_id),
    mix: paths.mix,
    ...(state.source.hasAudio && { original: paths.original }),
    subtitles: subtitles.srt,
    targetLanguage: options.target_language,
    output,
    streams: runtime.source,
  });
  // qa and package read dubbed.mp4 and the WebVTT after export; package publishes the video last
  // (a published file leaves the work dir, and an artifact may not be hard-linked).
  await rm(paths.exported, { recursive: true, force: true });
  await mkdir(paths.exported, { mode: 0o700 });
  await copyFile(subtitles.vtt, join(paths.exported, 'subtitles.vtt'));
  await rename(output, join(paths.exported, 'dubbed.mp4'));
  for (const path of [subtitles.vtt, subtitles.srt]) await context.publishFile(path.slice(paths.render.length + 1), path);
  await reportSegments(context, state, languagesOf(options));
  context.log('info', 'exported the dub', { video_copied: result.videoCopied, original_track: result.originalTrack, duration_ms: Math.round(result.durationMs) });
}
