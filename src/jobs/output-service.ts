import type { Principal } from '../access/principal.js';
import type { Db } from '../db/types.js';
import { AppError } from '../http/app-error.js';
import { ARTIFACT_NAME, type ArtifactStore } from './artifacts.js';
import { jobErrors } from './errors.js';
import type { JobService } from './service.js';
import { eventsAfter, findArtifact, findJob, findPreview, listArtifacts, logsAfter } from './store.js';

const FINAL = new Set(['succeeded', 'failed', 'cancelled']);

/** What a job produces, for those who may read it: its events, log and artifacts. */
export function createJobOutputs(deps: { db: Db; jobs: JobService; artifacts: ArtifactStore }) {
  const { db } = deps;

  /**
   * Events after `afterId`; when there are none, whether the job has ended
   * (then the stream closes). A stream polls this, so the job row is read
   * only when it has nothing new to send.
   */
  async function events(jobId: string, afterId: number) {
    const rows = await eventsAfter(db, jobId, afterId);
    const ended = rows.length === 0 && (await findJob(db, jobId).then((job) => !job || FINAL.has(job.status)));
    return { events: rows.map((row) => ({ id: row.id, kind: row.kind, data: JSON.parse(row.data) as Record<string, unknown> })), ended };
  }

  async function log(principal: Principal, jobId: string, after = 0, limit = 200) {
    await deps.jobs.reach(principal, jobId, 'read');
    const rows = await logsAfter(db, jobId, after, limit);
    return {
      entries: rows.map((row) => ({ id: row.id, level: row.level, msg: row.msg, ...(row.fields !== null && { fields: JSON.parse(row.fields) as unknown }), at: row.created_at })),
      next_after: rows.at(-1)?.id ?? after,
    };
  }

  async function artifacts(principal: Principal, jobId: string) {
    await deps.jobs.reach(principal, jobId, 'read');
    return { artifacts: (await listArtifacts(db, jobId)).map(({ name, stage, size, sha256, created_at }) => ({ name, stage, size, sha256, created_at })) };
  }

  /** The latest preview frame of a running job (checked by the worker when the engine sent it). */
  async function preview(principal: Principal, jobId: string) {
    await deps.jobs.reach(principal, jobId, 'read');
    const frame = await findPreview(db, jobId);
    const bytes = frame && (await deps.artifacts.previews.bytes(jobId, frame.seq));
    if (!frame || !bytes) throw new AppError(jobErrors.preview_not_found);
    return { ...frame, bytes };
  }

  /** The file behind one artifact, checked against its recorded size. */
  async function artifactFile(principal: Principal, jobId: string, name: string) {
    await deps.jobs.reach(principal, jobId, 'read');
    const row = ARTIFACT_NAME.test(name) ? await findArtifact(db, jobId, name) : undefined;
    if (!row) throw new AppError(jobErrors.artifact_not_found);
    const file = await deps.artifacts.file(jobId, name);
    // A file that is gone or not what was recorded is not served as if it were.
    if (!file || file.size !== row.size || file.sha256 !== row.sha256) throw new AppError(jobErrors.artifact_not_found);
    return file;
  }

  return { events, log, artifacts, artifactFile, preview };
}

export type JobOutputs = ReturnType<typeof createJobOutputs>;
