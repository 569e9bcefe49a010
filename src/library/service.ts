import { rm } from 'node:fs/promises';
import { join } from 'node:path';
/** Who asked, for the audit. */
type ClientInfo = { readonly ip: string; readonly requestId: string };
import type { Principal } from '../access/principal.js';
import { decodeKeysetCursor, encodeKeysetCursor } from '../db/keyset-cursor.js';
import type { Db } from '../db/types.js';
import { AppError } from '../http/app-error.js';
import type { ArtifactStore } from '../jobs/artifacts.js';
import { jobErrors } from '../jobs/errors.js';
import type { JobService } from '../jobs/service.js';
import { type JobRow, tagsOf } from '../jobs/store.js';
import { viewOf } from '../jobs/view.js';
import { type AuditLog, auditTrail } from '../ops/audit.js';
import { backupSurvival, combineShreds, type ShredReport } from '../storage/shred-report.js';
import { libraryErrors } from './errors.js';
import { indexJobs, unindexJob } from './search-index.js';
import { jobFamily, type LibraryView, listLibrary, replaceTags, setArchived, setNotesAndTitle, setTrashed, trashedBefore } from './store.js';

const JOB_ID = /^[0-9a-f]{32}$/;
const DEFAULT_PAGE = 20;
const DAY_MS = 86_400_000;
/** Types that are part of another job, never items of their own. */
const PART_TYPES = ['dub_preview'];

export interface LibraryQuery {
  readonly q?: string;
  readonly tag?: string;
  readonly type?: string;
  readonly status?: JobRow['status'];
  readonly view?: LibraryView;
  readonly cursor?: string;
  readonly limit?: number;
}

export interface MetadataChange {
  readonly title?: string;
  readonly notes?: string | null;
  readonly tags?: readonly string[];
}

/** What deleting for good did: the files erased, and until when copies can survive in backups. */
export interface DeletionReport {
  readonly jobs: number;
  readonly files: number;
  readonly encrypted: number;
  readonly backups: string;
}

/**
 * The library over a person's dubs and generations: find (full-text over
 * title, notes and tags; filters), describe (title, tags, notes), put away
 * (archive), throw away (the trash, restorable for TRASH_DAYS) and delete
 * for good (a crypto-shred of every file, where ENABLE_HARD_DELETE allows;
 * the trash ends the same way). Every route reaches a job through the jobs
 * service's ownership check: anyone else's (admins excepted) is a 404.
 */
export function createLibrary(deps: { db: Db; jobs: JobService; artifacts: ArtifactStore; audit: AuditLog; dataDir: string; trashDays: number; hardDelete: boolean; now: () => Date }) {
  const { db } = deps;
  const record = auditTrail(deps.audit, 'job');

  function item(row: JobRow, tags: readonly string[]) {
    const deletesAt = row.trashed_at === null ? null : new Date(Date.parse(row.trashed_at) + deps.trashDays * DAY_MS).toISOString();
    return { ...viewOf(row, tags), notes: row.notes, trashed_at: row.trashed_at, deletes_at: deletesAt };
  }

  async function itemOf(id: string) {
    const row = (await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst())!;
    return item(row, (await tagsOf(db, [id])).get(id) ?? []);
  }

  async function list(principal: Principal, query: LibraryQuery) {
    const limit = query.limit ?? DEFAULT_PAGE;
    const after = query.cursor === undefined ? undefined : decodeKeysetCursor(query.cursor, JOB_ID);
    if (query.cursor !== undefined && !after) throw new AppError(jobErrors.invalid_cursor);
    const rows = await listLibrary(db, {
      userId: principal.userId,
      view: query.view ?? 'active',
      exceptTypes: PART_TYPES,
      ...(query.q !== undefined && { text: query.q }),
      ...(query.tag !== undefined && { tag: query.tag }),
      ...(query.type !== undefined && { type: query.type }),
      ...(query.status !== undefined && { status: query.status }),
      ...(after && { after }),
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const tags = await tagsOf(db, page.map((row) => row.id));
    const last = page.at(-1);
    return { items: page.map((row) => item(row, tags.get(row.id) ?? [])), ...(rows.length > limit && last && { next_cursor: encodeKeysetCursor(last) }) };
  }

  async function describe(principal: Principal, id: string, change: MetadataChange, client: ClientInfo) {
    const row = await deps.jobs.reach(principal, id, 'write');
    const at = deps.now().toISOString();
    await db.transaction().execute(async (trx) => {
      await setNotesAndTitle(trx, row.id, change, at);
      if (change.tags) await replaceTags(trx, row.id, change.tags);
      const tags = change.tags ?? (await tagsOf(trx, [row.id])).get(row.id) ?? [];
      await indexJobs(trx, [{ jobId: row.id, title: change.title ?? row.title, notes: change.notes === undefined ? row.notes : change.notes, tags }]);
    });
    // Which fields changed, never what they say.
    await record('job.described', 'success', principal, client, row.id, { fields: Object.keys(change).sort() });
    return itemOf(row.id);
  }

  async function archive(principal: Principal, id: string, archived: boolean, client: ClientInfo) {
    const row = await deps.jobs.reach(principal, id, 'write');
    await setArchived(db, row.id, archived, deps.now().toISOString());
    await record(archived ? 'job.archived' : 'job.unarchived', 'success', principal, client, row.id);
    return itemOf(row.id);
  }

  async function trash(principal: Principal, id: string, client: ClientInfo) {
    const row = await deps.jobs.reach(principal, id, 'write');
    if (row.status === 'queued' || row.status === 'running') throw new AppError(libraryErrors.job_active);
    const at = deps.now().toISOString();
    if (row.trashed_at === null) await setTrashed(db, row.id, at, at);
    await record('job.trashed', 'success', principal, client, row.id);
    return itemOf(row.id);
  }

  async function restore(principal: Principal, id: string, client: ClientInfo) {
    const row = await deps.jobs.reach(principal, id, 'write');
    if (row.trashed_at === null) throw new AppError(libraryErrors.not_in_trash);
    await setTrashed(db, row.id, null, deps.now().toISOString());
    await record('job.restored', 'success', principal, client, row.id);
    return itemOf(row.id);
  }

  /** Every file of the job and of the jobs made for it, shredded; its kept work dir; then its rows. */
  async function erase(id: string, reason: string): Promise<ShredReport[]> {
    const family = await jobFamily(db, id);
    const reports: ShredReport[] = [];
    for (const jobId of family) {
      reports.push(await deps.artifacts.shredJob(jobId, reason));
      // What a successful dub kept for a re-render (its clips): plaintext, so it goes too.
      await rm(join(deps.dataDir, 'work', jobId), { recursive: true, force: true });
      await unindexJob(db, jobId);
    }
    await db.deleteFrom('jobs').where('id', 'in', family).execute();
    return reports;
  }

  const reportOf = (jobs: number, reports: readonly ShredReport[]): DeletionReport => {
    const shred = combineShreds(reports, deps.now().toISOString());
    return { jobs, files: shred.objects, encrypted: shred.encrypted, backups: backupSurvival(shred) };
  };

  async function deletePermanently(principal: Principal, id: string, client: ClientInfo): Promise<DeletionReport> {
    if (!deps.hardDelete) throw new AppError(libraryErrors.hard_delete_disabled);
    const row = await deps.jobs.reach(principal, id, 'write');
    if (row.status === 'queued' || row.status === 'running') throw new AppError(libraryErrors.job_active);
    const report = reportOf(1, await erase(row.id, 'deleted_by_owner'));
    await record('job.deleted', 'success', principal, client, row.id, { files: report.files, encrypted: report.encrypted });
    return report;
  }

  /** Everything in the person's own trash, deleted for good now (ENABLE_HARD_DELETE, as one delete is). */
  async function emptyOwnTrash(principal: Principal, client: ClientInfo): Promise<DeletionReport> {
    if (!deps.hardDelete) throw new AppError(libraryErrors.hard_delete_disabled);
    // Everything trashed up to this instant: an item trashed by a request racing this one waits for the next empty.
    const due = await trashedBefore(db, new Date(deps.now().getTime() + 1).toISOString(), principal.userId);
    const reports: ShredReport[] = [];
    for (const job of due) reports.push(...(await erase(job.id, 'trash_emptied')));
    const report = reportOf(due.length, reports);
    await deps.audit.record({ action: 'library.trash_emptied', result: 'success', actor: { type: 'user', id: principal.userId }, ip: client.ip, requestId: client.requestId, target: 'library:trash', details: { jobs: report.jobs, files: report.files, encrypted: report.encrypted } });
    return report;
  }

  /** What has been in the trash longer than TRASH_DAYS leaves it for good. Run on a schedule by `serve`. */
  async function emptyTrash(): Promise<DeletionReport> {
    const due = await trashedBefore(db, new Date(deps.now().getTime() - deps.trashDays * DAY_MS).toISOString());
    const reports: ShredReport[] = [];
    for (const job of due) reports.push(...(await erase(job.id, 'trash_expired')));
    const report = reportOf(due.length, reports);
    if (due.length > 0) await deps.audit.record({ action: 'library.trash_emptied', result: 'success', actor: { type: 'system' }, target: 'library:trash', details: { jobs: report.jobs, files: report.files } });
    return report;
  }

  return { list, describe, archive, trash, restore, deletePermanently, emptyOwnTrash, emptyTrash, policy: { trashDays: deps.trashDays, hardDelete: deps.hardDelete } };
}

export type Library = ReturnType<typeof createLibrary>;
