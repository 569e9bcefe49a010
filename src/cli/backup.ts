import { parseArgs } from 'node:util';
import { BackupBusyError } from '../backup/backups.js';
import { BackupToolError } from '../backup/database-snapshot.js';
import { backupKeys } from '../backup/keys.js';
import { RestoreError, restoreBackup } from '../backup/restore.js';
import { existingEncryptionKey } from '../config/generated-secrets.js';
import { loadConfig } from '../config/load.js';
import { StorageKeyError } from '../storage/keys/storage-keys.js';
import type { CliIo } from './io.js';
import { openRuntime } from './runtime.js';
import { UsageError } from './usage.js';

const BACKUP_USAGE = `Usage: sakuga backup create | list | verify [NAME] [--full] | restore NAME`;

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/**
 * `sakuga backup`: backups in BACKUP_DIR.
 * - create: one now (the database, then every object it names, new ones copied).
 * - list: every backup, newest last, and any that is damaged.
 * - verify: checks a backup's manifest and every file's size, and decrypts
 *   the database and a sample of objects whole (all of them with --full).
 * - restore: into an empty data dir (and database, and bucket), with the
 *   backup's keys in place; the server stopped.
 */
export async function backupCommand(args: string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  const [subcommand, ...rest] = args;
  if (!['create', 'list', 'verify', 'restore'].includes(subcommand ?? '')) throw new UsageError(BACKUP_USAGE);
  const { values, positionals } = parseArgs({ args: rest, options: { full: { type: 'boolean' } }, allowPositionals: true, strict: true });
  if (subcommand === 'restore' && positionals.length !== 1) throw new UsageError(`restore needs the name of a backup (sakuga backup list)\n${BACKUP_USAGE}`);
  try {
    if (subcommand === 'restore') return await restore(positionals[0]!, env, io);
    const runtime = await openRuntime(env);
    const { backups } = runtime.services;
    try {
      if (subcommand === 'create') {
        const manifest = await backups.create();
        io.stdout.write(`Backup ${manifest.name} made in ${backups.dir}: the database and ${manifest.objects.length} files, ${manifest.copied.objects} of them new (${megabytes(manifest.copied.bytes)}).\n`);
        return 0;
      }
      const listed = await backups.list();
      if (subcommand === 'list') {
        if (listed.length === 0) io.stdout.write(`No backup in ${backups.dir} yet.\n`);
        for (const entry of listed) {
          if ('damaged' in entry) io.stdout.write(`${entry.name}  DAMAGED: ${entry.damaged}\n`);
          else io.stdout.write(`${entry.name}  ${entry.manifest.created_at}  ${entry.manifest.objects.length} files  Sakuga ${entry.manifest.sakuga_version}  ${entry.manifest.dialect}\n`);
        }
        return 0;
      }
      const name = positionals[0] ?? listed.at(-1)?.name;
      if (!name) throw new RestoreError(`no backup in ${backups.dir} to verify`);
      const result = await backups.verify(name, { full: values.full === true });
      io.stdout.write(`${name}: ${result.ok ? 'OK' : 'FAILED'}; ${result.checked.files} files present, ${result.checked.decrypted} decrypted whole${result.erased_since > 0 ? `; ${result.erased_since} erased since, as they should be` : ''}\n`);
      for (const problem of result.problems) io.stdout.write(`  ${problem}\n`);
      return result.ok ? 0 : 1;
    } finally {
      await runtime.database.close();
    }
  } catch (error) {
    if (error instanceof RestoreError || error instanceof BackupBusyError || error instanceof BackupToolError || error instanceof StorageKeyError) {
      io.stderr.write(`error: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

async function restore(name: string, env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  const config = loadConfig(env);
  const key = existingEncryptionKey(config);
  if (!key) throw new RestoreError('SAKUGA_ENCRYPTION_KEY is needed: set it, or put the secrets/ folder you kept with the backup into the data dir first');
  const report = await restoreBackup({ config, keys: backupKeys(key), name, progress: (done, total) => done % 500 === 0 && io.stdout.write(`  ${done} of ${total} files\n`) });
  io.stdout.write(
    `Restored ${name}: the database and ${report.objects} files${report.erased > 0 ? `; ${report.erased} files erased since the backup stay erased (${report.removed.jobs} jobs, ${report.removed.uploads} uploads removed with them)` : ''}${report.migrated.length > 0 ? `; the schema brought up to date (${report.migrated.length} migrations)` : ''}. Start the server now.\n`,
  );
  return 0;
}
