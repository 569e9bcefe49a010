import { type Kysely, sql } from 'kysely';
import { indexJobs } from '../library/search-index.js';
import type { Database, JobArtifactsTable, JobEventsTable, JobLogsTable, JobsTable, JobStatus } from '../db/types.js';

type Executor = Kysely<Database>;
export type JobRow = JobsTable;

/** A job's stage names (kept as JSON text in the row). */
export const stagesOf = (row: JobRow): string[] => JSON.parse(row.stages) as string[];

/** PostgreSQL returns bigint and some integers as text. */
const artifactRow = (row: JobArtifactsTable): JobArtifactsTable => ({ ...row, size: Number(row.size) });

/**
 * Rows per INSERT: a statement binds at most 32766 values on SQLite (65535 on
 * PostgreSQL), and a job row is about 25; group-committed submissions can
 * bring thousands of rows at once.
 */
const ROWS_PER_INSERT = 500;

function inChunks<T>(rows: readonly T[]): T[][] {
  const chunks: T[][] = [];
  for (let at = 0; at < rows.length; at += ROWS_PER_INSERT) chunks.push(rows.slice(at, at + ROWS_PER_INSERT));
  return chunks;
}

/** Jobs with their tags and their place in the library's search: one statement per table for up to 500 rows (a batch request is one round trip each). */
export async function insertJobs(db: Executor, jobs: ReadonlyArray<{ row: JobsTable; tags: readonly string[] }>): Promise<void> {
  for (const chunk of inChunks(jobs.map(({ row }) => row))) await db.insertInto('jobs').values(chunk).execute();
  const tags = jobs.flatMap(({ row, tags }) => tags.map((tag) => ({ job_id: row.id, tag })));
  for (const chunk of inChunks(tags)) await db.insertInto('job_tags').values(chunk).execute();
  await indexJobs(db, jobs.map(({ row, tags }) => ({ jobId: row.id, title: row.title, notes: row.notes, tags })), { fresh: true });
}

export async function findJob(db: Executor, id: string): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findByIdempotencyKey(db: Executor, userId: string, key: string): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').selectAll().where('user_id', '=', userId).where('idempotency_key', '=', key).executeTakeFirst();
}

export async function tagsOf(db: Executor, jobIds: readonly string[]): Promise<Map<string, string[]>> {
  const tags = new Map<string, string[]>();
  if (jobIds.length === 0) return tags;
  const rows = await db.selectFrom('job_tags').select(['job_id', 'tag']).where('job_id', 'in', jobIds).orderBy('tag').execute();
  for (const row of rows) tags.set(row.job_id, [...(tags.get(row.job_id) ?? []), row.tag]);
  return tags;
}

export interface JobFilter {
  readonly userId: string;
  readonly status?: JobStatus;
  readonly type?: string;
  /** Types left out (internal ones, unless the caller asked for one by `type`). */
  readonly exceptTypes?: readonly string[];
  /** Matched against the title, as plain text (no wildcards of the caller's). */
  readonly text?: string;
  readonly tag?: string;
  readonly archived: boolean;
  /** Only these ids (a key whose scopes name single jobs). */
  readonly onlyIds?: readonly string[];
  /** Continue after this (created_at, id), newest first. */
  readonly after?: { readonly createdAt: string; readonly id: string };
  readonly limit: number;
}

/** One user's jobs, newest first, a page at a time (keyset pagination: stable while jobs are added). */
export async function listJobs(db: Executor, filter: JobFilter): Promise<JobRow[]> {
  let query = db.selectFrom('jobs').selectAll('jobs').where('jobs.user_id', '=', filter.userId).where('jobs.archived', '=', filter.archived ? 1 : 0).where('jobs.trashed_at', 'is', null);
  if (filter.status) query = query.where('jobs.status', '=', filter.status);
  if (filter.type) query = query.where('jobs.type', '=', filter.type);
  if (filter.exceptTypes && filter.exceptTypes.length > 0) query = query.where('jobs.type', 'not in', [...filter.exceptTypes]);
  if (filter.text) {
    const pattern = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where(sql<boolean>`lower(jobs.title) like lower(${pattern}) escape '\\'`);
  }
  if (filter.tag) {
    const tag = filter.tag;
    query = query.where((eb) => eb.exists(eb.selectFrom('job_tags').select('job_tags.job_id').whereRef('job_tags.job_id', '=', 'jobs.id').where('job_tags.tag', '=', tag)));
  }
  if (filter.onlyIds) query = query.where('jobs.id', 'in', filter.onlyIds.length > 0 ? [...filter.onlyIds] : ['']);
  if (filter.after) {
    const { createdAt, id } = filter.after;
    query = query.where((eb) => eb.or([eb('jobs.created_at', '<', createdAt), eb.and([eb('jobs.created_at', '=', createdAt), eb('jobs.id', '<', id)])]));
  }
  return query.orderBy('jobs.created_at', 'desc').orderBy('jobs.id', 'desc').limit(filter.limit).execute();
}

/** The jobs of one type made for `parentId`, newest first. */
export async function childJobs(db: Executor, parentId: string, type: string): Promise<Array<Pick<JobRow, 'id' | 'status'>>> {
  return db.selectFrom('jobs').select(['id', 'status']).where('parent_id', '=', parentId).where('type', '=', type).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

/** Removes finished jobs (their events, logs, tags and artifact rows go with them); a job still queued or running is left alone. */
export async function deleteFinishedJobs(db: Executor, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.deleteFrom('jobs').where('id', 'in', [...ids]).where('status', 'in', ['succeeded', 'failed', 'cancelled']).returning('id').execute();
  return rows.map((row) => row.id);
}

/** Jobs waiting, server-wide and of one user, in one pass. */
export async function countQueued(db: Executor, userId: string): Promise<{ all: number; mine: number }> {
  const row = await db
    .selectFrom('jobs')
    .select((eb) => [eb.fn.countAll<string | number>().as('all'), eb.fn.sum<string | number | null>(eb.case().when('user_id', '=', userId).then(1).else(0).end()).as('mine')])
    .where('status', '=', 'queued')
    .executeTakeFirstOrThrow();
  return { all: Number(row.all), mine: Number(row.mine ?? 0) };
}

export async function countSubmittedSince(db: Executor, userId: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('jobs')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('user_id', '=', userId)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A queued job is cancelled at once; a running one is asked to stop (its worker kills it). */
export async function requestCancel(db: Executor, id: string, now: string): Promise<'cancelled' | 'requested' | 'finished'> {
  const queued = await db.updateTable('jobs').set({ status: 'cancelled', finished_at: now, updated_at: now }).where('id', '=', id).where('status', '=', 'queued').executeTakeFirst();
  if (Number(queued.numUpdatedRows) > 0) return 'cancelled';
  const running = await db.updateTable('jobs').set({ cancel_requested: 1, updated_at: now }).where('id', '=', id).where('status', '=', 'running').executeTakeFirst();
  return Number(running.numUpdatedRows) > 0 ? 'requested' : 'finished';
}

/** What a job's event stream shows: a state, a stage change or progress, with its data. */
export interface JobEvent {
  readonly jobId: string;
  readonly kind: JobEventsTable['kind'];
  readonly data: Readonly<Record<string, unknown>>;
}

/** Records events, in order, a statement per 500 (their ids are the SSE ids). */
export async function insertEvents(db: Executor, createdAt: string, events: readonly JobEvent[]): Promise<void> {
  const rows = events.map((event) => ({ job_id: event.jobId, kind: event.kind, data: JSON.stringify(event.data), created_at: createdAt }));
  for (const chunk of inChunks(rows)) await db.insertInto('job_events').values(chunk).execute();
}

export async function eventsAfter(db: Executor, jobId: string, afterId: number, limit = 500): Promise<Array<{ id: number; kind: string; data: string }>> {
  const rows = await db.selectFrom('job_events').select(['id', 'kind', 'data']).where('job_id', '=', jobId).where('id', '>', afterId).orderBy('id').limit(limit).execute();
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

export async function insertLogs(db: Executor, entries: ReadonlyArray<Omit<JobLogsTable, 'id'>>): Promise<void> {
  if (entries.length > 0) await db.insertInto('job_logs').values([...entries]).execute();
}

export async function countLogs(db: Executor, jobId: string): Promise<number> {
  const row = await db.selectFrom('job_logs').select((eb) => eb.fn.countAll<string | number>().as('n')).where('job_id', '=', jobId).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function logsAfter(db: Executor, jobId: string, afterId: number, limit: number) {
  const rows = await db.selectFrom('job_logs').select(['id', 'level', 'msg', 'fields', 'created_at']).where('job_id', '=', jobId).where('id', '>', afterId).orderBy('id').limit(limit).execute();
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

/** Recorded with the checkpoint; a stage that runs again replaces its own artifacts instead of adding twins. */
export async function upsertArtifacts(db: Executor, rows: readonly JobArtifactsTable[]): Promise<void> {
  for (const row of rows) {
    await db
      .insertInto('job_artifacts')
      .values(row)
      .onConflict((oc) => oc.columns(['job_id', 'name']).doUpdateSet({ stage: row.stage, size: row.size, sha256: row.sha256, created_at: row.created_at }))
      .execute();
  }
}

export async function listArtifacts(db: Executor, jobId: string): Promise<JobArtifactsTable[]> {
  const rows = await db.selectFrom('job_artifacts').selectAll().where('job_id', '=', jobId).orderBy('stage').orderBy('name').execute();
  return rows.map(artifactRow);
}

export async function findArtifact(db: Executor, jobId: string, name: string): Promise<JobArtifactsTable | undefined> {
  const row = await db.selectFrom('job_artifacts').selectAll().where('job_id', '=', jobId).where('name', '=', name).executeTakeFirst();
  return row && artifactRow(row);
}

/** Records frame `seq` as the job's preview (its bytes are in the blob store). */
export async function savePreview(db: Executor, preview: { jobId: string; seq: number; mediaType: string; createdAt: string }): Promise<void> {
  const values = { seq: preview.seq, media_type: preview.mediaType, created_at: preview.createdAt };
  await db
    .insertInto('job_previews')
    .values({ job_id: preview.jobId, ...values })
    .onConflict((oc) => oc.column('job_id').doUpdateSet(values))
    .execute();
}

export async function findPreview(db: Executor, jobId: string): Promise<{ seq: number; mediaType: string } | undefined> {
  const row = await db.selectFrom('job_previews').select(['seq', 'media_type']).where('job_id', '=', jobId).executeTakeFirst();
  return row && { seq: Number(row.seq), mediaType: row.media_type };
}

export async function deletePreview(db: Executor, jobId: string): Promise<void> {
  await db.deleteFrom('job_previews').where('job_id', '=', jobId).execute();
}
