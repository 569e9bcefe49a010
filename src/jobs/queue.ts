import { randomBytes } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database, DialectName, JobArtifactsTable } from '../db/types.js';
import { groupCommit } from './group-commit.js';
import { type Candidate, countStarted, pickNext, type RunningCounts, type SchedulerCaps } from './scheduler.js';
import { insertEvents, type JobEvent, type JobRow, stagesOf, upsertArtifacts } from './store.js';

/** At most this many checkpoints share one transaction. */
const CHECKPOINTS_PER_COMMIT = 64;

/** Any number: the one PostgreSQL advisory lock that serialises claims, so caps hold across workers. */
const CLAIM_LOCK = 0x5a6b_7c01;

/** A job a worker holds: `lease` fences every write it makes (a reclaimed job refuses the old holder's). */
export interface ClaimedJob {
  readonly row: JobRow;
  readonly lease: string;
}

/** A stage a job finished, with what it produced. */
interface StageDone {
  readonly job: ClaimedJob;
  readonly stage: number;
  readonly artifacts: readonly Omit<JobArtifactsTable, 'job_id' | 'created_at'>[];
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

  /**
   * The first `max` claimable jobs of each user in each class, oldest first,
   * with when each user last had a turn: everything the scheduler needs for
   * a whole batch, in two queries.
   */
  async function waitingJobs(trx: Transaction<Database>, now: string, max: number) {
    const ranked = trx
      .selectFrom('jobs')
      .select(['id', 'user_id', 'class', 'created_at', (eb) => eb.fn.agg<number>('row_number').over((over) => over.partitionBy(['user_id', 'class']).orderBy('created_at').orderBy('id')).as('place')])
      .where('status', '=', 'queued')
      .where('run_after', '<=', now);
    const rows = await trx.selectFrom(ranked.as('ranked')).select(['id', 'user_id', 'class', 'created_at']).where('place', '<=', max).orderBy('created_at').orderBy('id').execute();
    const users = [...new Set(rows.map((row) => row.user_id))];
    const turns = users.length === 0 ? [] : await trx.selectFrom('job_turns').select(['user_id', 'last_claim_at']).where('user_id', 'in', users).execute();
    return { rows, turns: new Map(turns.map((turn) => [turn.user_id, turn.last_claim_at])) };
  }

  /** Picks up to `max` jobs in the scheduler's order, counting each against the caps as it goes. */
  function pickBatch(waiting: Awaited<ReturnType<typeof waitingJobs>>, running: RunningCounts, max: number, stamp: string) {
    const lines = new Map<string, typeof waiting.rows>();
    for (const row of waiting.rows) lines.set(`${row.user_id} ${row.class}`, [...(lines.get(`${row.user_id} ${row.class}`) ?? []), row]);
    const turns = new Map(waiting.turns);
    const picked: Array<{ id: string; userId: string; turn: string }> = [];
    while (picked.length < max) {
      const heads: Array<Candidate & { line: string }> = [];
      for (const [line, rows] of lines) {
        const head = rows[0];
        if (head) heads.push({ line, userId: head.user_id, jobClass: head.class, createdAt: head.created_at, lastTurn: turns.get(head.user_id) ?? '' });
      }
      const pick = pickNext(heads, running, deps.caps) as (Candidate & { line: string }) | undefined;
      if (!pick) break;
      const row = lines.get(pick.line)!.shift()!;
      countStarted(running, pick);
      // Turns within one batch share a timestamp; the suffix keeps their order.
      const turn = `${stamp}~${String(picked.length).padStart(4, '0')}`;
      turns.set(pick.userId, turn);
      picked.push({ id: row.id, userId: pick.userId, turn });
    }
    return picked;
  }

  /**
   * Claims up to `max` jobs for `worker`, fairly and within the caps, in one
   * transaction whatever the batch size: the scheduler picks from the
   * waiting jobs in memory, then one UPDATE takes them all under one lease
   * token (each job is still fenced by its id and that token).
   */
  async function claim(worker: string, max: number): Promise<ClaimedJob[]> {
    const now = deps.now();
    const stamp = iso(now);
    // An idle worker polls: a plain read first, so it takes the write lock only when there is work.
    const any = await db.selectFrom('jobs').select('id').where('status', '=', 'queued').where('run_after', '<=', stamp).limit(1).executeTakeFirst();
    if (!any) return [];
    return db.transaction().execute(async (trx) => {
      if (deps.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${CLAIM_LOCK})`.execute(trx);
      const running = await runningCounts(trx);
      const picked = pickBatch(await waitingJobs(trx, stamp, max), running, max, stamp);
      if (picked.length === 0) return [];
      let ids = picked.map((pick) => pick.id);
      if (deps.dialect === 'postgres') {
        // Rows another transaction holds (a cancel under way) are passed over, not waited for.
        ids = (await trx.selectFrom('jobs').select('id').where('id', 'in', ids).where('status', '=', 'queued').forUpdate().skipLocked().execute()).map((row) => row.id);
        if (ids.length === 0) return [];
      }
      const lease = `${worker}/${randomBytes(8).toString('hex')}`;
      const rows = await trx
        .updateTable('jobs')
        .set((eb) => ({
          status: 'running',
          lease_owner: lease,
          lease_expires_at: plus(now, deps.leaseMs),
          attempts: eb('attempts', '+', 1),
          started_at: eb.fn.coalesce('started_at', eb.val(stamp)),
          updated_at: stamp,
        }))
        .where('id', 'in', ids)
        .where('status', '=', 'queued')
        .returningAll()
        .execute();
      if (rows.length === 0) return [];
      const lastTurn = new Map(picked.filter((pick) => rows.some((row) => row.id === pick.id)).map((pick) => [pick.userId, pick.turn]));
      await trx
        .insertInto('job_turns')
        .values([...lastTurn].map(([user_id, last_claim_at]) => ({ user_id, last_claim_at })))
        .onConflict((oc) => oc.column('user_id').doUpdateSet((eb) => ({ last_claim_at: eb.ref('excluded.last_claim_at') })))
        .execute();
      await insertEvents(trx, stamp, rows.map((row) => ({ jobId: row.id, kind: 'state', data: { status: 'running', attempt: row.attempts, worker } })));
      return rows.map((row) => ({ row, lease }));
    });
  }

  /**
   * Extends the leases a worker holds. Returns the ids of the jobs still held,
   * and which of those were asked to cancel; a job missing from the answer was
   * taken back (the worker must stop it at once).
   */
  async function heartbeat(leases: readonly string[]): Promise<{ held: Set<string>; cancel: Set<string> }> {
    if (leases.length === 0) return { held: new Set(), cancel: new Set() };
    const now = deps.now();
    const rows = await db
      .updateTable('jobs')
      .set({ lease_expires_at: plus(now, deps.leaseMs) })
      .where('lease_owner', 'in', [...new Set(leases)])
      .where('status', '=', 'running')
      .returning(['id', 'cancel_requested'])
      .execute();
    return { held: new Set(rows.map((row) => row.id)), cancel: new Set(rows.filter((row) => row.cancel_requested === 1).map((row) => row.id)) };
  }

  /**
   * Checkpoints of many jobs in one transaction: each job's row is still
   * fenced by its own lease (a lost one is that job's LeaseLost, not the
   * batch's), then all their artifacts and events are written together.
   */
  async function writeCheckpoints(items: readonly StageDone[]): Promise<Array<boolean | LeaseLost>> {
    const stamp = iso(deps.now());
    return db.transaction().execute(async (trx) => {
      const results: Array<boolean | LeaseLost> = [];
      const artifacts: JobArtifactsTable[] = [];
      const events: JobEvent[] = [];
      for (const { job, stage, artifacts: produced } of items) {
        const stages = stagesOf(job.row).length;
        const last = stage + 1 >= stages;
        const updated = await trx
          .updateTable('jobs')
          .set({
            checkpoint: stage + 1,
            progress: (stage + 1) / stages,
            updated_at: stamp,
            ...(last && { status: 'succeeded' as const, lease_owner: null, lease_expires_at: null, finished_at: stamp }),
          })
          .where('id', '=', job.row.id)
          .where('lease_owner', '=', job.lease)
          .where('status', '=', 'running')
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0) {
          results.push(new LeaseLost(job.row.id));
          continue;
        }
        results.push(last);
        artifacts.push(...produced.map((artifact) => ({ ...artifact, job_id: job.row.id, created_at: stamp })));
        events.push({ jobId: job.row.id, kind: 'stage', data: { index: stage, status: 'done', progress: (stage + 1) / stages } });
        if (last) events.push({ jobId: job.row.id, kind: 'state', data: { status: 'succeeded' } });
      }
      await upsertArtifacts(trx, artifacts);
      await insertEvents(trx, stamp, events);
      return results;
    });
  }

  /**
   * Records a finished stage (and its artifacts) for good: a resumed run
   * starts after it. The last stage's checkpoint also ends the job as
   * succeeded, in the same transaction. Returns whether it did. Stages that
   * finish while another checkpoint is being written share the next
   * transaction (group commit): one commit for many jobs.
   */
  const checkpointOne = groupCommit<StageDone, boolean>(writeCheckpoints, CHECKPOINTS_PER_COMMIT);
  const checkpoint = (job: ClaimedJob, stage: number, artifacts: StageDone['artifacts']): Promise<boolean> => checkpointOne({ job, stage, artifacts });

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
      await insertEvents(trx, stamp, [{ jobId: job.row.id, kind: 'state', data: { status, ...(failure && { failure }), ...(retry && { retry: true }) } }]);
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
      if (Number(updated.numUpdatedRows) > 0) await insertEvents(trx, stamp, [{ jobId: job.row.id, kind: 'state', data: { status: 'queued', released: true } }]);
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
        await insertEvents(trx, stamp, [{ jobId: job.id, kind: 'state', data: lastTry ? { status: 'failed', failure: { code: 'worker_lost' } } : { status: 'queued', resumed: true } }]);
        (lastTry ? failed : requeued).push(job.id);
      }
      return { requeued, failed };
    });
  }

  return { claim, heartbeat, checkpoint, progress, finish, release, reapExpired };
}

export type Queue = ReturnType<typeof createQueue>;
