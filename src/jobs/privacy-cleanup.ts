import { join } from 'node:path';
import type { Db } from '../db/types.js';
import type { AuditLog } from '../ops/audit.js';
import { type PrivacyMode, promiseOf } from '../storage/privacy-policy.js';
import type { UploadFiles } from '../uploads/upload-files.js';
import { deleteUpload } from '../uploads/store.js';
import type { ArtifactStore } from './artifacts.js';
import type { WorkFiles } from './job-runtime.js';
import type { JobTypes } from './job-types.js';
import { type JobRow, stagesOf, upsertArtifacts } from './store.js';
import { inputsOf, jobsUsingUpload } from './upload-users.js';
import { addCounts, clearWorkDir, countFiles, type FileCount, NO_FILES } from './work-dir.js';

/** The job's artifact that says what its privacy mode removed. */
export const RETENTION_REPORT = 'retention_report.json';

/** What the report holds: counts and bytes, never a name. */
export interface JobRetentionReport {
  readonly privacy_mode: PrivacyMode;
  readonly at: string;
  readonly removed: {
    /** Working files of the run: the clips, the mixes, the staged copies of the inputs. */
    readonly intermediates: FileCount;
    readonly source_audio: FileCount;
    /** The job's input uploads (the video, imported subtitles or scripts). */
    readonly source_uploads: FileCount;
  };
  /** Input uploads left because another job still needs them (it runs, or it keeps its sources). */
  readonly source_uploads_in_use: number;
}

/** What of the work dir stays after a success under `mode`. */
export function keptAfterSuccess(mode: PrivacyMode, files: WorkFiles): string[] {
  const promise = promiseOf(mode);
  return [...(promise.removeIntermediates ? [] : files.reuse), ...(promise.removeSourceAudio ? [] : files.sourceAudio)];
}

/**
 * The worker's side of privacy modes, once a job has succeeded: its work dir
 * cleared down to what the mode keeps; under minimal, its input uploads
 * shredded unless another job still needs them. A mode that removes anything
 * gets `retention_report.json` among the job's artifacts and an audit event,
 * both with counts and bytes alone.
 */
export function createPrivacyCleanup(deps: { db: Db; types: JobTypes; uploadFiles: UploadFiles; artifacts: ArtifactStore; audit: AuditLog; now: () => Date }) {
  const { db } = deps;

  /** Whether a job other than `row` may still read the upload: one that has yet to finish, or one whose mode keeps its sources (a dub's re-render reads its video again). */
  async function stillNeeded(row: JobRow, uploadId: string): Promise<boolean> {
    const others = await jobsUsingUpload(db, deps.types, { userId: row.user_id, uploadId, exceptJobId: row.id });
    return others.some((other) => !(other.status === 'succeeded' && promiseOf(other.privacy_mode).removeSourceUpload));
  }

  async function removeSourceUploads(row: JobRow): Promise<{ removed: FileCount; inUse: number }> {
    let removed = NO_FILES;
    let inUse = 0;
    for (const id of new Set(inputsOf(deps.types, row))) {
      if (await stillNeeded(row, id)) {
        inUse += 1;
        continue;
      }
      const { bytes } = await deps.uploadFiles.received(id);
      const shred = await deps.uploadFiles.shred(id, 'privacy_minimal');
      await deleteUpload(db, id);
      if (shred.blobs > 0) removed = addCounts(removed, { files: 1, bytes });
    }
    return { removed, inUse };
  }

  async function publishReport(row: JobRow, report: JobRetentionReport): Promise<void> {
    const { size, sha256 } = await deps.artifacts.publishBytes(row.id, RETENTION_REPORT, Buffer.from(`${JSON.stringify(report, null, 1)}\n`));
    await upsertArtifacts(db, [{ job_id: row.id, name: RETENTION_REPORT, stage: stagesOf(row).length - 1, size, sha256, created_at: report.at }]);
  }

  return {
    async afterSuccess(row: JobRow, workDir: string, files: WorkFiles): Promise<void> {
      const promise = promiseOf(row.privacy_mode);
      const kept = keptAfterSuccess(row.privacy_mode, files);
      const sourceAudio = promise.removeSourceAudio ? files.sourceAudio.map((path) => countFiles(join(workDir, path))).reduce(addCounts, NO_FILES) : NO_FILES;
      // Everything the clearing removes: counted over the whole dir, less what stays.
      const before = countFiles(workDir);
      const staying = kept.map((path) => countFiles(join(workDir, path))).reduce(addCounts, NO_FILES);
      clearWorkDir(workDir, kept);
      if (!promise.removeIntermediates && !promise.removeSourceAudio && !promise.removeSourceUpload) return;
      const uploads = promise.removeSourceUpload ? await removeSourceUploads(row) : { removed: NO_FILES, inUse: 0 };
      const cleared = { files: before.files - staying.files, bytes: before.bytes - staying.bytes };
      const report: JobRetentionReport = {
        privacy_mode: row.privacy_mode,
        at: deps.now().toISOString(),
        removed: {
          intermediates: { files: cleared.files - sourceAudio.files, bytes: cleared.bytes - sourceAudio.bytes },
          source_audio: sourceAudio,
          source_uploads: uploads.removed,
        },
        source_uploads_in_use: uploads.inUse,
      };
      await publishReport(row, report);
      const { removed } = report;
      await deps.audit.record({
        action: 'job.privacy_applied',
        result: 'success',
        actor: { type: 'system' },
        target: `job:${row.id}`,
        details: { mode: row.privacy_mode, files: removed.intermediates.files + removed.source_audio.files + removed.source_uploads.files, bytes: removed.intermediates.bytes + removed.source_audio.bytes + removed.source_uploads.bytes, uploads: removed.source_uploads.files, uploads_in_use: uploads.inUse },
      });
    },
  };
}

export type PrivacyCleanup = ReturnType<typeof createPrivacyCleanup>;
