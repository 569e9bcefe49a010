import { existsSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import type { Config } from '../config/load.js';
import { openDatabase } from '../db/database.js';
import { knowsMigration, migrateToLatest } from '../db/migrate.js';
import type { Db } from '../db/types.js';
import { objectStoreFor, openStorage } from '../storage/open-storage.js';
import type { ShredLedgerTable } from '../storage/tables.js';
import { backupFiles, COPIES_AT_ONCE } from './backups.js';
import { inParallel } from './in-parallel.js';
import { libpqEnv, pgTool } from './database-snapshot.js';
import type { BackupKeys } from './keys.js';
import { type Manifest, readSnapshot } from './manifest.js';
import { checkedCopy, openSealed } from './sealed-files.js';
import { readLedgerCopy } from './shred-ledger-copy.js';

export class RestoreError extends Error {
  override name = 'RestoreError';
}

export interface RestoreReport {
  readonly name: string;
  readonly objects: number;
  /** Objects the shred ledger says were erased: not restored, and their rows removed. */
  readonly erased: number;
  /** Jobs and uploads whose every file was erased since the backup: removed too. */
  readonly removed: { readonly jobs: number; readonly uploads: number };
  readonly migrated: readonly string[];
}

const ROWS_PER_STATEMENT = 500;
const chunks = <T>(items: readonly T[]) => Array.from({ length: Math.ceil(items.length / ROWS_PER_STATEMENT) }, (_, i) => items.slice(i * ROWS_PER_STATEMENT, (i + 1) * ROWS_PER_STATEMENT));

/** The restore goes into an empty place only: no database, no stored object (a backup never overwrites a live server). */
async function assertEmpty(config: Config): Promise<void> {
  if (config.database.kind === 'sqlite' && existsSync(config.database.file)) throw new RestoreError(`the data dir already has a database (${config.database.file}): restore into an empty data dir`);
  if (config.database.kind === 'postgres') {
    const probe = openDatabase(config.database);
    try {
      if ((await probe.db.introspection.getTables()).length > 0) throw new RestoreError('the PostgreSQL database (DATABASE_URL) is not empty: restore into a new, empty database');
    } finally {
      await probe.close();
    }
  }
  for await (const object of objectStoreFor(config.storage, config.dataDir).list()) {
    void object;
    throw new RestoreError('the blob storage already holds files: restore into an empty data dir (and an empty bucket)');
  }
}

async function restoreDatabase(config: Config, manifest: Manifest, plaintext: AsyncIterable<Buffer>): Promise<void> {
  if (config.database.kind === 'sqlite') {
    const target = config.database.file;
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    const partial = `${target}.restoring`;
    const handle = await open(partial, 'w', 0o600);
    try {
      for await (const chunk of plaintext) await handle.write(chunk);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(partial, target);
    return;
  }
  if (manifest.database.format !== 'pg_dump') throw new RestoreError('this backup holds a SQLite database; restore it with DATABASE_URL unset');
  const url = config.database.url.reveal();
  const restore = pgTool('pg_restore', ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${libpqEnv(url).PGDATABASE}`], url, plaintext);
  for await (const chunk of restore.stdout) void chunk;
  await restore.ended;
}

/**
 * Replays the shred ledger: the copy beside the backups (what was erased
 * after this backup was made) and the restored database's own. Erased
 * objects' rows go, and so do jobs and uploads none of whose files is left:
 * nothing erased comes back.
 */
async function replayLedger(db: Db, ledger: ReadonlyMap<string, ShredLedgerTable>): Promise<{ jobs: number; uploads: number }> {
  const ids = [...ledger.keys()];
  const affected = new Set<string>();
  for (const part of chunks(ids)) {
    for (const row of await db.selectFrom('blobs').select('key').where('id', 'in', part).execute()) affected.add(row.key.split('/').slice(0, 2).join('/'));
    await db.deleteFrom('blobs').where('id', 'in', part).execute();
    await db.insertInto('shred_ledger').values(part.map((id) => ledger.get(id)!)).onConflict((oc) => oc.column('object_id').doNothing()).execute();
  }
  let jobs = 0;
  let uploads = 0;
  for (const prefix of affected) {
    const [kind, id] = prefix.split('/') as [string, string];
    const left = await db.selectFrom('blobs').select('key').where((eb) => eb(eb.fn<string>('substr', ['key', eb.val(1), eb.val(prefix.length + 1)]), '=', `${prefix}/`)).limit(1).execute();
    if (left.length > 0) continue;
    if (kind === 'artifacts') jobs += Number((await db.deleteFrom('jobs').where('id', '=', id).executeTakeFirst()).numDeletedRows);
    if (kind === 'uploads') uploads += Number((await db.deleteFrom('uploads').where('id', '=', id).executeTakeFirst()).numDeletedRows);
  }
  return { jobs, uploads };
}

/**
 * Restores backup `name` into the empty data dir (and database, and bucket)
 * `config` names: the version checked first (a backup from a newer Sakuga is
 * refused; an older one is migrated after), then the database, the objects
 * and the shred ledger's replay. The keys must be in place already: the
 * backup's SAKUGA_ENCRYPTION_KEY, and the storage keys where encryption at
 * rest was on. On failure a SQLite restore is undone (the data dir is empty
 * again); a PostgreSQL one runs in one transaction.
 */
export async function restoreBackup(deps: { config: Config; keys: BackupKeys; name: string; progress?: (done: number, total: number) => void }): Promise<RestoreReport> {
  const { config, keys, name } = deps;
  const dir = config.backup.dir;
  const listed = await readSnapshot(dir, keys, name);
  if (!('manifest' in listed)) throw new RestoreError(`backup ${name} cannot be restored: ${listed.damaged}`);
  const { manifest } = listed;
  if (!knowsMigration(manifest.schema)) throw new RestoreError(`backup ${name} was made by a newer Sakuga (${manifest.sakuga_version}, schema ${manifest.schema}): upgrade Sakuga first`);
  if (manifest.dialect !== config.database.kind) throw new RestoreError(`backup ${name} holds a ${manifest.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} database, and this server is configured for ${config.database.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`);
  await assertEmpty(config);
  const files = backupFiles(dir);
  try {
    await restoreDatabase(config, manifest, await openSealed(files, keys, manifest.database.id, manifest.database.bytes));
    const database = openDatabase(config.database);
    try {
      const ledger = await readLedgerCopy(dir);
      for (const row of await database.db.selectFrom('shred_ledger').selectAll().execute()) ledger.set(row.object_id, row);
      const sealed = await database.db.selectFrom('blobs').select('id').where('kid', 'is not', null).limit(1).execute();
      if (sealed.length > 0 && !config.storage.encrypted) throw new RestoreError('the backup holds files encrypted at rest: restore with ENCRYPTION_AT_REST=on (and the storage keys in secrets/storage-keys)');
      // Opened as the server opens it: a storage key the restored database needs and the data dir lacks stops here.
      const { objects } = await openStorage({ config: config.storage, dataDir: config.dataDir, db: database.db, now: () => new Date() });
      let restored = 0;
      let erased = 0;
      await inParallel(manifest.objects, COPIES_AT_ONCE, async (file) => {
        if (ledger.has(file.id)) {
          erased += 1;
          return;
        }
        await objects.put(file.id, Readable.from(file.at_rest ? checkedCopy(files, file) : await openSealed(files, keys, file.id, file.bytes)));
        restored += 1;
        deps.progress?.(restored + erased, manifest.objects.length);
      });
      // Rows of objects deleted between the snapshot and their copy: nothing to restore them from.
      const inBackup = new Set(manifest.objects.map((file) => file.id));
      const strays = (await database.db.selectFrom('blobs').select('id').distinct().execute()).map((row) => row.id).filter((id) => !inBackup.has(id));
      for (const part of chunks(strays)) await database.db.deleteFrom('blobs').where('id', 'in', part).execute();
      const removed = await replayLedger(database.db, ledger);
      const { applied } = await migrateToLatest(database.db);
      return { name, objects: restored, erased, removed, migrated: applied };
    } finally {
      await database.close();
    }
  } catch (error) {
    await undo(config);
    throw error;
  }
}

/** Back to empty after a failed SQLite restore: the database file and every object restored so far. */
async function undo(config: Config): Promise<void> {
  if (config.database.kind !== 'sqlite') return;
  for (const suffix of ['', '-wal', '-shm', '.restoring']) await rm(`${config.database.file}${suffix}`, { force: true });
  const objects = objectStoreFor(config.storage, config.dataDir);
  for await (const { id } of objects.list()) await objects.delete(id);
}
