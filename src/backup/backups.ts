import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackupConfig } from '../config/backup-variables.js';
import type { DatabaseConfig } from '../config/load.js';
import type { Db } from '../db/types.js';
import { BlobIntegrityError } from '../storage/crypto/blob-format.js';
import { createFsObjects } from '../storage/fs-objects.js';
import type { ObjectStore } from '../storage/object-store.js';
import { VERSION } from '../version.js';
import { withDatabaseSnapshot } from './database-snapshot.js';
import { inParallel } from './in-parallel.js';
import type { BackupKeys } from './keys.js';
import { type ListedSnapshot, type Manifest, MANIFEST_FORMAT, readSnapshot, readSnapshots, removeManifest, writeManifest } from './manifest.js';
import { copyInto, openSealed, type SealedFile, sealInto, storedHash } from './sealed-files.js';
import { mergeLedgerCopy, readLedgerCopy } from './shred-ledger-copy.js';

/** Files copied at once (each one's fsync overlaps the others' encryption). */
export const COPIES_AT_ONCE = 4;
/** Objects whose every byte `verify` decrypts, besides the database; `--full` decrypts them all. */
const VERIFY_SAMPLE = 8;

export class BackupBusyError extends Error {
  override name = 'BackupBusyError';
}

/** What `verify` found: whether the backup can be restored, and what it checked. */
export interface VerifyResult {
  readonly name: string;
  readonly ok: boolean;
  readonly problems: readonly string[];
  /** Files whose size was checked, and of those, decrypted whole (their hash and every segment's tag). */
  readonly checked: { readonly files: number; readonly decrypted: number };
  /** Objects erased since the backup (in the shred ledger): their copies are removed on purpose. */
  readonly erased_since: number;
}

/** The sealed files of every backup: one store under the backup dir, shared by the snapshots (an object's copy is made once). */
export const backupFiles = (dir: string): ObjectStore => createFsObjects(join(dir, 'files'));

export const newFileId = () => randomBytes(16).toString('hex');

/** A snapshot's name from its time: sortable, with a random tail. */
function snapshotName(at: Date): string {
  return `${at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
}

/**
 * One backup at a time per backup dir: a lock file naming the process. A
 * lock left by a process that is gone (killed) is taken over.
 */
async function takeLock(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, '.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(await readFile(path, 'utf8').catch(() => ''));
      if (Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) throw new BackupBusyError(`another backup is running (process ${pid})`);
      await rm(path, { force: true });
    }
  }
  throw new BackupBusyError('the backup lock could not be taken');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Backups of a server: the database first (a consistent snapshot), then
 * every stored object it names, copied once across backups by its immutable
 * id, all of it sealed under keys derived from SAKUGA_ENCRYPTION_KEY; a
 * MACed manifest written last is what makes a backup exist. The last
 * `keep` are kept; files no kept manifest names are removed, and so are
 * copies of objects erased since (the shred ledger's copy says which).
 */
export function createBackups(deps: {
  db: Db;
  database: DatabaseConfig;
  config: BackupConfig;
  objects: ObjectStore;
  keys: BackupKeys;
  dataDir: string;
  now: () => Date;
  /** Checks every segment of the copy of an object encrypted at rest (BlobStore.checkCopy); false when its key is gone. */
  checkAtRest?: (id: string, copy: ObjectStore) => Promise<boolean>;
}) {
  const { config, keys } = deps;
  const dir = config.dir;
  const files = backupFiles(dir);

  async function create(): Promise<Manifest> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const release = await takeLock(dir);
    try {
      const startedAt = deps.now();
      const earlier = new Map<string, SealedFile>();
      for (const listed of await readSnapshots(dir, keys)) if ('manifest' in listed) for (const file of listed.manifest.objects) earlier.set(file.id, file);
      // A backup killed midway leaves its database copy (plaintext) here: gone before anything else.
      const scratchDir = join(deps.dataDir, 'tmp', 'backup');
      await rm(scratchDir, { recursive: true, force: true });
      await mkdir(scratchDir, { recursive: true, mode: 0o700 });
      const { database, objects: named, schema } = await withDatabaseSnapshot({ db: deps.db, config: deps.database, scratchDir }, async (snapshot) => ({
        database: { ...(await sealInto(files, keys, newFileId(), snapshot.content)), format: snapshot.format },
        objects: snapshot.objects,
        schema: snapshot.schema,
      }));
      const objects: SealedFile[] = [];
      const copied = { objects: 0, bytes: 0 };
      let missing = 0;
      await inParallel(named, COPIES_AT_ONCE, async ({ id, atRest }) => {
        const before = earlier.get(id);
        // Immutable: a copy an earlier backup made (and that is still whole in size) is this object's.
        if (before && (await files.size(id)) === before.bytes) {
          objects.push(before);
          return;
        }
        const size = await deps.objects.size(id);
        if (size === undefined) {
          missing += 1; // deleted after the snapshot was taken
          return;
        }
        const source = await deps.objects.stream(id);
        objects.push(atRest ? await copyInto(files, id, source) : await sealInto(files, keys, id, source));
        copied.objects += 1;
        copied.bytes += size;
      });
      objects.sort((a, b) => a.id.localeCompare(b.id));
      await mergeLedgerCopy(dir, await deps.db.selectFrom('shred_ledger').selectAll().execute());
      const manifest: Manifest = {
        format: MANIFEST_FORMAT,
        name: snapshotName(startedAt),
        created_at: startedAt.toISOString(),
        finished_at: deps.now().toISOString(),
        sakuga_version: VERSION,
        schema,
        dialect: deps.database.kind,
        key_id: keys.keyId,
        database,
        objects,
        copied,
        missing,
      };
      await writeManifest(dir, keys, manifest);
      await prune();
      return manifest;
    } finally {
      await release();
    }
  }

  /** Keeps the newest `keep` backups; removes files no kept one names, copies of erased objects, and what a crash left half-written. */
  async function prune(): Promise<void> {
    const listed = await readSnapshots(dir, keys);
    const good = listed.filter((entry): entry is Extract<ListedSnapshot, { manifest: Manifest }> => 'manifest' in entry);
    for (const old of good.slice(0, Math.max(0, good.length - config.keep))) await removeManifest(dir, old.name);
    const kept = good.slice(-config.keep);
    const erased = await readLedgerCopy(dir);
    const named = new Set(kept.flatMap(({ manifest }) => [manifest.database.id, ...manifest.objects.map((file) => file.id)]));
    for await (const { id } of files.list()) if (!named.has(id) || erased.has(id)) await files.delete(id);
    await removePartials(join(dir, 'files'));
    for (const name of await readdir(join(dir, 'snapshots')).catch(() => [] as string[])) if (name.endsWith('.partial')) await rm(join(dir, 'snapshots', name), { force: true });
  }

  async function verify(name: string, options: { full?: boolean } = {}): Promise<VerifyResult> {
    const listed = await readSnapshot(dir, keys, name);
    if (!('manifest' in listed)) return { name, ok: false, problems: [listed.damaged], checked: { files: 0, decrypted: 0 }, erased_since: 0 };
    const { manifest } = listed;
    const erased = await readLedgerCopy(dir);
    const problems: string[] = [];
    let erasedSince = 0;
    const present: SealedFile[] = [];
    for (const file of [manifest.database, ...manifest.objects]) {
      const size = await files.size(file.id);
      if (size === undefined && erased.has(file.id)) erasedSince += 1;
      else if (size === undefined) problems.push(`file ${file.id} is missing`);
      else if (size !== file.bytes) problems.push(`file ${file.id} is ${size} bytes, not ${file.bytes}`);
      else present.push(file);
    }
    const objects = present.filter((file) => file.id !== manifest.database.id);
    const sample = options.full ? objects : [...objects].sort(() => Math.random() - 0.5).slice(0, VERIFY_SAMPLE);
    const toDecrypt = present.includes(manifest.database) ? [manifest.database, ...sample] : sample;
    let decrypted = 0;
    for (const file of toDecrypt) {
      try {
        if ((await storedHash(files, file.id)) !== file.sha256) throw new BlobIntegrityError('its hash is not the one recorded');
        if (!file.at_rest) for await (const chunk of await openSealed(files, keys, file.id, file.bytes)) void chunk;
        // Encrypted at rest: checked under the data key the live database holds for it, while one does.
        if (!file.at_rest || (await deps.checkAtRest?.(file.id, files))) decrypted += 1;
      } catch (error) {
        if (!(error instanceof BlobIntegrityError)) throw error;
        problems.push(`file ${file.id} does not decrypt: ${error.message}`);
      }
    }
    return { name, ok: problems.length === 0, problems, checked: { files: present.length, decrypted }, erased_since: erasedSince };
  }

  return { create, verify, list: () => readSnapshots(dir, keys), dir };
}

/** Removes the temporary files a write cut short leaves in the file store's folders (only under the lock: no write is in progress). */
async function removePartials(root: string): Promise<void> {
  for (const folder of await readdir(root).catch(() => [] as string[])) {
    for (const name of await readdir(join(root, folder)).catch(() => [] as string[])) if (name.endsWith('.partial')) await rm(join(root, folder, name), { force: true });
  }
}

export type Backups = ReturnType<typeof createBackups>;
