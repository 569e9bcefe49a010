import { randomBytes } from 'node:crypto';
import type { RetentionPolicy } from '../config/retention-variables.js';
import type { Db } from '../db/types.js';
import type { JobTypes } from '../jobs/job-types.js';
import { jobsUsingUpload } from '../jobs/upload-users.js';
import type { Library } from '../library/service.js';
import { setTrashed, trashedBefore } from '../library/store.js';
import type { AuditLog } from '../ops/audit.js';
import { backupSurvival, combineShreds, type ShredReport } from '../storage/shred-report.js';
import type { UploadFiles } from '../uploads/upload-files.js';
import { deleteUpload } from '../uploads/store.js';

const DAY_MS = 86_400_000;
const FINISHED = ['succeeded', 'failed', 'cancelled'] as const;
/** Reports kept: a year of daily runs, or a week of hourly ones and then some. */
const RUNS_KEPT = 400;

export type RetentionTrigger = 'schedule' | 'command' | 'admin';

/** What one run removed (or, dry, would remove): counts and bytes, never a name. */
export interface RetentionReport {
  readonly id: string;
  readonly trigger: RetentionTrigger;
  readonly dry_run: boolean;
  readonly started_at: string;
  readonly finished_at: string;
  /** The ages it ran with, in days (0: never). */
  readonly policy: { readonly unused_upload_days: number; readonly log_days: number; readonly output_days: number; readonly trash_days: number };
  readonly unused_uploads: { readonly uploads: number; readonly bytes: number };
  readonly logs: { readonly jobs: number; readonly lines: number; readonly events: number };
  /** Finished jobs past RETENTION_OUTPUT_DAYS, moved to the trash. */
  readonly outputs: { readonly jobs: number };
  /** Jobs in the trash past TRASH_DAYS, deleted for good. */
  readonly trash: { readonly jobs: number; readonly files: number; readonly encrypted: number };
  /** Where copies of what was erased may still survive, in words (shred-report.ts). */
  readonly backups: string;
}

/**
 * Retention: what has grown older than its kind's age leaves. Unused uploads
 * (no job reads them, a trashed one included) are erased; finished jobs' logs
 * and event history are deleted; finished jobs past RETENTION_OUTPUT_DAYS move
 * to the trash; the trash past TRASH_DAYS is emptied. Files are erased through
 * the blob store's shred (a crypto-shred where encrypted, recorded in the
 * shred ledger). A dry run counts the same things and changes nothing. Every
 * run leaves a report (retention_runs) and an audit event with its counts.
 */
export function createRetention(deps: { db: Db; policy: RetentionPolicy; types: JobTypes; uploadFiles: UploadFiles; library: Library; audit: AuditLog; now: () => Date }) {
  const { db, policy } = deps;
  const cutoff = (days: number) => new Date(deps.now().getTime() - days * DAY_MS).toISOString();

  /** Uploads past their age that no job reads, with their sizes. */
  async function unusedUploads(): Promise<Array<{ id: string; bytes: number }>> {
    if (policy.unusedUploadDays === 0) return [];
    const old = await db
      .selectFrom('uploads')
      .select(['id', 'user_id', 'declared_size'])
      .where('status', 'in', ['accepted', 'rejected'])
      .where('updated_at', '<', cutoff(policy.unusedUploadDays))
      .execute();
    const unused: Array<{ id: string; bytes: number }> = [];
    for (const upload of old) {
      if ((await jobsUsingUpload(db, deps.types, { userId: upload.user_id, uploadId: upload.id })).length === 0) unused.push({ id: upload.id, bytes: Number(upload.declared_size) });
    }
    return unused;
  }

  const finishedBefore = (days: number) => db.selectFrom('jobs').select('id').where('status', 'in', [...FINISHED]).where('finished_at', '<', cutoff(days));

  async function oldLogs(): Promise<{ jobs: number; lines: number; events: number }> {
    if (policy.logDays === 0) return { jobs: 0, lines: 0, events: 0 };
    const count = async (table: 'job_logs' | 'job_events') => {
      const rows = await db
        .selectFrom(table)
        .select([(eb) => eb.fn.countAll<number>().as('rows'), (eb) => eb.fn.count<number>('job_id').distinct().as('jobs')])
        .where('job_id', 'in', finishedBefore(policy.logDays))
        .executeTakeFirstOrThrow();
      return { rows: Number(rows.rows), jobs: Number(rows.jobs) };
    };
    const [lines, events] = [await count('job_logs'), await count('job_events')];
    return { jobs: Math.max(lines.jobs, events.jobs), lines: lines.rows, events: events.rows };
  }

  /** Finished jobs of their own (not a dub's line previews) past RETENTION_OUTPUT_DAYS, not in the trash yet. */
  async function oldOutputs(): Promise<string[]> {
    if (policy.outputDays === 0) return [];
    const rows = await finishedBefore(policy.outputDays).where('trashed_at', 'is', null).where('parent_id', 'is', null).execute();
    return rows.map((row) => row.id);
  }

  async function run(options: { dryRun: boolean; trigger: RetentionTrigger; byUserId?: string }): Promise<RetentionReport> {
    const startedAt = deps.now().toISOString();
    const uploads = await unusedUploads();
    const logs = await oldLogs();
    const outputs = await oldOutputs();
    const shreds: ShredReport[] = [];
    let trash = { jobs: 0, files: 0, encrypted: 0 };
    let trashBackups = '';
    if (options.dryRun) {
      trash = { ...trash, jobs: (await trashedBefore(db, cutoff(policy.trashDays))).length };
    } else {
      for (const upload of uploads) {
        shreds.push(await deps.uploadFiles.shred(upload.id, 'retention_unused_upload'));
        await deleteUpload(db, upload.id);
      }
      if (policy.logDays > 0) {
        await db.deleteFrom('job_logs').where('job_id', 'in', finishedBefore(policy.logDays)).execute();
        await db.deleteFrom('job_events').where('job_id', 'in', finishedBefore(policy.logDays)).execute();
      }
      for (const id of outputs) await setTrashed(db, id, startedAt, startedAt);
      // What just moved to the trash stays there TRASH_DAYS, restorable, like anything trashed by hand.
      const emptied = await deps.library.emptyTrash();
      trash = { jobs: emptied.jobs, files: emptied.files, encrypted: emptied.encrypted };
      if (emptied.jobs > 0) trashBackups = emptied.backups;
    }
    const shredded = combineShreds(shreds, startedAt);
    const report: RetentionReport = {
      id: randomBytes(16).toString('hex'),
      trigger: options.trigger,
      dry_run: options.dryRun,
      started_at: startedAt,
      finished_at: deps.now().toISOString(),
      policy: { unused_upload_days: policy.unusedUploadDays, log_days: policy.logDays, output_days: policy.outputDays, trash_days: policy.trashDays },
      unused_uploads: { uploads: uploads.length, bytes: uploads.reduce((sum, upload) => sum + upload.bytes, 0) },
      logs,
      outputs: { jobs: outputs.length },
      trash,
      backups: options.dryRun ? 'A dry run erases nothing.' : [shredded.objects > 0 ? backupSurvival(shredded) : '', trashBackups].filter(Boolean).join(' ') || 'Nothing was erased.',
    };
    await store(report);
    await deps.audit.record({
      action: 'retention.run',
      result: 'success',
      actor: options.byUserId ? { type: 'user', id: options.byUserId } : { type: 'system' },
      target: `retention:${report.id}`,
      details: { trigger: report.trigger, dry_run: report.dry_run, uploads: report.unused_uploads.uploads, log_lines: logs.lines, outputs: outputs.length, trash_jobs: trash.jobs },
    });
    return report;
  }

  async function store(report: RetentionReport): Promise<void> {
    await db.insertInto('retention_runs').values({ id: report.id, trigger: report.trigger, dry_run: report.dry_run ? 1 : 0, started_at: report.started_at, finished_at: report.finished_at, report: JSON.stringify(report) }).execute();
    const keptFrom = await db.selectFrom('retention_runs').select('started_at').orderBy('started_at', 'desc').offset(RUNS_KEPT - 1).limit(1).executeTakeFirst();
    if (keptFrom) await db.deleteFrom('retention_runs').where('started_at', '<', keptFrom.started_at).execute();
  }

  /** The latest reports, newest first. */
  async function recent(limit: number): Promise<RetentionReport[]> {
    const rows = await db.selectFrom('retention_runs').select('report').orderBy('started_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map((row) => JSON.parse(row.report) as RetentionReport);
  }

  return { run, recent, policy };
}

export type Retention = ReturnType<typeof createRetention>;
