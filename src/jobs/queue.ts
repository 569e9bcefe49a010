import { randomBytes } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database, DialectName, JobArtifactsTable } from '../db/types.js';
import { type Candidate, countStarted, pickNext, type RunningCounts, type SchedulerCaps } from './scheduler.js';
import { insertEvent, type JobRow, upsertArtifacts } from './store.js';

/** Any number: the one PostgreSQL advisory lock that serialises claims, so caps hold across workers. */
const CLAIM_LOCK = 0x5a6b_7c01;

/** A job a worker holds: `lease` fences every write it makes (a reclaimed job refuses the old holder's). */
export interface ClaimedJob {
  readonly row: JobRow;
  readonly lease: string;
}

export class LeaseLost extends Error {
  constructor(readonly jobId: string) {
    super(`the lease on job ${jobId} was lost`);
    this.name = 'LeaseLost';
  }
}

export interface QueueDeps {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  readonly caps: SchedulerCaps;
  readonly leaseMs: number;
  readonly retry: { readonly maxAttempts: number; readonly baseDelayMs: number };
  readonly now: () => Date;
}

const iso = (date: Date) => date.toISOString();
const plus = (date: Date, ms: number) => new Date(date.getTime() + ms).toISOString();

/**
 * The jobs table is the queue. A claim takes the next job the scheduler
 * allows under a lease; the holder heart-beats it, checkpoints after each
 * stage and finishes it, each write conditional on still holding the lease.
 * A lease that runs out puts the job back (it resumes from its checkpoint).
 * SQLite: each claim is one IMMEDIATE write transaction (one writer at a
 * time). PostgreSQL: claims take an advisory lock, so the counts the caps are
 * checked against cannot change underneath, and lock the row FOR UPDATE SKIP
 * LOCKED.
 */
export function createQueue(deps: QueueDeps) {
  const { db } = deps;

  async function runningCounts(trx: Transaction<Database>): Promise<RunningCounts> {
    const rows = await trx.selectFrom('jobs').select(['user_id', 'class', (eb) => eb.fn.countAll<string | number>().as('n')]).where('status', '=', 'running').groupBy(['user_id', 'class']).execute();
    const counts: RunningCounts = { total: 0, gpu: 0, byUser: new Map() };
    for (const row of rows) {
      const n = Number(row.n);
      counts.total += n;
      if (row.class === 'gpu') counts.gpu += n;
      counts.byUser.set(row.user_id, (counts.byUser.get(row.user_id) ?? 0) + n);
    }
    return counts;
  }

  async function candidates(trx: Transaction<Database>, now: string): Promise<Candidate[]> {
    const rows = await trx
      .selectFrom('jobs')
      .leftJoin('job_turns', 'job_turns.user_id', 'jobs.user_id')
      .select(['jobs.user_id', 'jobs.class', (eb) => eb.fn.min<string>('jobs.created_at').as('oldest'), (eb) => eb.fn.max<string | null>('job_turns.last_claim_at').as('last_turn')])
      .where('jobs.status', '=', 'queued')
      .where('jobs.run_after', '<=', now)
      .groupBy(['jobs.user_id', 'jobs.class'])
      .execute();
    return rows.map((row) => ({ userId: row.user_id, jobClass: row.class, createdAt: row.oldest, lastTurn: row.last_turn ?? '' }));
  }

  /** Records whose turn it was; `turn` orders claims within one transaction (same timestamp). */
  async function takeTurn(trx: Transaction<Database>, userId: string, turn: string): Promise<void> {
    await trx
      .insertInto('job_turns')
      .values({ user_id: userId, last_claim_at: turn })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ last_claim_at: turn }))
      .execute();
  }

  async function oldestOf(trx: Transaction<Database>, pick: Candidate, now: string): Promise<string | undefined> {
    let query = trx
      .selectFrom('jobs')
      .select('id')
      .where('status', '=', 'queued')
      .where('user_id', '=', pick.userId)
      .where('class', '=', pick.jobClass)
      .where('run_after', '<=', now)
      .orderBy('created_at')
      .orderBy('id')
      .limit(1);
    if (deps.dialect === 'postgres') query = query.forUpdate().skipLocked();
    return (await query.executeTakeFirst())?.id;
  }

  /** Claims up to `max` jobs for `worker`, fairly and within the caps. */
  async function claim(worker: string, max: number): Promise<ClaimedJob[]> {
    const now = deps.now();
    const stamp = iso(now);
    return db.transaction().execute(async (trx) => {
      if (deps.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${CLAIM_LOCK})`.execute(trx);
      const running = await runningCounts(trx);
      let waiting = await candidates(trx, stamp);
      const claimed: ClaimedJob[] = [];
      while (claimed.length < max) {
        const pick = pickNext(waiting, running, deps.caps);
        if (!pick) break;
        const id = await oldestOf(trx, pick, stamp);
        waiting = waiting.filter((candidate) => candidate !== pick);
        if (!id) continue;
        const lease = `${worker}/${randomBytes(8).toString('hex')}`;
        const row = await trx
          .updateTable('jobs')
          .set((eb) => ({
            status: 'running',
            lease_owner: lease,
            lease_expires_at: plus(now, deps.leaseMs),
            attempts: eb('attempts', '+', 1),
            started_at: eb.fn.coalesce('started_at', eb.val(stamp)),
            updated_at: stamp,
          }))
          .where('id', '=', id)
          .where('status', '=', 'queued')
          .returningAll()
          .executeTakeFirst();
        if (!row) continue;
        countStarted(running, pick);
        const turn = `${stamp}~${String(claimed.length).padStart(4, '0')}`;
        await takeTurn(trx, pick.userId, turn);
        await insertEvent(trx, { job_id: id, kind: 'state', data: JSON.stringify({ status: 'running', attempt: row.attempts, worker }), created_at: stamp });
        claimed.push({ row, lease });
        // The same user's next job in this class is a candidate now.
        const next = await trx
          .selectFrom('jobs')
          .select('created_at')
          .where('status', '=', 'queued')
          .where('user_id', '=', pick.userId)
          .where('class', '=', pick.jobClass)
          .where('run_after', '<=', stamp)
          .orderBy('created_at')
          .limit(1)
          .executeTakeFirst();
        if (next) waiting.push({ ...pick, createdAt: next.created_at, lastTurn: turn });
        // This user's other class, if waiting, now has a later turn too.
        waiting = waiting.map((candidate) => (candidate.userId === pick.userId ? { ...candidate, lastTurn: turn } : candidate));
      }
      return claimed;
    });
  }

  /**
   * Extends the leases of the jobs a worker holds. Returns the ones still
   * held, and which of those were asked to cancel; a job missing from the
   * answer was taken back (the worker must stop it at once).
   */
  async function heartbeat(leases: readonly string[]): Promise<{ held: Set<string>; cancel: Set<string> }> {
    if (leases.length === 0) return { held: new Set(), cancel: new Set() };
    const now = deps.now();
    const rows = await db
      .updateTable('jobs')
      .set({ lease_expires_at: plus(now, deps.leaseMs) })
      .where('lease_owner', 'in', [...leases])
      .where('status', '=', 'running')
      .returning(['lease_owner', 'cancel_requested'])
      .execute();
    return { held: new Set(rows.map((row) => row.lease_owner!)), cancel: new Set(rows.filter((row) => row.cancel_requested === 1).map((row) => row.lease_owner!)) };
  }

  /** Records a finished stage (and its artifacts) for good: a resumed run starts after it. */
  async function checkpoint(job: ClaimedJob, stage: number, artifacts: readonly Omit<JobArtifactsTable, 'job_id' | 'created_at'>[]): Promise<void> {
    const stamp = iso(deps.now());
    const stages = (JSON.parse(job.row.stages) as string[]).length;
    await db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('jobs')
        .set({ checkpoint: stage + 1, progress: (stage + 1) / stages, updated_at: stamp })
        .where('id', '=', job.row.id)
        .where('lease_owner', '=', job.lease)
        .where('status', '=', 'running')
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) throw new LeaseLost(job.row.id);
      await upsertArtifacts(trx, artifacts.map((artifact) => ({ ...artifact, job_id: job.row.id, created_at: stamp })));
      await insertEvent(trx, { job_id: job.row.id, kind: 'stage', data: JSON.stringify({ index: stage, status: 'done', progress: (stage + 1) / stages }), created_at: stamp });
    });
  }

  type Ending =
    | { readonly outcome: 'succeeded' }
    | { readonly outcome: 'cancelled' }
    | { readonly outcome: 'failed'; readonly code: string; readonly message: string; readonly transient: boolean };

  /**
   * Ends a run. A transient failure with attempts left goes back to the queue
   * after a doubling backoff, keeping its checkpoint; anything else is final.
   * Returns the job's new status, or undefined when the lease was already lost.
   */
  async function finish(job: ClaimedJob, ending: Ending): Promise<JobRow['status'] | undefined> {
    const now = deps.now();
    const stamp = iso(now);
    const retry = ending.outcome === 'failed' && ending.transient && job.row.attempts < deps.retry.maxAttempts;
    const status = retry ? 'queued' : ending.outcome;
    return db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('jobs')
        .set({
          status,
          lease_owner: null,
          lease_expires_at: null,
          updated_at: stamp,
          ...(ending.outcome === 'succeeded' && { progress: 1 }),
          ...(ending.outcome === 'failed' && { failure_code: ending.code, failure_message: ending.message }),
          ...(retry ? { run_after: plus(now, deps.retry.baseDelayMs * 2 ** (job.row.attempts - 1)) } : { finished_at: stamp }),
        })
        .where('id', '=', job.row.id)
        .where('lease_owner', '=', job.lease)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return undefined;
      const failure = ending.outcome === 'failed' ? { code: ending.code, message: ending.message } : undefined;
      await insertEvent(trx, { job_id: job.row.id, kind: 'state', data: JSON.stringify({ status, ...(failure && { failure }), ...(retry && { retry: true }) }), created_at: stamp });
      return status;
    });
  }

  /** The overall progress of a running job, for lists (events carry the detail). */
  async function progress(job: ClaimedJob, value: number): Promise<void> {
    const updated = await db.updateTable('jobs').set({ progress: value, updated_at: iso(deps.now()) }).where('id', '=', job.row.id).where('lease_owner', '=', job.lease).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw new LeaseLost(job.row.id);
  }

  /** Gives a job back at once without counting the run (the worker is shutting down). */
  async function release(job: ClaimedJob): Promise<void> {
    const stamp = iso(deps.now());
    await db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('jobs')
        .set((eb) => ({ status: 'queued', lease_owner: null, lease_expires_at: null, run_after: stamp, attempts: eb('attempts', '-', 1), updated_at: stamp }))
        .where('id', '=', job.row.id)
        .where('lease_owner', '=', job.lease)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) > 0) await insertEvent(trx, { job_id: job.row.id, kind: 'state', data: JSON.stringify({ status: 'queued', released: true }), created_at: stamp });
    });
  }

  /**
   * Takes back jobs whose worker stopped heart-beating: queued again to resume
   * from their checkpoint, or failed `worker_lost` when out of attempts.
   * Returns the ids requeued and failed.
   */
  async function reapExpired(): Promise<{ requeued: string[]; failed: string[] }> {
    const stamp = iso(deps.now());
    return db.transaction().execute(async (trx) => {
      const expired = await trx.selectFrom('jobs').select(['id', 'attempts']).where('status', '=', 'running').where('lease_expires_at', '<', stamp).execute();
      const requeued: string[] = [];
      const failed: string[] = [];
      for (const job of expired) {
        const lastTry = job.attempts >= deps.retry.maxAttempts;
        await trx
          .updateTable('jobs')
          .set(
            lastTry
              ? { status: 'failed', failure_code: 'worker_lost', failure_message: 'The worker running this job stopped responding too many times.', lease_owner: null, lease_expires_at: null, finished_at: stamp, updated_at: stamp }
              : { status: 'queued', lease_owner: null, lease_expires_at: null, run_after: stamp, updated_at: stamp },
          )
          .where('id', '=', job.id)
          .where('status', '=', 'running')
          .execute();
        await insertEvent(trx, { job_id: job.id, kind: 'state', data: JSON.stringify(lastTry ? { status: 'failed', failure: { code: 'worker_lost' } } : { status: 'queued', resumed: true }), created_at: stamp });
        (lastTry ? failed : requeued).push(job.id);
      }
      return { requeued, failed };
    });
  }

  return { claim, heartbeat, checkpoint, progress, finish, release, reapExpired };
}

export type Queue = ReturnType<typeof createQueue>;
