import { createHash, randomBytes } from 'node:crypto';
import type { Principal } from '../access/principal.js';
import { listableIds, reachesResource } from '../access/resource-access.js';
import { isUniqueViolation } from '../db/errors.js';
import type { Db } from '../db/types.js';
import { AppError } from '../http/app-error.js';
import { type AuditLog, auditTrail } from '../ops/audit.js';
import type { PrivacyMode } from '../storage/privacy-policy.js';
import type { UploadRow } from '../uploads/store.js';
import { findOwnUpload } from '../uploads/store.js';
import type { JobPlan } from './job-check.js';
import { jobErrors } from './errors.js';
import { groupCommit } from './group-commit.js';
import type { JobTypes, PreparedJob } from './job-types.js';
import { countQueued, countSubmittedSince, findByIdempotencyKey, findJob, insertEvents, insertJobs, type JobRow, listJobs, requestCancel, tagsOf } from './store.js';
import type { QueueSignal } from './queue-signal.js';
import { type JobView, viewOf } from './view.js';
import { decodeKeysetCursor, encodeKeysetCursor, type KeysetPosition } from '../db/keyset-cursor.js';

export interface JobRequest {
  readonly type: string;
  readonly options: unknown;
  readonly tags?: readonly string[];
  /** This job's own privacy mode; absent: the owner's preference, else the server's default. */
  readonly privacy_mode?: PrivacyMode;
}

interface ClientInfo {
  readonly ip: string;
  readonly requestId: string;
}

export interface JobServiceDeps {
  readonly db: Db;
  readonly types: JobTypes;
  readonly caps: { readonly maxQueued: number; readonly maxQueuedPerUser: number; readonly dailyQuota: number };
  readonly audit: AuditLog;
  readonly now: () => Date;
  /** Where accepted uploads are kept, for a type's check of what its inputs hold. */
  /** An upload's bytes (UploadFiles.readAll), for a job type's submission check. */
  readonly readUpload: (uploadId: string) => Promise<Buffer>;
  /** Told after jobs are committed as queued, so a worker in this process starts them at once. */
  readonly signal?: QueueSignal;
  /** The privacy mode a new job runs under (SettingsService.privacyModeFor); throws an AppError for a mode the server refuses. */
  readonly privacyMode: (userId: string, requested: PrivacyMode | undefined) => Promise<PrivacyMode>;
}

/** Same key, same body: the canonical JSON of what was asked (key order does not matter). */
function requestHash(request: JobRequest): string {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value) ? value.map(canonical) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)])) : value;
  return createHash('sha256').update(JSON.stringify(canonical({ type: request.type, options: request.options, tags: [...(request.tags ?? [])].sort(), privacy_mode: request.privacy_mode ?? null }))).digest('hex');
}

const JOB_ID = /^[0-9a-f]{32}$/;
/** At most this many submissions share one transaction. */
const SUBMISSIONS_PER_COMMIT = 32;

/** One request's jobs with their tags, stored all or none. */
type Submission = ReadonlyArray<{ row: JobRow; tags: readonly string[] }>;

/**
 * Jobs as their owners see them: submission (type and options checked, inputs
 * owned and accepted, quotas and queue caps, Idempotency-Key), listing,
 * reading, cancelling. Everything a job could fail for that is known at
 * submission is refused then, with a stable code.
 */
export function createJobService(deps: JobServiceDeps) {
  const { db } = deps;

  function prepare(request: JobRequest, from: { internal?: boolean } = {}): PreparedJob {
    const prepared = deps.types.prepare(request.type, request.options, from);
    if (!prepared.ok) throw new AppError(jobErrors[prepared.code], prepared.detail ? `${jobErrors[prepared.code].message} ${prepared.detail}` : undefined);
    return prepared.job;
  }

  /**
   * Inputs the caller owns, accepted and of the right kind; then whether this
   * server can run the type at all; then the type's own check of what its
   * inputs hold (a dub's imports), which may skip stages.
   */
  async function checkRunnable(userId: string, job: PreparedJob): Promise<JobPlan> {
    const found = new Map<string, UploadRow>();
    for (const input of job.inputs) {
      const upload = await findOwnUpload(db, userId, input.uploadId);
      if (!upload) throw new AppError(jobErrors.input_not_found);
      if (upload.status === 'rejected') throw new AppError(jobErrors.input_rejected);
      if (upload.status !== 'accepted') throw new AppError(jobErrors.input_not_ready, undefined, { retryAfterSeconds: 5 });
      if (!(input.kinds as readonly string[]).includes(upload.kind)) throw new AppError(jobErrors.input_wrong_kind);
      found.set(upload.id, upload);
    }
    if (job.unavailable) throw new AppError(jobErrors.job_type_unavailable);
    if (!job.check) return { skippedStages: [] };
    return job.check({
      userId,
      async input(uploadId) {
        const upload = found.get(uploadId);
        if (!upload) throw new AppError(jobErrors.input_not_found);
        return { filename: upload.filename, media: upload.media ? (JSON.parse(upload.media) as unknown) : undefined, read: () => deps.readUpload(upload.id) };
      },
    });
  }

  /** Quotas and queue caps for `count` new jobs; 429 with Retry-After past any of them. */
  async function admit(userId: string, count: number): Promise<void> {
    const now = deps.now();
    if (deps.caps.dailyQuota > 0) {
      const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
      const used = await countSubmittedSince(db, userId, dayStart.toISOString());
      if (used + count > deps.caps.dailyQuota) {
        const untilMidnight = Math.ceil((dayStart.getTime() + 86_400_000 - now.getTime()) / 1000);
        throw new AppError(jobErrors.job_quota_exceeded, undefined, { retryAfterSeconds: untilMidnight });
      }
    }
    const queued = await countQueued(db, userId);
    if (queued.mine + count > deps.caps.maxQueuedPerUser) throw new AppError(jobErrors.too_many_queued, undefined, { retryAfterSeconds: 60 });
    if (queued.all + count > deps.caps.maxQueued) throw new AppError(jobErrors.queue_full, undefined, { retryAfterSeconds: 60 });
  }

  function newRow(userId: string, job: PreparedJob, plan: JobPlan, privacyMode: PrivacyMode, idempotency?: { key: string; hash: string }, parentId: string | null = null): JobRow {
    const stamp = deps.now().toISOString();
    return {
      id: randomBytes(16).toString('hex'),
      user_id: userId,
      type: job.type,
      class: job.jobClass,
      title: job.title,
      options: JSON.stringify(job.options),
      stages: JSON.stringify(job.stages),
      skipped_stages: plan.skippedStages.length > 0 ? JSON.stringify(plan.skippedStages) : null,
      status: 'queued',
      checkpoint: 0,
      progress: 0,
      attempts: 0,
      run_after: stamp,
      lease_owner: null,
      lease_expires_at: null,
      cancel_requested: 0,
      failure_code: null,
      failure_message: null,
      idempotency_key: idempotency?.key ?? null,
      request_hash: idempotency?.hash ?? null,
      archived: 0,
      render: 1,
      parent_id: parentId,
      notes: null,
      trashed_at: null,
      privacy_mode: privacyMode,
      created_at: stamp,
      started_at: null,
      finished_at: null,
      updated_at: stamp,
    };
  }

  async function insertSubmissions(submissions: readonly Submission[]): Promise<void> {
    const rows = submissions.flat();
    await db.transaction().execute(async (trx) => {
      await insertJobs(trx, rows);
      await insertEvents(trx, deps.now().toISOString(), rows.map(({ row }) => ({ jobId: row.id, kind: 'state', data: { status: 'queued' } })));
    });
  }

  /**
   * Stores one submission's jobs, all or none. Submissions arriving while
   * another is being written share the next transaction (group commit); if
   * that shared write fails (one of them raced another on its
   * Idempotency-Key), each is written alone so only the culprit fails.
   */
  const store = groupCommit<Submission, void>(async (submissions) => {
    try {
      await insertSubmissions(submissions);
      deps.signal?.queued();
      return submissions.map(() => undefined);
    } catch (error) {
      if (submissions.length === 1) throw error;
      const results: Array<undefined | Error> = [];
      for (const submission of submissions) results.push(await insertSubmissions([submission]).then(() => undefined, (alone: unknown) => (alone instanceof Error ? alone : new Error(String(alone)))));
      if (results.includes(undefined)) deps.signal?.queued();
      return results;
    }
  }, SUBMISSIONS_PER_COMMIT);

  const record = auditTrail(deps.audit, 'job');

  async function audited(principal: Principal, rows: readonly JobRow[], client: ClientInfo): Promise<void> {
    for (const row of rows) await record('job.submitted', 'success', principal, client, row.id, { type: row.type });
  }

  async function replay(principal: Principal, key: string, hash: string): Promise<JobView | undefined> {
    const existing = await findByIdempotencyKey(db, principal.userId, key);
    if (!existing) return undefined;
    if (existing.request_hash !== hash) throw new AppError(jobErrors.idempotency_key_reused);
    return view(existing);
  }

  /** One job. With an Idempotency-Key, the same request again gets the same job (`replayed`), a different one 422. */
  async function submit(principal: Principal, request: JobRequest, idempotencyKey: string | undefined, client: ClientInfo): Promise<{ job: JobView; replayed: boolean }> {
    const hash = requestHash(request);
    if (idempotencyKey !== undefined) {
      const earlier = await replay(principal, idempotencyKey, hash);
      if (earlier) return { job: earlier, replayed: true };
    }
    const job = prepare(request);
    const plan = await checkRunnable(principal.userId, job);
    const privacyMode = await deps.privacyMode(principal.userId, request.privacy_mode);
    await admit(principal.userId, 1);
    const row = newRow(principal.userId, job, plan, privacyMode, idempotencyKey === undefined ? undefined : { key: idempotencyKey, hash });
    try {
      await store([{ row, tags: request.tags ?? [] }]);
    } catch (error) {
      // The same key sent twice at once: the loser answers as a replay.
      const earlier = idempotencyKey !== undefined && isUniqueViolation(error) ? await replay(principal, idempotencyKey, hash) : undefined;
      if (earlier) return { job: earlier, replayed: true };
      throw error;
    }
    await audited(principal, [row], client);
    return { job: viewOf(row, request.tags ?? []), replayed: false };
  }

  /**
   * A job of an internal type, made by Sakuga for `request.parent` (a job
   * the caller already reached) and owned by the parent's owner, so whoever
   * may reach the parent reaches it. Queue caps and quotas apply as to any job: a
   * preview costs a process like one.
   */
  async function submitInternal(principal: Principal, request: JobRequest & { readonly parent: JobRow }, client: ClientInfo): Promise<JobView> {
    const job = prepare(request, { internal: true });
    const plan = await checkRunnable(request.parent.user_id, job);
    await admit(request.parent.user_id, 1);
    // What is made for a job is kept as that job's mode says.
    const row = newRow(request.parent.user_id, job, plan, request.parent.privacy_mode, undefined, request.parent.id);
    await store([{ row, tags: [] }]);
    await audited(principal, [row], client);
    return viewOf(row, []);
  }

  /** Several jobs, all or none: every one is checked before any is stored. */
  async function submitBatch(principal: Principal, requests: readonly JobRequest[], client: ClientInfo): Promise<JobView[]> {
    const prepared: Array<{ row: JobRow; tags: readonly string[] }> = [];
    for (const [index, request] of requests.entries()) {
      try {
        const job = prepare(request);
        const plan = await checkRunnable(principal.userId, job);
        prepared.push({ row: newRow(principal.userId, job, plan, await deps.privacyMode(principal.userId, request.privacy_mode)), tags: request.tags ?? [] });
      } catch (error) {
        if (error instanceof AppError) throw new AppError({ code: error.code, status: error.status, message: error.message }, `jobs[${index}]: ${error.message}`, { retryAfterSeconds: error.retryAfterSeconds });
        throw error;
      }
    }
    await admit(principal.userId, prepared.length);
    await store(prepared);
    await audited(principal, prepared.map(({ row }) => row), client);
    return prepared.map(({ row, tags }) => viewOf(row, tags));
  }

  /**
   * A job the principal may act on; anyone else's (admins excepted) is 404,
   * like a missing one. `write` is cancelling (`submit:job`: a key naming one
   * job may read it, or edit it in review, not cancel it); `edit` is review.
   */
  async function reach(principal: Principal, id: string, action: 'read' | 'write' | 'edit'): Promise<JobRow> {
    const row = JOB_ID.test(id) ? await findJob(db, id) : undefined;
    const permission = action === 'read' ? 'jobs:read' : action === 'write' ? 'jobs:submit' : 'review:edit';
    const resourceAction = action === 'read' ? 'read' : 'write';
    const reaches = (target: string) => reachesResource(principal, permission, { type: 'job', id: target, action: resourceAction });
    // A job made for another (a dub's line preview) is reached through its parent too: a key bound to the dub can hear what it asked for.
    const scoped = row && (reaches(id) || (row.parent_id !== null && reaches(row.parent_id)));
    if (!row || (row.user_id !== principal.userId && principal.role !== 'admin') || !scoped) {
      throw new AppError(jobErrors.job_not_found);
    }
    return row;
  }

  async function view(row: JobRow): Promise<JobView> {
    return viewOf(row, (await tagsOf(db, [row.id])).get(row.id) ?? []);
  }

  async function list(principal: Principal, query: { status?: JobRow['status']; type?: string; text?: string; tag?: string; archived?: boolean; cursor?: string; limit?: number }) {
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const limit = query.limit ?? 50;
    const onlyIds = listableIds(principal, 'jobs:read', 'job', 'read');
    // Internal jobs (line previews) belong to their parent's page; a list shows them only when asked for by type.
    const exceptTypes = query.type === undefined ? deps.types.internal : [];
    const rows = await listJobs(db, { userId: principal.userId, ...query, exceptTypes, archived: query.archived ?? false, ...(onlyIds && { onlyIds }), ...(after && { after }), limit: limit + 1 });
    const page = rows.slice(0, limit);
    const tags = await tagsOf(db, page.map((row) => row.id));
    const last = page.at(-1);
    return { jobs: page.map((row) => viewOf(row, tags.get(row.id) ?? [])), ...(rows.length > limit && last && { next_cursor: encodeKeysetCursor(last) }) };
  }

  /** Idempotent: a queued job ends at once, a running one within seconds, a finished one stays as it is. */
  async function cancel(principal: Principal, id: string, client: ClientInfo): Promise<JobView> {
    const row = await reach(principal, id, 'write');
    const stamp = deps.now().toISOString();
    const outcome = await requestCancel(db, row.id, stamp);
    if (outcome === 'cancelled') await insertEvents(db, stamp, [{ jobId: row.id, kind: 'state', data: { status: 'cancelled' } }]);
    if (outcome !== 'finished') {
      await record('job.cancelled', 'success', principal, client, row.id, { was: row.status });
    }
    return view((await findJob(db, row.id))!);
  }

  return {
    submit,
    submitInternal,
    submitBatch,
    list,
    cancel,
    get: async (principal: Principal, id: string) => view(await reach(principal, id, 'read')),
    reach,
  };
}

export type JobService = ReturnType<typeof createJobService>;

function decodeCursor(cursor: string): KeysetPosition {
  const position = decodeKeysetCursor(cursor, JOB_ID);
  if (!position) throw new AppError(jobErrors.invalid_cursor);
  return position;
}
