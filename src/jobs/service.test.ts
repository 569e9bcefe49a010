import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { databaseTargets, type TestDatabase } from '../../test/helpers/databases.js';
import type { Principal } from '../access/principal.js';
import type { DatabaseHandle } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { type AuditLog, createAuditLog } from '../ops/audit.js';
import { createJobTypes } from './job-types.js';
import { createJobService } from './service.js';
import { insertEvents, insertJobs, type JobRow } from './store.js';

function jobRow(id: string): JobRow {
  const at = new Date().toISOString();
  return {
    id, user_id: 'u1', type: 'selftest', class: 'cpu', title: 'bulk', options: '{}', stages: '["step-1"]', skipped_stages: null, status: 'queued', checkpoint: 0, progress: 0, attempts: 0, run_after: at,
    lease_owner: null, lease_expires_at: null, cancel_requested: 0, failure_code: null, failure_message: null, idempotency_key: null, request_hash: null, archived: 0, render: 1, parent_id: null, notes: null, trashed_at: null, privacy_mode: 'off',
    created_at: at, started_at: null, finished_at: null, updated_at: at,
  };
}

for (const target of await databaseTargets()) {
  describe(`job submission on ${target.dialect}`, { skip: target.skip }, () => {
    let database: TestDatabase;
    let handle: DatabaseHandle;
    let audit: AuditLog;
    const auditDir = mkdtempSync(join(tmpdir(), 'sakuga-job-service-'));
    const stamp = new Date().toISOString();
    const principal = { userId: 'u1', username: 'kaito', role: 'operator', via: 'bearer', sessionId: 's', account: { email: null, createdAt: stamp }, session: { mode: 'token', createdAt: stamp, expiresAt: stamp, reauthAt: null } } as unknown as Principal;
    const client = { ip: '127.0.0.1', requestId: 'test' };

    before(async () => {
      database = await target.create();
      handle = database.open();
      await migrateToLatest(handle.db);
      await handle.db.insertInto('users').values({ id: 'u1', username: 'kaito', password_hash: 'x', role: 'operator', disabled_at: null, created_at: stamp, updated_at: stamp, totp_secret_sealed: null, totp_pending_sealed: null, totp_enabled_at: null, totp_last_step: null, email: null, email_verified_at: null }).execute();
      audit = createAuditLog({ dir: auditDir });
    });
    after(async () => {
      await audit.close();
      await handle.close();
      await database.drop();
      rmSync(auditDir, { recursive: true, force: true });
    });

    test('submissions at once share a transaction, and a clash on one Idempotency-Key fails only that one', async () => {
      const jobs = createJobService({ db: handle.db, types: createJobTypes({ selftest: true }), caps: { maxQueued: 100, maxQueuedPerUser: 100, dailyQuota: 0 }, audit, now: () => new Date(), readUpload: () => Promise.reject(new Error('selftest jobs read no uploads')), privacyMode: () => Promise.resolve('off') });
      const request = { type: 'selftest', options: { steps: [{ op: 'sleep', ms: 0 }] } };
      const answers = await Promise.all([
        ...['same', 'same', 'same'].map((key) => jobs.submit(principal, request, key, client)),
        ...['one', 'two', 'three'].map((key) => jobs.submit(principal, request, key, client)),
      ]);
      const same = answers.slice(0, 3);
      assert.equal(new Set(same.map((answer) => answer.job.id)).size, 1);
      assert.deepEqual(same.map((answer) => answer.replayed).sort(), [false, true, true]);
      assert.ok(answers.slice(3).every((answer) => !answer.replayed));
      const stored = await handle.db.selectFrom('jobs').select('idempotency_key').where('user_id', '=', 'u1').execute();
      assert.deepEqual(stored.map((row) => row.idempotency_key).sort(), ['one', 'same', 'three', 'two']);
      const events = await handle.db.selectFrom('job_events').select('job_id').execute();
      assert.equal(events.length, 4, 'one queued event per stored job, none for the rolled-back shared write');
    });

    test('a shared write of thousands of jobs stays within the values one statement may bind', async () => {
      const rows = Array.from({ length: 1500 }, (_, i) => ({ row: jobRow(`bulk-${i}`), tags: ['bulk'] }));
      // 1500 rows of ~25 columns: over SQLite's 32766 bound values were they one INSERT.
      await handle.db.transaction().execute(async (trx) => {
        await insertJobs(trx, rows);
        await insertEvents(trx, stamp, rows.map(({ row }) => ({ jobId: row.id, kind: 'state', data: { status: 'queued' } })));
      });
      const stored = await handle.db.selectFrom('job_tags').select((eb) => eb.fn.countAll<string | number>().as('n')).where('tag', '=', 'bulk').executeTakeFirstOrThrow();
      assert.equal(Number(stored.n), 1500);
    });
  });
}
