import type { Principal } from '../../access/principal.js';
import type { Db } from '../../db/types.js';
import { AppError } from '../../http/app-error.js';
import type { ArtifactStore } from '../../jobs/artifacts.js';
import { findArtifact } from '../../jobs/store.js';
import { isQaReport, type QaReportBody } from '../qa-schema.js';
import { reviewErrors } from './errors.js';
import type { SegmentReview } from './service.js';

/** A QA report is a few KiB a minute of film; far larger is not one. */
const QA_MAX_BYTES = 16 * 1024 * 1024;

/** The QA report of a dub's current render (`qa.json`, checked by the worker when the qa stage produced it). */
export function createQaReports(deps: { db: Db; review: SegmentReview; artifacts: ArtifactStore }) {
  async function current(principal: Principal, jobId: string): Promise<QaReportBody> {
    await deps.review.dubOf(principal, jobId, 'read');
    const row = await findArtifact(deps.db, jobId, 'qa.json');
    if (!row) throw new AppError(reviewErrors.qa_not_ready);
    const text = await deps.artifacts.text(jobId, 'qa.json', QA_MAX_BYTES);
    const report: unknown = text === undefined ? undefined : JSON.parse(text);
    // Checked again: a report is served only as the schema describes it.
    if (!isQaReport(report)) throw new AppError(reviewErrors.qa_not_ready);
    return report;
  }

  return { current };
}

export type QaReports = ReturnType<typeof createQaReports>;
