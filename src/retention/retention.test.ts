import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { auditEvents } from '../../test/helpers/audit.js';
import { bearer, createUser, loginWithToken } from '../../test/helpers/auth.js';
import { DAY, manualClock } from '../../test/helpers/clock.js';
import { databaseTargets } from '../../test/helpers/databases.js';
import { insertFinishedDub } from '../../test/helpers/dub-fixture.js';
import { insertTestFile } from '../../test/helpers/jobs.js';
import { runCli } from '../../test/helpers/process.js';
import { insertLogs } from '../jobs/store.js';

const ENV = { ENCRYPTION_AT_REST: 'on', RETENTION_UNUSED_UPLOAD_DAYS: '7', RETENTION_LOG_DAYS: '30', RETENTION_OUTPUT_DAYS: '60', TRASH_DAYS: '10' };

/** A person's things at the ages each kind's rule looks at, made by hand (the clock set back where it counts). */
async function seed(t: TestApp, userId: string, now: Date) {
  const ago = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
  const upload = async (name: string, days: number) => {
    const id = await insertTestFile(t, userId, 'subtitles', name, `1\n00:00:01,000 --> 00:00:02,000\n${name}\n`);
    await t.services.db.updateTable('uploads').set({ created_at: ago(days), updated_at: ago(days) }).where('id', '=', id).execute();
    return id;
  };
  const dub = async (finishedDaysAgo: number, extra: { trashedDaysAgo?: number; usesUpload?: string } = {}) => {
    const id = await insertFinishedDub(t, userId, { 'dubbed.mp4': Buffer.alloc(2_000, 7), 'segments.json': '{}' });
    const row = await t.services.db.selectFrom('jobs').select('options').where('id', '=', id).executeTakeFirstOrThrow();
    const options = { ...(JSON.parse(row.options) as object), ...(extra.usesUpload && { imports: { translated_subtitles: extra.usesUpload } }) };
    await t.services.db
      .updateTable('jobs')
      .set({ finished_at: ago(finishedDaysAgo), options: JSON.stringify(options), trashed_at: extra.trashedDaysAgo === undefined ? null : ago(extra.trashedDaysAgo) })
      .where('id', '=', id)
      .execute();
    await insertLogs(t.services.db, [1, 2, 3].map((n) => ({ job_id: id, level: 'info', msg: `line ${n}`, fields: null, created_at: ago(finishedDaysAgo) })));
    return id;
  };
  const usedOld = await upload('used-old.srt', 20);
  const usedByTrashedOld = await upload('used-by-trashed.srt', 20);
  return {
    unusedOld: await upload('unused-old.srt', 8),
    unusedNew: await upload('unused-new.srt', 2),
    usedOld,
    usedByTrashedOld,
    jobOld: await dub(61),
    jobMid: await dub(31),
    jobRecent: await dub(1),
    jobTrashedLong: await dub(40, { trashedDaysAgo: 11 }),
    jobUsing: await dub(2, { usesUpload: usedOld }),
    // In the trash a day, restorable: its upload is still used.
    jobTrashedRecently: await dub(3, { trashedDaysAgo: 1, usesUpload: usedByTrashedOld }),
  };
}

for (const target of await databaseTargets()) {
  describe(`retention on ${target.dialect}`, { skip: target.skip }, () => {
    test('each kind leaves at its age (unused uploads, logs, outputs, the trash); a dry run only counts; every run is reported and audited', async () => {
      const database = await target.create();
      const clock = manualClock(new Date());
      const t = await createTestApp({ database: database.config, now: clock.now, env: ENV });
      try {
        const kaito = (await createUser(t, 'kaito', 'operator')).id;
        const things = await seed(t, kaito, clock.now());
        const { db } = t.services;
        const uploadIds = async () => new Set((await db.selectFrom('uploads').select('id').execute()).map((row) => row.id));
        const logLines = async (jobId: string) => (await db.selectFrom('job_logs').select('id').where('job_id', '=', jobId).execute()).length;
        const blobsOf = async (prefix: string) => (await db.selectFrom('blobs').select('key').where('key', 'like', `${prefix}%`).execute()).length;

        const dry = await t.services.retention.run({ dryRun: true, trigger: 'command' });
        assert.deepEqual(dry.unused_uploads, { uploads: 1, bytes: Buffer.byteLength('1\n00:00:01,000 --> 00:00:02,000\nunused-old.srt\n') });
        assert.deepEqual(dry.logs, { jobs: 3, lines: 9, events: 0 }, 'the jobs finished 61, 40 and 31 days ago');
        assert.deepEqual(dry.outputs, { jobs: 1 }, 'the job finished 61 days ago');
        assert.equal(dry.trash.jobs, 1, 'the job in the trash 11 days');
        const named = [things.unusedOld, things.unusedNew, things.usedOld, things.usedByTrashedOld];
        const before = await uploadIds();
        assert.ok(named.every((id) => before.has(id)), 'a dry run erases nothing');
        assert.equal(await logLines(things.jobOld), 3);
        assert.equal((await db.selectFrom('jobs').select('trashed_at').where('id', '=', things.jobOld).executeTakeFirstOrThrow()).trashed_at, null);

        clock.advance(1_000);
        const report = await t.services.retention.run({ dryRun: false, trigger: 'command' });
        assert.deepEqual([report.unused_uploads.uploads, report.logs.lines, report.outputs.jobs, report.trash.jobs], [1, 9, 1, 1]);
        assert.equal(report.trash.files, 2);
        assert.match(report.backups, /encrypted files are unreadable from now on/);
        const left = await uploadIds();
        assert.ok(!left.has(things.unusedOld), 'the old unused upload is erased');
        assert.ok(left.has(things.unusedNew) && left.has(things.usedOld) && left.has(things.usedByTrashedOld), 'new, used, and used-by-a-restorable-job uploads stay');
        assert.equal(await blobsOf(`uploads/${things.unusedOld}/`), 0);
        assert.ok((await db.selectFrom('shred_ledger').select('reason').execute()).some((row) => row.reason === 'retention_unused_upload'), 'erased through the shred ledger');
        assert.deepEqual([await logLines(things.jobOld), await logLines(things.jobMid), await logLines(things.jobRecent)], [0, 0, 3]);
        assert.notEqual((await db.selectFrom('jobs').select('trashed_at').where('id', '=', things.jobOld).executeTakeFirstOrThrow()).trashed_at, null, 'the old output is in the trash, restorable');
        assert.equal(await blobsOf(`artifacts/${things.jobOld}/`), 2, 'its files stay while it is in the trash');
        assert.equal(await db.selectFrom('jobs').select('id').where('id', '=', things.jobTrashedLong).executeTakeFirst(), undefined, 'the long-trashed job is deleted for good');
        assert.equal(await blobsOf(`artifacts/${things.jobTrashedLong}/`), 0);

        clock.advance(1_000);
        const again = await t.services.retention.run({ dryRun: false, trigger: 'schedule' });
        assert.deepEqual([again.unused_uploads.uploads, again.logs.lines, again.outputs.jobs, again.trash.jobs], [0, 0, 0, 0], 'nothing is removed twice');
        clock.advance(10 * DAY + 1);
        assert.equal((await t.services.retention.run({ dryRun: false, trigger: 'schedule' })).trash.jobs >= 1, true, 'TRASH_DAYS after it moved there, the old output leaves');
        assert.equal(await blobsOf(`artifacts/${things.jobOld}/`), 0);

        const runs = await t.services.retention.recent(10);
        assert.deepEqual(runs.map((run) => [run.trigger, run.dry_run]), [['schedule', false], ['schedule', false], ['command', false], ['command', true]]);
        const audited = auditEvents(t).filter((event) => event.action === 'retention.run');
        assert.equal(audited.length, 4);
        assert.ok(audited.every((event) => !JSON.stringify(event).includes('.srt')), 'counts only');
      } finally {
        await t.close();
        await database.drop();
      }
    });

    test('admins see the ages and the reports, and run one now (or a dry one); nobody else', async () => {
      const database = await target.create();
      const t = await createTestApp({ database: database.config, env: ENV });
      try {
        await createUser(t, 'root', 'admin');
        await createUser(t, 'kaito', 'editor');
        const admin = bearer((await loginWithToken(t, 'root')).access_token);
        const editor = bearer((await loginWithToken(t, 'kaito')).access_token);
        assert.equal((await t.app.inject({ url: '/api/admin/retention', headers: editor })).statusCode, 403);
        assert.equal((await t.app.inject({ method: 'POST', url: '/api/admin/retention/run', headers: editor, payload: { dry_run: true } })).statusCode, 403);
        assert.equal((await t.app.inject({ method: 'POST', url: '/api/admin/retention/run', headers: admin, payload: {} })).statusCode, 400);
        const ran = await t.app.inject({ method: 'POST', url: '/api/admin/retention/run', headers: admin, payload: { dry_run: true } });
        assert.equal(ran.statusCode, 201, ran.body);
        assert.equal(ran.json().trigger, 'admin');
        const overview = await t.app.inject({ url: '/api/admin/retention', headers: admin });
        assert.equal(overview.statusCode, 200);
        assert.deepEqual(overview.json().policy, { unused_upload_days: 7, log_days: 30, output_days: 60, trash_days: 10, interval_minutes: 60 });
        assert.deepEqual(overview.json().runs.map((run: { id: string }) => run.id), [ran.json().id]);
        const audited = auditEvents(t).find((event) => event.action === 'retention.run');
        assert.equal(audited?.actor.type, 'user', 'a run an admin asked for is theirs in the audit');
      } finally {
        await t.close();
        await database.drop();
      }
    });
  });
}

test('sakuga retention run --dry-run prints what it would remove and changes nothing; a bad flag is a usage error', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'sakuga-retention-'));
  chmodSync(parent, 0o711);
  const env = { SAKUGA_DATA_DIR: join(parent, 'data') };
  const dry = await runCli(['retention', 'run', '--dry-run'], env);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /^Dry run: nothing was changed\./);
  assert.match(dry.stdout, /job logs \(after 90 days\): 0 lines/);
  assert.match(dry.stdout, /unused uploads \(never\)/);
  const json = await runCli(['retention', 'run', '--json'], env);
  assert.equal(json.code, 0, json.stderr);
  assert.equal(JSON.parse(json.stdout).dry_run, false);
  const bad = await runCli(['retention', 'run', '--everything'], env);
  assert.equal(bad.code, 2);
  assert.equal((await runCli(['retention'], env)).code, 2);
});
