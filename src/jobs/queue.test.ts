import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { databaseTargets, type TestDatabase } from '../../test/helpers/databases.js';
import type { DatabaseHandle } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import type { JobsTable } from '../db/types.js';
import { createQueue } from './queue.js';
import type { SchedulerCaps } from './scheduler.js';
import { findJob, insertJobs } from './store.js';

const LEASE_MS = 5_000;

for (const target of await databaseTargets()) {
  describe(`job queue on ${target.dialect}`, { skip: target.skip }, () => {
    let database: TestDatabase;
    let handle: DatabaseHandle;
    let clock = Date.parse('2026-11-24T10:00:00Z');
    const now = () => new Date(clock);
    let sequence = 0;

    before(async () => {
      database = await target.create();
      handle = database.open();
      await migrateToLatest(handle.db);
    });
    after(async () => {
      await handle.close();
      await database.drop();
    });

    const queue = (caps: Partial<SchedulerCaps> = {}, maxAttempts = 3) =>
      createQueue({ db: handle.db, dialect: target.dialect, caps: { maxRunning: 10, maxRunningPerUser: 10, gpuSlots: 1, ...caps }, leaseMs: LEASE_MS, retry: { maxAttempts, baseDelayMs: 1000 }, now });

    async function user(): Promise<string> {
      const id = randomBytes(8).toString('hex');
      const stamp = now().toISOString();
      await handle.db.insertInto('users').values({ id, username: `u${id}`, password_hash: 'x', role: 'operator', disabled_at: null, created_at: stamp, updated_at: stamp, totp_secret_sealed: null, totp_pending_sealed: null, totp_enabled_at: null, totp_last_step: null, email: null, email_verified_at: null }).execute();
      return id;
    }

    async function job(userId: string, jobClass: 'cpu' | 'gpu' = 'cpu', stages = 2): Promise<string> {
      const id = randomBytes(16).toString('hex');
      // Distinct, increasing creation times: the queue is FIFO within a user.
      const stamp = new Date(clock - 1_000_000 + (sequence += 1)).toISOString();
      const row: JobsTable = {
        id, user_id: userId, type: 'selftest', class: jobClass, title: 't', options: '{}', stages: JSON.stringify(Array.from({ length: stages }, (_, i) => `step-${i + 1}`)), skipped_stages: null, status: 'queued', checkpoint: 0, progress: 0, attempts: 0,
        run_after: stamp, lease_owner: null, lease_expires_at: null, cancel_requested: 0, failure_code: null, failure_message: null, idempotency_key: null, request_hash: null, archived: 0, render: 1, parent_id: null, notes: null, trashed_at: null, privacy_mode: 'off', created_at: stamp, started_at: null, finished_at: null, updated_at: stamp,
      };
      await insertJobs(handle.db, [{ row, tags: [] }]);
      return id;
    }

    async function drain(): Promise<void> {
      await handle.db.updateTable('jobs').set({ status: 'cancelled', lease_owner: null }).where('status', 'in', ['queued', 'running']).execute();
    }

    test('one user\'s 500 queued jobs do not starve another\'s one', async () => {
      const heavy = await user();
      const light = await user();
      for (let i = 0; i < 500; i += 1) await job(heavy);
      const lonely = await job(light);
      const q = queue({ maxRunning: 1 });
      const first = await q.claim('w', 1);
      await q.finish(first[0]!, { outcome: 'succeeded' });
      const second = await q.claim('w', 1);
      assert.equal(second[0]?.row.id, lonely, 'the light user\'s job is next once a slot frees');
      await drain();
    });

    test('caps: global, per user and gpu slots hold across claims', async () => {
      const a = await user();
      const b = await user();
      for (let i = 0; i < 3; i += 1) await job(a);
      await job(b, 'gpu');
      await job(b, 'gpu');
      const claimed = await queue({ maxRunning: 3, maxRunningPerUser: 2, gpuSlots: 1 }).claim('w', 10);
      const byUser = (id: string) => claimed.filter((c) => c.row.user_id === id).length;
      assert.equal(claimed.length, 3);
      assert.equal(byUser(a), 2);
      assert.equal(byUser(b), 1, 'one gpu slot');
      assert.equal((await queue({ maxRunning: 3 }).claim('w', 10)).length, 0, 'the global cap is reached');
      await drain();
    });

    test('a lost lease: the job goes back and resumes from its checkpoint; the old holder\'s writes are refused', async () => {
      const a = await user();
      const id = await job(a, 'cpu', 3);
      const q = queue();
      const [held] = await q.claim('first', 1);
      await q.checkpoint(held!, 0, [{ name: 'step-1.json', size: 2, sha256: 'ab', stage: 0 }]);
      clock += LEASE_MS + 1;
      assert.deepEqual(await q.reapExpired(), { requeued: [id], failed: [] });
      const [again] = await q.claim('second', 1);
      assert.equal(again?.row.id, id);
      assert.equal(again?.row.checkpoint, 1, 'resumes after the finished stage');
      assert.equal(again?.row.attempts, 2);
      await assert.rejects(q.checkpoint(held!, 1, []), /lease/);
      assert.equal(await q.finish(held!, { outcome: 'succeeded' }), undefined, 'the old holder cannot end it');
      assert.equal((await q.heartbeat([held!.lease])).held.size, 0);
      assert.equal(await q.finish(again!, { outcome: 'succeeded' }), 'succeeded');
      assert.equal((await findJob(handle.db, id))?.status, 'succeeded');
    });

    test('transient failures retry with a doubling backoff, then fail; a lease lost too often fails worker_lost', async () => {
      const a = await user();
      const id = await job(a);
      const q = queue({}, 2);
      const [first] = await q.claim('w', 1);
      assert.equal(await q.finish(first!, { outcome: 'failed', code: 'engine_busy', message: 'busy', transient: true }), 'queued');
      assert.equal((await q.claim('w', 1)).length, 0, 'not before the backoff');
      clock += 1000;
      const [second] = await q.claim('w', 1);
      assert.equal(second?.row.id, id);
      assert.equal(await q.finish(second!, { outcome: 'failed', code: 'engine_busy', message: 'busy', transient: true }), 'failed', 'no attempts left');

      const lost = await job(a);
      await q.claim('w', 1);
      clock += LEASE_MS + 1;
      await q.reapExpired();
      await q.claim('w', 1);
      clock += LEASE_MS + 1;
      assert.deepEqual(await q.reapExpired(), { requeued: [], failed: [lost] });
      assert.equal((await findJob(handle.db, lost))?.failure_code, 'worker_lost');
    });

    test('racing claimers never take one job twice', async () => {
      const users = await Promise.all(Array.from({ length: 4 }, () => user()));
      const ids = new Set<string>();
      for (let i = 0; i < 40; i += 1) ids.add(await job(users[i % 4]!));
      const q = queue({ maxRunning: 1000, maxRunningPerUser: 1000 });
      const claims = (await Promise.all(Array.from({ length: 8 }, (_, w) => q.claim(`w${w}`, 10)))).flat();
      const claimedIds = claims.map((c) => c.row.id);
      assert.equal(new Set(claimedIds).size, claimedIds.length, 'no job claimed twice');
      assert.deepEqual(new Set(claimedIds), ids);
      await drain();
    });

    test('racing claimers keep within the per-user cap (the counts cannot change under a claim)', async () => {
      const users = await Promise.all(Array.from({ length: 4 }, () => user()));
      for (let i = 0; i < 40; i += 1) await job(users[i % 4]!);
      const q = queue({ maxRunning: 1000, maxRunningPerUser: 3 });
      const claims = (await Promise.all(Array.from({ length: 8 }, (_, w) => q.claim(`w${w}`, 10)))).flat();
      for (const id of users) assert.ok(claims.filter((c) => c.row.user_id === id).length <= 3, 'at most 3 running per user');
      assert.equal(claims.length, 12);
      await drain();
    });
  });
}
