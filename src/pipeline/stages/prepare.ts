import { readFile, stat } from 'node:fs/promises';
import { StageError, type StageContext } from '../../jobs/stage-context.js';
import type { LocatedTool } from '../../media/toolchain.js';
import type { DubOptions } from '../dub-options.js';
import { type DubImports, planDub } from '../dub-plan.js';
import { ImportProblem } from '../imports/problems.js';
import { extractAudio, silentAudio } from '../media/extract.js';
import { type DubState, dubPaths, loadState, reportSegments, saveState } from './dub-state.js';
import type { DubRuntime } from './runtime.js';

/**
 * probe: what the source is (probed by the worker), and the segments the dub starts from. A dub
 * whose segment table already has rows (a resumed or re-rendered dub) keeps
 * them; a first run builds them from its imports with the same planDub the
 * submission checked them with.
 */
export async function probeStage(context: StageContext, options: DubOptions, runtime: DubRuntime): Promise<void> {
  const paths = dubPaths(context.workDir);
  const streams = runtime.source;
  const source = { durationMs: Math.round(streams.durationMs), hasAudio: streams.audio !== undefined, videoCodec: streams.video.codec, audioLanguage: streams.audio?.language ?? null };
  const read = async (id: string | undefined) => (id ? { filename: runtime.inputNames[id] ?? '', bytes: await readFile(paths.input(id)) } : undefined);
  const { imports = {} } = options;
  const imported: DubImports = {
    sourceSubtitles: await read(imports.source_subtitles),
    translatedSubtitles: await read(imports.translated_subtitles),
    segmentsJson: await read(imports.segments_json),
    diarizationJson: await read(imports.diarization_json),
  };
  let plan;
  try {
    plan = await planDub(options, imported, source);
  } catch (error) {
    if (error instanceof ImportProblem) throw new StageError(error.code, 'An imported file no longer fits the video.');
    throw error;
  }
  const state: DubState = { segments: runtime.segments.length > 0 ? runtime.segments : plan.segments, source, skipped: plan.skipped, render: runtime.render };
  await saveState(context.workDir, state);
  context.log('info', 'probed the source', { duration_ms: source.durationMs, video_codec: source.videoCodec, has_audio: source.hasAudio, segments: state.segments.length, skipped: state.skipped });
  // A dub from audio alone has no segments until transcribe (and a segments document holds at least one).
  if (state.segments.length > 0) await reportSegments(context, state, languagesOf(options));
}

/** extract: the original audio for the mix and a 16 kHz copy for recognition, in one decode. */
export async function extractStage(context: StageContext, options: DubOptions, runtime: DubRuntime): Promise<void> {
  if (await audioExtracted(context.workDir)) return context.log('info', 'audio already extracted');
  await extractSourceAudio(context, options, runtime);
}

/** Whether both extracted tracks are in the work dir (a finished dub keeps neither: a re-render extracts again). */
export async function audioExtracted(workDir: string): Promise<boolean> {
  const paths = dubPaths(workDir);
  const done = await Promise.all([stat(paths.original).catch(() => undefined), stat(paths.asr).catch(() => undefined)]);
  return done.every(Boolean);
}

export async function extractSourceAudio(context: StageContext, options: DubOptions, runtime: DubRuntime): Promise<void> {
  const paths = dubPaths(context.workDir);
  const state = await loadState(context.workDir);
  const ffmpeg: LocatedTool = { tool: 'ffmpeg', path: runtime.tools.ffmpeg, source: 'config' };
  const target = { originalWav: paths.original, asrWav: paths.asr, durationMs: state.source.durationMs };
  const extracted = state.source.hasAudio ? await extractAudio(ffmpeg, { input: paths.input(options.upload_id), ...target }) : await silentAudio(target);
  context.log('info', extracted.silent ? 'the source has no audio: the dub is mixed over silence' : 'extracted the audio');
}

export function languagesOf(options: DubOptions): { source?: string; target: string } {
  return { ...(options.source_language && { source: options.source_language }), target: options.target_language };
}
