import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackupKeys } from './keys.js';
import type { SealedFile } from './sealed-files.js';

export const MANIFEST_FORMAT = 'sakuga-backup/1';
/** A snapshot's name: when it was made (UTC, sortable) and a random tail. */
export const SNAPSHOT_NAME = /^\d{8}T\d{6}Z-[0-9a-f]{6}$/;

/**
 * What one backup holds, written last: a snapshot without a manifest (a
 * backup cut short) is never listed, and one whose MAC does not verify is
 * listed as damaged. No name of anyone's file is in it: object ids, sizes
 * and hashes only.
 */
export interface Manifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly name: string;
  readonly created_at: string;
  readonly finished_at: string;
  readonly sakuga_version: string;
  /** The last migration the database had: a restore refuses a backup newer than its code. */
  readonly schema: string;
  readonly dialect: 'sqlite' | 'postgres';
  readonly key_id: string;
  /** The database snapshot (SQLite's online copy, or pg_dump's custom format), sealed. */
  readonly database: SealedFile & { readonly format: 'sqlite' | 'pg_dump' };
  /** Every stored object the database names, sealed, by its id. */
  readonly objects: readonly SealedFile[];
  /** Of those, copied by this backup (the rest were in an earlier one). */
  readonly copied: { readonly objects: number; readonly bytes: number };
  /** Objects the database named that were gone by the time they were copied (deleted since the snapshot). */
  readonly missing: number;
}

const manifestFile = (dir: string, name: string) => join(dir, 'snapshots', `${name}.json`);

/** Writes the manifest with its MAC, atomically (a temp file, fsynced, renamed): the commit point of a backup. */
export async function writeManifest(dir: string, keys: BackupKeys, manifest: Manifest): Promise<void> {
  const body = JSON.stringify(manifest);
  const text = `${JSON.stringify({ manifest, mac: keys.mac(body) }, null, 1)}\n`;
  await mkdir(join(dir, 'snapshots'), { recursive: true, mode: 0o700 });
  const partial = join(dir, 'snapshots', `.${manifest.name}.${randomBytes(4).toString('hex')}.partial`);
  const handle = await open(partial, 'wx', 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(partial, manifestFile(dir, manifest.name));
  const folder = await open(join(dir, 'snapshots'), 'r');
  await folder.sync().finally(() => folder.close());
}

export type ListedSnapshot = { readonly name: string; readonly manifest: Manifest } | { readonly name: string; readonly damaged: string };

/** Every snapshot with a manifest, oldest first: verified by its MAC, or damaged (and why). */
export async function readSnapshots(dir: string, keys: BackupKeys): Promise<ListedSnapshot[]> {
  const names = (await readdir(join(dir, 'snapshots')).catch(() => [] as string[]))
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .filter((name) => SNAPSHOT_NAME.test(name))
    .sort();
  const listed: ListedSnapshot[] = [];
  for (const name of names) listed.push(await readSnapshot(dir, keys, name));
  // By when each was made (a name has whole seconds only); a damaged one by its name.
  const madeAt = (entry: ListedSnapshot) => ('manifest' in entry ? entry.manifest.created_at : entry.name);
  return listed.sort((a, b) => madeAt(a).localeCompare(madeAt(b)) || a.name.localeCompare(b.name));
}

export async function readSnapshot(dir: string, keys: BackupKeys, name: string): Promise<ListedSnapshot> {
  if (!SNAPSHOT_NAME.test(name)) return { name, damaged: 'not a backup name' };
  let parsed: { manifest?: Manifest; mac?: string };
  try {
    parsed = JSON.parse(await readFile(manifestFile(dir, name), 'utf8')) as typeof parsed;
  } catch (error) {
    return { name, damaged: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such backup' : 'its manifest is not readable JSON' };
  }
  if (!parsed.manifest || typeof parsed.mac !== 'string') return { name, damaged: 'its manifest is incomplete' };
  if (parsed.manifest.format !== MANIFEST_FORMAT) return { name, damaged: `an unknown backup format (${String(parsed.manifest.format)})` };
  if (parsed.manifest.key_id !== keys.keyId) return { name, damaged: 'made under another SAKUGA_ENCRYPTION_KEY' };
  if (!keys.macMatches(JSON.stringify(parsed.manifest), parsed.mac) || parsed.manifest.name !== name) return { name, damaged: 'its manifest does not verify (changed or damaged)' };
  return { name, manifest: parsed.manifest };
}

export async function removeManifest(dir: string, name: string): Promise<void> {
  await rm(manifestFile(dir, name), { force: true });
}
