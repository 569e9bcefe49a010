import { randomBytes } from 'node:crypto';
import type { Db } from '../db/types.js';
import type { AuditLog } from '../ops/audit.js';
import { BackupBusyError, type Backups, type VerifyResult } from './backups.js';
import { BackupToolError } from './database-snapshot.js';

type Trigger = 'schedule' | 'admin';

/** A run as the admin's page shows it. */
export interface BackupRunView {
  readonly kind: 'create' | 'verify';
  readonly trigger: Trigger;
  readonly snapshot: string | null;
  readonly started_at: string;
  readonly finished_at: string;
  readonly ok: boolean;
  readonly detail: Readonly<Record<string, unknown>>;
}

/** Runs kept in the table: two years of daily backups and their verifies. */
const RUNS_KEPT = 1_500;

/**
 * Backups as the server runs them: one at a time (a second request while one
 * runs is told so), each create followed by a verify of what it made, every
 * run recorded (the admin's page) and audited with counts. A failure is
 * recorded with its reason, never a path or a stack.
 */
export function createBackupService(deps: { backups: Backups; db: Db; audit: AuditLog; now: () => Date; config: { intervalMs: number; keep: number } }) {
  const { db } = deps;
  let running: Promise<unknown> | undefined;

  async function record(run: Omit<BackupRunView, 'ok'> & { ok: boolean }, actorId?: string): Promise<void> {
    await db.insertInto('backup_runs').values({ id: randomBytes(16).toString('hex'), ...run, ok: run.ok ? 1 : 0, detail: JSON.stringify(run.detail) }).execute();
    const keptFrom = await db.selectFrom('backup_runs').select('started_at').orderBy('started_at', 'desc').offset(RUNS_KEPT - 1).limit(1).executeTakeFirst();
    if (keptFrom) await db.deleteFrom('backup_runs').where('started_at', '<', keptFrom.started_at).execute();
    await deps.audit.record({
      action: run.kind === 'create' ? 'backup.created' : 'backup.verified',
      result: run.ok ? 'success' : 'failure',
      actor: actorId ? { type: 'user', id: actorId } : { type: 'system' },
      target: `backup:${run.snapshot ?? 'none'}`,
      details: { trigger: run.trigger, ...Object.fromEntries(Object.entries(run.detail).filter(([, value]) => typeof value === 'number' || typeof value === 'boolean')) },
    });
  }

  /** Why a run failed, in words safe to show an admin. */
  const reasonOf = (error: unknown) => (error instanceof BackupBusyError || error instanceof BackupToolError ? error.message : 'the backup could not be written (the server log says why)');

  async function verify(name: string, trigger: Trigger, actorId?: string): Promise<VerifyResult> {
    const startedAt = deps.now().toISOString();
    const result = await deps.backups.verify(name);
    await record({ kind: 'verify', trigger, snapshot: name, started_at: startedAt, finished_at: deps.now().toISOString(), ok: result.ok, detail: { files: result.checked.files, decrypted: result.checked.decrypted, erased_since: result.erased_since, problems: result.problems.slice(0, 20) } }, actorId);
    return result;
  }

  async function createNow(trigger: Trigger, actorId?: string): Promise<void> {
    const startedAt = deps.now().toISOString();
    try {
      const manifest = await deps.backups.create();
      await record({ kind: 'create', trigger, snapshot: manifest.name, started_at: startedAt, finished_at: deps.now().toISOString(), ok: true, detail: { files: manifest.objects.length, copied: manifest.copied.objects, copied_bytes: manifest.copied.bytes, missing: manifest.missing } }, actorId);
      await verify(manifest.name, trigger, actorId);
    } catch (error) {
      await record({ kind: 'create', trigger, snapshot: null, started_at: startedAt, finished_at: deps.now().toISOString(), ok: false, detail: { reason: reasonOf(error) } }, actorId);
      throw error;
    }
  }

  return {
    /** Starts a backup in the background; false when one is already running. */
    start(trigger: Trigger, actorId?: string): { started: boolean; done: Promise<void> } {
      if (running) return { started: false, done: running.then(() => undefined, () => undefined) };
      const done = createNow(trigger, actorId).finally(() => (running = undefined));
      running = done;
      return { started: true, done };
    },
    verify,
    running: () => running !== undefined,
    /** The backups in the backup dir with their last verify, and the latest runs. */
    async overview() {
      const listed = await deps.backups.list();
      const runs = await db.selectFrom('backup_runs').selectAll().orderBy('started_at', 'desc').limit(200).execute();
      const views: BackupRunView[] = runs.map((run) => ({ kind: run.kind, trigger: run.trigger, snapshot: run.snapshot, started_at: run.started_at, finished_at: run.finished_at, ok: run.ok === 1, detail: JSON.parse(run.detail) as Record<string, unknown> }));
      return {
        dir: deps.backups.dir,
        interval_hours: deps.config.intervalMs / 3_600_000,
        keep: deps.config.keep,
        running: running !== undefined,
        backups: listed.reverse().map((entry) => {
          const lastVerify = views.find((run) => run.kind === 'verify' && run.snapshot === entry.name);
          return 'damaged' in entry
            ? { name: entry.name, damaged: entry.damaged }
            : { name: entry.name, created_at: entry.manifest.created_at, files: entry.manifest.objects.length, copied_bytes: entry.manifest.copied.bytes, sakuga_version: entry.manifest.sakuga_version, ...(lastVerify && { verify: { at: lastVerify.finished_at, ok: lastVerify.ok, problems: (lastVerify.detail.problems as string[] | undefined) ?? [] } }) };
        }),
        runs: views.slice(0, 20),
      };
    },
  };
}

export type BackupService = ReturnType<typeof createBackupService>;
