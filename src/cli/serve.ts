import { buildApp } from '../app.js';
import type { Config } from '../config/load.js';
import type { FastifyBaseLogger } from 'fastify';
import { encryptExistingBlobs } from '../storage/encrypt-existing.js';
import { rewrapDataKeys } from '../storage/keys/rotation.js';
import { resealSecrets } from '../storage/keys/sealed-secrets.js';
import { backupSurvival } from '../storage/shred-report.js';
import type { Services } from '../services.js';
import type { SetupState } from '../setup/service.js';
import { VERSION } from '../version.js';
import { createJobWorker } from '../jobs/engine.js';
import { openRuntime } from './runtime.js';
import { createShutdown } from './shutdown.js';

/** `sakuga serve`: the HTTP server, until SIGTERM or SIGINT. */
export async function serve(env: NodeJS.ProcessEnv): Promise<void> {
  const runtime = await openRuntime(env);
  const { services, database } = runtime;
  const { config, setup } = services;
  const app = await buildApp({ services, logger: runtime.logger });

  const worker = config.jobs.embeddedWorker ? createJobWorker(services, { dialect: database.dialect, log: runtime.logger }) : undefined;

  const shutdown = createShutdown({
    app,
    // Running jobs go back to the queue first; they resume from their checkpoints on the next start.
    release: async () => {
      await worker?.stop();
      await services.audit.close();
      await database.close();
    },
    timeoutMs: config.shutdownTimeoutMs,
    exit: (code) => process.exit(code),
  });
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  if (runtime.migrationsApplied.length > 0) app.log.info({ migrations: runtime.migrationsApplied }, 'database migrated');
  const state = await setup.prepare();
  scheduleUploadUpkeep(services, app.log);
  scheduleGenerationCleanup(services, app.log);
  scheduleRetention(services, app.log);
  scheduleBackups(services, app.log);
  if (config.storage.encrypted) encryptInBackground(services, app.log);
  scheduleOrphanSweep(services, app.log);
  worker?.start();
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  app.log.info({ version: VERSION, host: config.host, port, database: database.dialect }, 'Sakuga is listening');
  if (state.required) announceSetup(app.log, state, baseUrl(config, port));
}

const UPKEEP_INTERVAL_MS = 15 * 60_000;

/**
 * Finishes validations a crash interrupted, then every 15 minutes expires
 * idle unfinished uploads and retries validations the storage cut short.
 */
function scheduleUploadUpkeep(services: Services, log: FastifyBaseLogger): void {
  void services.uploads.resumeValidation({ atStart: true }).catch((error: unknown) => log.error({ err: error }, 'resuming upload validation failed'));
  const expire = () =>
    void services.uploads
      .expireStale()
      .then((expired) => expired > 0 && log.info({ expired }, 'idle unfinished uploads deleted'))
      .catch((error: unknown) => log.error({ err: error }, 'upload expiry failed'));
  const retry = () => void services.uploads.resumeValidation().catch((error: unknown) => log.error({ err: error }, 'retrying upload validation failed'));
  expire();
  setInterval(() => {
    expire();
    retry();
  }, UPKEEP_INTERVAL_MS).unref();
}

/**
 * At start and every RETENTION_INTERVAL, a retention run: unused uploads, old
 * logs and outputs past their ages, the trash past TRASH_DAYS. Its report is
 * kept (the admin's retention page); the log says what left, in counts.
 */
function scheduleRetention(services: Services, log: FastifyBaseLogger): void {
  const run = () =>
    void services.retention
      .run({ dryRun: false, trigger: 'schedule' })
      .then((report) => {
        const removed = report.unused_uploads.uploads + report.logs.lines + report.outputs.jobs + report.trash.jobs;
        if (removed > 0) log.info({ uploads: report.unused_uploads.uploads, log_lines: report.logs.lines, outputs: report.outputs.jobs, trash: report.trash.jobs }, 'retention removed what outgrew its age');
      })
      .catch((error: unknown) => log.error({ err: error }, 'the retention run failed'));
  run();
  setInterval(run, services.config.retention.intervalMs).unref();
}

/** A scheduled backup waits this long after a start, so that it never competes with the start itself. */
const BACKUP_START_DELAY_MS = 10 * 60_000;

/**
 * Every BACKUP_INTERVAL, a backup (verified once made): the first one when
 * the newest backup is that old, and not before ten minutes after the start.
 */
function scheduleBackups(services: Services, log: FastifyBaseLogger): void {
  const { intervalMs } = services.config.backup;
  if (intervalMs === 0) return;
  const run = () => {
    const { started, done } = services.backupRuns.start('schedule');
    if (!started) return;
    done.then(
      () => log.info('a scheduled backup was made and verified'),
      (error: unknown) => log.error({ err: error }, 'the scheduled backup failed'),
    );
  };
  void services.backups
    .list()
    .then((listed) => {
      const newest = listed.flatMap((entry) => ('manifest' in entry ? [Date.parse(entry.manifest.created_at)] : [])).at(-1) ?? 0;
      const due = Math.min(2 ** 31 - 1, Math.max(BACKUP_START_DELAY_MS, newest + intervalMs - Date.now()));
      setTimeout(() => {
        run();
        setInterval(run, intervalMs).unref();
      }, due).unref();
    })
    .catch((error: unknown) => log.error({ err: error }, 'the backups could not be listed; none is scheduled'));
}

/** Every 15 minutes, the files of generations no version references (a deleted project's) are removed, and reported. */
function scheduleGenerationCleanup(services: Services, log: FastifyBaseLogger): void {
  const sweep = () =>
    void services.generationCleanup
      .run()
      .then(
        (report) =>
          report.jobs > 0 &&
          log.info({ jobs: report.jobs, files: report.files, bytes: report.bytes, ...(report.shredded && { backups: backupSurvival(report.shredded) }) }, 'files of generations no version references removed'),
      )
      .catch((error: unknown) => log.error({ err: error }, 'generation clean-up failed'));
  sweep();
  setInterval(sweep, UPKEEP_INTERVAL_MS).unref();
}

/** A blob store's object is named within moments of being written; one unnamed for an hour is a crash's leftover. */
const ORPHAN_GRACE_MS = 3_600_000;
/** The sweep lists every object (pages of a bucket on S3), and crashes are rare: at start, then every six hours. */
const ORPHAN_SWEEP_INTERVAL_MS = 6 * 3_600_000;

/** At start and every six hours, objects that no blob names (left by a crash, plaintext ones before sealing among them) are deleted. */
function scheduleOrphanSweep(services: Services, log: FastifyBaseLogger): void {
  const sweep = () =>
    void services.blobs
      .sweepOrphans(new Date(Date.now() - ORPHAN_GRACE_MS))
      .then((report) => report.objects > 0 && log.info(report, 'stored objects no blob names removed'))
      .catch((error: unknown) => log.error({ err: error }, 'the orphan sweep failed'));
  sweep();
  setInterval(sweep, ORPHAN_SWEEP_INTERVAL_MS).unref();
}

/**
 * In the background, with progress in the log: blobs stored before
 * encryption at rest was on are sealed, data keys still under a key that a
 * rotation replaced are re-wrapped, and TOTP and request-signing secrets not
 * under the active key are re-sealed (each resumes at the next start if cut
 * short).
 */
function encryptInBackground(services: Services, log: FastifyBaseLogger): void {
  const { keyring } = services.storage;
  void encryptExistingBlobs({ blobs: services.blobs, log })
    .then((report) => report.sealed > 0 && log.info(report, 'blobs stored before encryption at rest are encrypted now'))
    .catch((error: unknown) => log.error({ err: error }, 'encrypting existing blobs failed; it is tried again at the next start'));
  if (keyring) {
    void rewrapDataKeys({ db: services.db, keyring, progress: (left) => log.info({ left }, 're-wrapping data keys under the active storage key') })
      .then((report) => report.rewrapped > 0 && log.info(report, 'data keys re-wrapped under the active storage key'))
      .catch((error: unknown) => log.error({ err: error }, 're-wrapping data keys failed; it is tried again at the next start'));
    void services.sealers
      .current()
      .then((sealers) => resealSecrets(services.db, sealers))
      .then((report) => report.resealed > 0 && log.info(report, 'TOTP and request-signing secrets re-sealed under the active storage key'))
      .catch((error: unknown) => log.error({ err: error }, 're-sealing secrets failed; it is tried again at the next start'));
  }
}

function baseUrl(config: Config, port: number): string {
  if (config.publicUrl) return config.publicUrl;
  const wildcard = config.host === '0.0.0.0' || config.host === '::';
  const host = wildcard ? '127.0.0.1' : config.host.includes(':') ? `[${config.host}]` : config.host;
  return `http://${host}:${port}`;
}

/**
 * The token is a secret, so it never goes into the log. An operator at a
 * terminal gets a ready-to-open link (token in the URL fragment, which is never
 * sent to the server); when output is captured (systemd, Docker) only the plain
 * URL and the token file's location are printed.
 */
function announceSetup(log: { info: (obj: object, msg: string) => void }, state: Extract<SetupState, { required: true }>, base: string): void {
  const url = `${base}/setup`;
  log.info({ setup_url: url, token_file: state.tokenFile }, 'first-run setup: no account exists yet');
  const lines = process.stdout.isTTY
    ? [`Create the first admin: ${url}#token=${state.token}`]
    : [`Create the first admin: ${url}`, `The one-time setup token is in ${state.tokenFile}`];
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
}
