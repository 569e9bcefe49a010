import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StageContext } from '../../jobs/stage-context.js';
import { segmentsDocumentOf } from '../imports/segments-document.js';
import type { Segment } from '../segments.js';

/** What the dub's stages hand on to each other inside the work dir (`state/dub.json`). */
export interface DubState {
  readonly segments: readonly Segment[];
  readonly source: { readonly durationMs: number; readonly hasAudio: boolean; readonly videoCodec: string; readonly audioLanguage: string | null };
  readonly skipped: readonly string[];
  /** The voice of lines that name none (the target language's), chosen by synthesize. */
  readonly fallbackVoice?: string;
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
  };
}

export async function loadState(workDir: string): Promise<DubState> {
  return JSON.parse(await readFile(dubPaths(workDir).stateFile, 'utf8')) as DubState;
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
