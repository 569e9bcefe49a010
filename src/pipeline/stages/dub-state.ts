import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StageContext } from '../../jobs/stage-context.js';
import { segmentsDocumentOf } from '../imports/segments-document.js';
import type { Segment } from '../segments.js';
import type { DubRuntime } from './runtime.js';

/** What the dub's stages hand on to each other inside the work dir (`state/dub.json`). */
export interface DubState {
  readonly segments: readonly Segment[];
  readonly source: { readonly durationMs: number; readonly hasAudio: boolean; readonly videoCodec: string; readonly audioLanguage: string | null };
  readonly skipped: readonly string[];
  /** The voice of lines that name none (the target language's), chosen by synthesize. */
  readonly fallbackVoice?: string;
  /** The render this state belongs to (absent: the first). */
  readonly render?: number;
}

/** The work dir's layout, in one place. */
export function dubPaths(workDir: string) {
  const state = join(workDir, 'state');
  return {
    input: (uploadId: string) => join(workDir, 'in', uploadId),
    stateDir: state,
    stateFile: join(state, 'dub.json'),
    original: join(state, 'original.wav'),
    asr: join(state, 'asr.wav'),
    clips: join(workDir, 'clips'),
    dubTrack: join(state, 'dub-track.wav'),
    premix: join(state, 'premix.wav'),
    mix: join(state, 'mix.wav'),
    render: join(state, 'render'),
    /** Export's `dubbed.mp4` (published by package) and a copy of its WebVTT subtitles, which qa and package read. */
    exported: join(state, 'exported'),
    /** Clip measures by clip hash (qa), kept with the clips. */
    qaCache: join(state, 'qa-clips.json'),
    packageDir: join(state, 'package'),
    /** The last phone video, kept with the clips: a re-render copies its video. */
    mobileVideo: join(state, 'mobile-video.mp4'),
  };
}

export async function loadState(workDir: string): Promise<DubState> {
  return JSON.parse(await readFile(dubPaths(workDir).stateFile, 'utf8')) as DubState;
}

/**
 * The state a run that starts after probe works from. A resumed run keeps
 * the work dir's (it may hold more than the last checkpoint, e.g. the
 * batches translate already has). A re-render starts from the stored
 * segments, edits included; so does a run on a worker whose work dir is
 * empty (another machine), from the source as the worker probed it.
 */
export async function stateForRun(workDir: string, runtime: DubRuntime): Promise<void> {
  const state = await loadState(workDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (state && (state.render ?? 1) === runtime.render) return;
  const { source } = runtime;
  await saveState(workDir, {
    ...(state ?? { source: { durationMs: Math.round(source.durationMs), hasAudio: source.audio !== undefined, videoCodec: source.video.codec, audioLanguage: source.audio?.language ?? null }, skipped: [] }),
    segments: runtime.segments,
    render: runtime.render,
  });
}

/** Saves the state atomically (a killed stage leaves the previous one whole). */
export async function saveState(workDir: string, state: DubState): Promise<void> {
  const paths = dubPaths(workDir);
  await mkdir(paths.stateDir, { recursive: true, mode: 0o700 });
  const partial = `${paths.stateFile}.${randomBytes(4).toString('hex')}`;
  await writeFile(partial, JSON.stringify(state), { mode: 0o600 });
  await rename(partial, paths.stateFile);
}

/** Reports the segments as they stand (`segments.json`): the worker stores them in the segment table at this stage's checkpoint. */
export async function reportSegments(context: StageContext, state: DubState, languages: { source?: string; target: string }): Promise<void> {
  await context.writeArtifact('segments.json', `${JSON.stringify(segmentsDocumentOf(state.segments, languages), null, 1)}\n`);
}
