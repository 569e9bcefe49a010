import type { Principal } from '../../access/principal.js';
import type { Db } from '../../db/types.js';
import { AppError } from '../../http/app-error.js';
import type { ArtifactStore } from '../../jobs/artifacts.js';
import { insertEvents, listArtifacts, type JobRow } from '../../jobs/store.js';
import { type AuditLog, auditTrail } from '../../ops/audit.js';
import { DUB_STAGES, type DubOptions } from '../dub-options.js';
import { findUpload } from '../../uploads/store.js';
import { reviewErrors } from './errors.js';
import type { SegmentReview } from './service.js';
import type { QueueSignal } from '../../jobs/queue-signal.js';

interface ClientInfo {
  readonly ip: string;
  readonly requestId: string;
}

/** What a re-render may change beyond the segments: the voices, per speaker and for the rest. */
export interface RerenderRequest {
  readonly voices?: Readonly<Record<string, string>>;
  readonly voice?: string | null;
}

interface KeptArtifact {
  readonly name: string;
  readonly stage: number;
  readonly size: number;
  readonly sha256: string;
}

/** A re-render starts here: the lines' clips, then mix and export; nothing before synthesize depends on an edit. */
const RERENDER_FROM = DUB_STAGES.indexOf('synthesize');

/**
 * Re-renders and the versions they leave. A re-render keeps the current
 * outputs as a numbered version (no copies, see ArtifactStore.keepRender),
 * then queues the same job again from synthesize: its stages reuse every
 * clip whose hash is unchanged, so only edited lines are spoken and fitted
 * again, and a locked line keeps its clip. Versions older than the last
 * `kept` are removed.
 */
export function createRenders(deps: { db: Db; review: SegmentReview; artifacts: ArtifactStore; audit: AuditLog; kept: number; now: () => Date; signal?: QueueSignal }) {
  const { db } = deps;
  const record = auditTrail(deps.audit, 'job');

  async function removeOldVersions(jobId: string, current: number): Promise<number[]> {
    const old = await db.selectFrom('job_renders').select('render').where('job_id', '=', jobId).where('render', '<=', current - deps.kept - 1).execute();
    const renders = old.map((row) => Number(row.render));
    if (renders.length === 0) return [];
    await db.deleteFrom('job_renders').where('job_id', '=', jobId).where('render', 'in', renders).execute();
    for (const render of renders) await deps.artifacts.removeRender(jobId, render);
    return renders;
  }

  async function rerender(principal: Principal, jobId: string, request: RerenderRequest, client: ClientInfo): Promise<{ render: number; job: JobRow }> {
    const job = await deps.review.dubOf(principal, jobId, 'edit');
    if (job.status === 'queued' || job.status === 'running') throw new AppError(reviewErrors.dub_busy);
    if (job.status !== 'succeeded' || !job.finished_at) throw new AppError(reviewErrors.dub_not_rendered);
    const options = JSON.parse(job.options) as DubOptions;
    // A re-render reads the video again (its clips may be gone too, as the privacy mode chose).
    if (!(await findUpload(db, options.upload_id))) throw new AppError(reviewErrors.dub_source_removed);
    const { voice: _voice, ...rest } = options;
    const nextOptions: DubOptions = {
      ...(request.voice === null ? rest : options),
      ...(request.voice && { voice: request.voice }),
      ...(request.voices && { voices: { ...request.voices } }),
    };
    const artifacts: KeptArtifact[] = (await listArtifacts(db, job.id)).map(({ name, stage, size, sha256 }) => ({ name, stage, size, sha256 }));
    // Linked before the job is queued again, so no file of the new render can be taken for the old one.
    await deps.artifacts.keepRender(job.id, job.render, artifacts.map((artifact) => artifact.name));
    const stamp = deps.now().toISOString();
    const next = job.render + 1;
    const queued = await db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('jobs')
        .set({
          status: 'queued',
          render: next,
          options: JSON.stringify(nextOptions),
          // An older dub may list fewer stages than this server runs; a re-render runs today's.
          stages: JSON.stringify(DUB_STAGES),
          checkpoint: RERENDER_FROM,
          progress: RERENDER_FROM / DUB_STAGES.length,
          attempts: 0,
          run_after: stamp,
          cancel_requested: 0,
          failure_code: null,
          failure_message: null,
          finished_at: null,
          updated_at: stamp,
        })
        .where('id', '=', job.id)
        .where('status', '=', 'succeeded')
        .where('render', '=', job.render)
        .returningAll()
        .executeTakeFirst();
      if (!updated) return undefined;
      await trx.insertInto('job_renders').values({ job_id: job.id, render: job.render, finished_at: job.finished_at!, artifacts: JSON.stringify(artifacts), created_at: stamp }).execute();
      await insertEvents(trx, stamp, [{ jobId: job.id, kind: 'state', data: { status: 'queued', render: next } }]);
      return updated;
    });
    // Another request re-rendered it first (the links it made are the same files).
    if (!queued) throw new AppError(reviewErrors.dub_busy);
    deps.signal?.queued();
    const removed = await removeOldVersions(job.id, next);
    await record('dub.rerender', 'success', principal, client, job.id, { render: next, voices_changed: request.voices !== undefined || request.voice !== undefined, removed_versions: removed });
    return { render: next, job: queued };
  }

  /** The current render and the versions kept, newest first. */
  async function list(principal: Principal, jobId: string) {
    const job = await deps.review.dubOf(principal, jobId, 'read');
    const rows = await db.selectFrom('job_renders').selectAll().where('job_id', '=', job.id).orderBy('render', 'desc').execute();
    return {
      current: job.render,
      versions: rows.map((row) => ({ render: Number(row.render), finished_at: row.finished_at, artifacts: JSON.parse(row.artifacts) as KeptArtifact[] })),
    };
  }

  /** One kept file of an earlier render, checked against what was recorded for it. */
  async function keptFile(principal: Principal, jobId: string, render: number, name: string) {
    const job = await deps.review.dubOf(principal, jobId, 'read');
    const row = await db.selectFrom('job_renders').select('artifacts').where('job_id', '=', job.id).where('render', '=', render).executeTakeFirst();
    const artifact = row && (JSON.parse(row.artifacts) as KeptArtifact[]).find((kept) => kept.name === name);
    const file = artifact && (await deps.artifacts.keptFile(job.id, render, name));
    // A file that is gone or not what was recorded is not served as if it were.
    if (!file || file.size !== artifact.size || file.sha256 !== artifact.sha256) throw new AppError(reviewErrors.render_not_found);
    return file;
  }

  return { rerender, list, keptFile };
}

export type Renders = ReturnType<typeof createRenders>;
