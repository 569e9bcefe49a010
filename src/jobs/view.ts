import type { Static } from 'typebox';
import type { JobSchema } from './schemas.js';
import { type JobRow, stagesOf } from './store.js';

/** The job as the API shows it; its schema (schemas.ts) is the one source. */
export type JobView = Static<typeof JobSchema>;

/** A job as the API shows it: stage states from the checkpoint, never its lease or idempotency data. */
export function viewOf(row: JobRow, tags: readonly string[]): JobView {
  const names = stagesOf(row);
  const skipped = new Set(row.skipped_stages ? (JSON.parse(row.skipped_stages) as string[]) : []);
  return {
    id: row.id,
    type: row.type,
    title: row.title,
    status: row.status,
    options: JSON.parse(row.options) as unknown,
    tags: [...tags],
    stages: names.map((name, index) => ({
      name,
      status: skipped.has(name) ? 'skipped' : index < row.checkpoint || row.status === 'succeeded' ? 'done' : index === row.checkpoint && row.status === 'running' ? 'running' : 'pending',
    })),
    progress: Number(row.progress),
    attempts: row.attempts,
    ...(row.failure_code !== null && { failure: { code: row.failure_code, message: row.failure_message ?? '' } }),
    cancel_requested: row.cancel_requested === 1,
    archived: row.archived === 1,
    render: Number(row.render),
    privacy_mode: row.privacy_mode,
    created_at: row.created_at,
    started_at: row.started_at,
    finished_at: row.finished_at,
  };
}
