import { roleCan } from '../../access/permissions.js';
import type { Principal } from '../../access/principal.js';
import { reachesResource } from '../../access/resource-access.js';
import type { Db, DialectName } from '../../db/types.js';
import { AppError } from '../../http/app-error.js';
import type { JobService } from '../../jobs/service.js';
import type { JobRow } from '../../jobs/store.js';
import { type AuditLog, auditTrail } from '../../ops/audit.js';
import { findOwnUpload } from '../../uploads/store.js';
import { videoFacts } from '../dub-submission.js';
import { countSegments, pageSegments, segmentWithNeighbours, updateSegmentFields } from '../segment-store.js';
import type { Segment } from '../segments.js';
import { reviewErrors } from './errors.js';
import { ifMatchHolds, segmentEtag, segmentView, type SegmentView } from './segment-view.js';

interface ClientInfo {
  readonly ip: string;
  readonly requestId: string;
}

/** What an edit may change; absent fields stay as they are. */
export interface SegmentPatch {
  readonly target_text?: string | null;
  readonly start_ms?: number;
  readonly end_ms?: number;
  readonly speaker?: string | null;
  readonly voice?: string | null;
  readonly locked?: boolean;
}

const RENDERING = new Set<JobRow['status']>(['queued', 'running']);

/**
 * The dub's segment table as its reviewers see it: pages of lines, and
 * edits that name the ETag they were made against. Edits wait while a render
 * runs (its stages would write the table over them); a locked line changes
 * only by being unlocked first.
 */
export function createSegmentReview(deps: { db: Db; dialect: DialectName; jobs: JobService; audit: AuditLog; now: () => Date }) {
  const { db } = deps;
  const record = auditTrail(deps.audit, 'job');

  async function dubOf(principal: Principal, jobId: string, action: 'read' | 'edit'): Promise<JobRow> {
    const row = await deps.jobs.reach(principal, jobId, action);
    if (row.type !== 'dub') throw new AppError(reviewErrors.not_a_dub);
    return row;
  }

  /** A page of segments after `after` (a segment id), with the dub's total. */
  async function list(principal: Principal, jobId: string, query: { after?: string; limit?: number }) {
    const job = await dubOf(principal, jobId, 'read');
    let afterPosition = -1;
    if (query.after !== undefined) {
      const found = await segmentWithNeighbours(db, job.id, query.after);
      if (!found) throw new AppError(reviewErrors.segment_not_found);
      afterPosition = found.position;
    }
    const limit = query.limit ?? 100;
    const rows = await pageSegments(db, job.id, afterPosition, limit + 1);
    const page = rows.slice(0, limit);
    return {
      total: await countSegments(db, job.id),
      render: job.render,
      // What an edit would be told: the caller's role and key may edit this job, and no render is running.
      editable: !RENDERING.has(job.status) && roleCan(principal.role, 'review:edit') && reachesResource(principal, 'review:edit', { type: 'job', id: job.id, action: 'write' }),
      segments: page.map((row) => segmentView(row.segment)),
      ...(rows.length > limit && { next_after: page.at(-1)!.segment.id }),
    };
  }

  /** The video's length, which bounds the last line (from what upload validation found). */
  async function sourceDurationMs(job: JobRow): Promise<number> {
    const { upload_id } = JSON.parse(job.options) as { upload_id: string };
    const upload = await findOwnUpload(db, job.user_id, upload_id);
    return videoFacts(upload?.media ? (JSON.parse(upload.media) as unknown) : undefined).durationMs;
  }

  function edited(segment: Segment, patch: SegmentPatch, bounds: { previousEndMs: number | null; nextStartMs: number | null; durationMs: number }): Segment {
    const changesContent = (['target_text', 'start_ms', 'end_ms', 'speaker', 'voice'] as const).some((field) => patch[field] !== undefined);
    // A locked line is kept as it is: only unlocking it (in the same edit or before) lets anything else change.
    if (segment.locked && changesContent && patch.locked !== false) throw new AppError(reviewErrors.segment_locked);
    const startMs = patch.start_ms ?? segment.startMs;
    const endMs = patch.end_ms ?? segment.endMs;
    const timingChanged = startMs !== segment.startMs || endMs !== segment.endMs;
    const inBounds = startMs < endMs && startMs >= (bounds.previousEndMs ?? 0) && (bounds.nextStartMs === null ? bounds.durationMs <= 0 || endMs <= bounds.durationMs : endMs <= bounds.nextStartMs);
    if (timingChanged && !inBounds) throw new AppError(reviewErrors.segment_timing_out_of_bounds);
    const text = patch.target_text === undefined ? segment.targetText : patch.target_text?.trim() || null;
    return {
      ...segment,
      startMs,
      endMs,
      targetText: text,
      speaker: patch.speaker === undefined ? segment.speaker : patch.speaker,
      voice: patch.voice === undefined ? segment.voice : patch.voice,
      locked: patch.locked ?? segment.locked,
    };
  }

  /**
   * One line edited, if the caller saw it as it is (If-Match): the job row is
   * locked for the edit, so a re-render asked for at the same moment either
   * comes after it (and renders it) or before it (and the edit is refused).
   */
  async function edit(principal: Principal, jobId: string, segmentId: string, ifMatch: string | undefined, patch: SegmentPatch, client: ClientInfo): Promise<SegmentView> {
    const job = await dubOf(principal, jobId, 'edit');
    if (ifMatch === undefined) throw new AppError(reviewErrors.precondition_required);
    const durationMs = await sourceDurationMs(job);
    const next = await db.transaction().execute(async (trx) => {
      const status = deps.dialect === 'postgres'
        ? await trx.selectFrom('jobs').select('status').where('id', '=', job.id).forUpdate().executeTakeFirst()
        : await trx.selectFrom('jobs').select('status').where('id', '=', job.id).executeTakeFirst();
      if (!status || RENDERING.has(status.status)) throw new AppError(reviewErrors.dub_busy);
      const found = await segmentWithNeighbours(trx, job.id, segmentId);
      if (!found) throw new AppError(reviewErrors.segment_not_found);
      if (!ifMatchHolds(ifMatch, segmentEtag(found.segment))) throw new AppError(reviewErrors.precondition_failed);
      const changed = edited(found.segment, patch, { previousEndMs: found.previousEndMs, nextStartMs: found.nextStartMs, durationMs });
      await updateSegmentFields(trx, job.id, segmentId, changed, deps.now().toISOString());
      return changed;
    });
    await record('dub.segment_edited', 'success', principal, client, job.id, { segment: segmentId, fields: Object.keys(patch).sort() });
    return segmentView(next);
  }

  return { list, edit, dubOf, sourceDurationMs };
}

export type SegmentReview = ReturnType<typeof createSegmentReview>;
