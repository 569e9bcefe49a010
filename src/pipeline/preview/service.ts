import type { Principal } from '../../access/principal.js';
import type { Db } from '../../db/types.js';
import { AppError } from '../../http/app-error.js';
import type { ArtifactStore } from '../../jobs/artifacts.js';
import type { JobService } from '../../jobs/service.js';
import { childJobs, deleteFinishedJobs } from '../../jobs/store.js';
import type { JobView } from '../../jobs/view.js';
import type { DubOptions } from '../dub-options.js';
import { reviewErrors } from '../review/errors.js';
import type { SegmentReview } from '../review/service.js';
import { segmentWithNeighbours } from '../segment-store.js';
import { PREVIEW_ARTIFACT } from './names.js';
import type { DubPreviewOptions } from './options.js';

interface ClientInfo {
  readonly ip: string;
  readonly requestId: string;
}

/** How many previews of one dub are kept: enough to compare a few takes, few enough never to pile up. */
export const PREVIEWS_KEPT = 5;

/**
 * Hearing one line before a re-render. A preview is a job of its own
 * (`dub_preview`, internal: never submitted through POST /api/jobs), made
 * for the dub and owned by the dub's owner: it runs sandboxed on the cpu
 * queue like any job, so the dub is never busy because of it, and it
 * carries the line in its options, so it never reads or writes the dub's
 * segments, clips or state. Previews of a dub beyond the last PREVIEWS_KEPT
 * are removed, rows and files, once they have ended.
 */
export function createLinePreviews(deps: { db: Db; jobs: JobService; review: SegmentReview; artifacts: ArtifactStore }) {
  const { db } = deps;

  async function prune(dubId: string): Promise<void> {
    const previews = await childJobs(db, dubId, 'dub_preview');
    const removed = await deleteFinishedJobs(db, previews.slice(PREVIEWS_KEPT).map((preview) => preview.id));
    for (const id of removed) await deps.artifacts.removeJob(id);
  }

  /**
   * Queues a preview of line `segmentId`: `targetText` (not yet saved) or
   * else the saved text, with the line's slot and the dub's voice choice as
   * they stand now. A locked line may be heard; a line without words cannot.
   */
  async function preview(principal: Principal, dubId: string, segmentId: string, request: { target_text?: string }, client: ClientInfo): Promise<{ job: JobView; audio_path: string }> {
    const dub = await deps.review.dubOf(principal, dubId, 'edit');
    const found = await segmentWithNeighbours(db, dub.id, segmentId);
    if (!found) throw new AppError(reviewErrors.segment_not_found);
    const { segment } = found;
    const text = (request.target_text ?? segment.targetText ?? '').trim();
    if (text === '') throw new AppError(reviewErrors.segment_text_empty);
    // The dub fits its last line against the video's end; an unknown end lets it borrow the usual gap.
    const nextStartMs = found.nextStartMs ?? ((await deps.review.sourceDurationMs(dub)) || null);
    const dubOptions = JSON.parse(dub.options) as DubOptions;
    const options: DubPreviewOptions = {
      dub_id: dub.id,
      segment_id: segment.id,
      text,
      start_ms: segment.startMs,
      end_ms: segment.endMs,
      next_start_ms: nextStartMs,
      speaker: segment.speaker,
      voice: segment.voice,
      dub: { target_language: dubOptions.target_language, ...(dubOptions.voices && { voices: dubOptions.voices }), ...(dubOptions.voice && { voice: dubOptions.voice }) },
    };
    const job = await deps.jobs.submitInternal(principal, { type: 'dub_preview', options, parent: dub }, client);
    await prune(dub.id);
    return { job, audio_path: `/api/jobs/${job.id}/artifacts/${PREVIEW_ARTIFACT}` };
  }

  return { preview };
}

export type LinePreviews = ReturnType<typeof createLinePreviews>;
