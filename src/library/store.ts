import type { Db } from '../db/types.js';
import type { KeysetPosition } from '../db/keyset-cursor.js';
import type { JobRow } from '../jobs/store.js';
import { matchingJobIds } from './search-index.js';

/** Which part of the library: what is in use, what was put away, what is in the trash. */
export type LibraryView = 'active' | 'archived' | 'trash';

export interface LibraryFilter {
  readonly userId: string;
  readonly view: LibraryView;
  readonly text?: string;
  readonly tag?: string;
  readonly type?: string;
  readonly status?: JobRow['status'];
  /** Job types never listed (a dub's line previews belong to the dub). */
  readonly exceptTypes: readonly string[];
  readonly after?: KeysetPosition;
  readonly limit: number;
}

/**
 * One person's library, newest first, a page at a time. The owner is part
 * of the query itself, so no filter, cursor or search reaches anyone else's
 * jobs.
 */
export async function listLibrary(db: Db, filter: LibraryFilter): Promise<JobRow[]> {
  let query = db.selectFrom('jobs').selectAll('jobs').where('jobs.user_id', '=', filter.userId).where('jobs.parent_id', 'is', null);
  if (filter.view === 'trash') query = query.where('jobs.trashed_at', 'is not', null);
  else query = query.where('jobs.trashed_at', 'is', null).where('jobs.archived', '=', filter.view === 'archived' ? 1 : 0);
  if (filter.exceptTypes.length > 0) query = query.where('jobs.type', 'not in', [...filter.exceptTypes]);
  if (filter.type) query = query.where('jobs.type', '=', filter.type);
  if (filter.status) query = query.where('jobs.status', '=', filter.status);
  if (filter.tag) {
    const tag = filter.tag;
    query = query.where((eb) => eb.exists(eb.selectFrom('job_tags').select('job_tags.job_id').whereRef('job_tags.job_id', '=', 'jobs.id').where('job_tags.tag', '=', tag)));
  }
  const matching = filter.text === undefined ? undefined : matchingJobIds(db, filter.text);
  if (filter.text !== undefined) query = matching ? query.where('jobs.id', 'in', matching) : query.where('jobs.id', '=', '');
  if (filter.after) {
    const { createdAt, id } = filter.after;
    query = query.where((eb) => eb.or([eb('jobs.created_at', '<', createdAt), eb.and([eb('jobs.created_at', '=', createdAt), eb('jobs.id', '<', id)])]));
  }
  return query.orderBy('jobs.created_at', 'desc').orderBy('jobs.id', 'desc').limit(filter.limit).execute();
}

export async function setNotesAndTitle(db: Db, id: string, change: { title?: string; notes?: string | null }, now: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ ...(change.title !== undefined && { title: change.title }), ...(change.notes !== undefined && { notes: change.notes }), updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function replaceTags(db: Db, id: string, tags: readonly string[]): Promise<void> {
  await db.deleteFrom('job_tags').where('job_id', '=', id).execute();
  if (tags.length > 0) await db.insertInto('job_tags').values(tags.map((tag) => ({ job_id: id, tag }))).execute();
}

export async function setArchived(db: Db, id: string, archived: boolean, now: string): Promise<void> {
  await db.updateTable('jobs').set({ archived: archived ? 1 : 0, updated_at: now }).where('id', '=', id).execute();
}

export async function setTrashed(db: Db, id: string, trashedAt: string | null, now: string): Promise<void> {
  await db.updateTable('jobs').set({ trashed_at: trashedAt, updated_at: now }).where('id', '=', id).execute();
}

/** Jobs in the trash since before `cutoff`: due to leave it for good. */
/** Jobs in the trash since before `cutoff`, or (with `userId`) everything in that person's trash. */
export async function trashedBefore(db: Db, cutoff: string, userId?: string): Promise<Array<Pick<JobRow, 'id' | 'user_id'>>> {
  let query = db.selectFrom('jobs').select(['id', 'user_id']).where('trashed_at', 'is not', null).where('trashed_at', '<', cutoff);
  if (userId !== undefined) query = query.where('user_id', '=', userId);
  return query.execute();
}

/** A job and the jobs made for it (a dub's line previews): every id whose files go with it. */
export async function jobFamily(db: Db, id: string): Promise<string[]> {
  const children = await db.selectFrom('jobs').select('id').where('parent_id', '=', id).execute();
  return [id, ...children.map((row) => row.id)];
}
