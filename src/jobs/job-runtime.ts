import { lstat, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { UploadFiles } from '../uploads/upload-files.js';
import type { JobTypes } from './job-types.js';
import type { ProducedArtifact } from './runner-types.js';
import type { JobRow } from './store.js';

/** A job type's own part of a run, on the worker's side (a dub's segment table). */
export interface TypeRuntime {
  /** What the job process needs beyond its options and inputs (tool paths, settings, the current segments); its inputs are staged in `workDir/in` by then. */
  runtime(row: JobRow, workDir: string): Promise<unknown>;
  /** After a stage's artifacts are published: the type's own bookkeeping. */
  afterStage(row: JobRow, artifacts: readonly ProducedArtifact[]): Promise<void>;
  /** What of its work dir the type names, for what a privacy mode keeps after a success (WorkFiles). */
  readonly workFiles?: WorkFiles;
}

/**
 * Parts of a job's work dir (paths relative to it) that a successful run may
 * leave, as the job's privacy mode allows (privacy-cleanup.ts): everything
 * else is removed when the job ends.
 */
export interface WorkFiles {
  /** What a later run of the same job reuses: a dub's clips, for a re-render. */
  readonly reuse: readonly string[];
  /** The audio taken out of the source (a re-render would extract it again). */
  readonly sourceAudio: readonly string[];
}

const NO_WORK_FILES: WorkFiles = { reuse: [], sourceAudio: [] };

/**
 * What the worker does for a run besides starting it: the job's input
 * uploads written out of the blob store into `<work dir>/in/<upload id>`
 * (plaintext, read-only to the job: a job's working files are plaintext by
 * necessity, private to it and removed when it ends), and the job type's
 * own runtime data and bookkeeping.
 */
export function createJobRuntime(deps: { types: JobTypes; uploadFiles: UploadFiles; byType: Partial<Record<string, TypeRuntime>> }) {
  async function stageInputs(row: JobRow, workDir: string): Promise<void> {
    const prepared = deps.types.prepare(row.type, JSON.parse(row.options) as unknown, { internal: true });
    if (!prepared.ok || prepared.job.inputs.length === 0) return;
    const inDir = join(workDir, 'in');
    // Owned by the worker, readable by the job's uid: the job can read its inputs, never replace them.
    await mkdir(inDir, { mode: 0o755 }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    if (!(await lstat(inDir)).isDirectory()) throw new Error('the job input directory is not a directory');
    const wanted = new Set(prepared.job.inputs.map((input) => input.uploadId));
    for (const name of await readdir(inDir)) if (!wanted.has(name)) await rm(join(inDir, name), { force: true });
    for (const id of wanted) {
      const target = join(inDir, id);
      const [have, want] = await Promise.all([stat(target).catch(() => undefined), deps.uploadFiles.received(id)]);
      if (have?.isFile() && have.size === want.bytes) continue; // written by an earlier attempt
      // Through a new name (never one planted in the way), renamed into place whole.
      await deps.uploadFiles.copyTo(id, target, 0o444);
    }
  }

  return {
    /** Readies the work dir's inputs and returns the runtime data for the job process. */
    async prepare(row: JobRow, workDir: string): Promise<unknown> {
      await stageInputs(row, workDir);
      return deps.byType[row.type]?.runtime(row, workDir);
    },
    afterStage: (row: JobRow, artifacts: readonly ProducedArtifact[]) => deps.byType[row.type]?.afterStage(row, artifacts) ?? Promise.resolve(),
    workFiles: (row: JobRow): WorkFiles => deps.byType[row.type]?.workFiles ?? NO_WORK_FILES,
  };
}

export type JobRuntime = ReturnType<typeof createJobRuntime>;
