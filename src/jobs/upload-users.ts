import type { Db } from '../db/types.js';
import type { JobTypes } from './job-types.js';
import type { JobRow } from './store.js';

/** The upload ids a job reads, as its type names them (a dub's video and imports). */
export function inputsOf(types: JobTypes, row: Pick<JobRow, 'type' | 'options'>): string[] {
  const prepared = types.prepare(row.type, JSON.parse(row.options) as unknown, { internal: true });
  return prepared.ok ? prepared.job.inputs.map((input) => input.uploadId) : [];
}

/**
 * The owner's jobs that read `uploadId`, but `exceptJobId`. Upload ids are
 * hex, so a LIKE on the stored options (a bound parameter) finds the
 * candidates, and the type's own list of inputs decides.
 */
export async function jobsUsingUpload(db: Db, types: JobTypes, upload: { userId: string; uploadId: string; exceptJobId?: string }): Promise<Array<Pick<JobRow, 'id' | 'status' | 'privacy_mode'>>> {
  let query = db.selectFrom('jobs').select(['id', 'type', 'options', 'status', 'privacy_mode']).where('user_id', '=', upload.userId).where('options', 'like', `%${upload.uploadId}%`);
  if (upload.exceptJobId) query = query.where('id', '!=', upload.exceptJobId);
  const candidates = await query.execute();
  return candidates.filter((row) => inputsOf(types, row).includes(upload.uploadId)).map(({ id, status, privacy_mode }) => ({ id, status, privacy_mode }));
}
