import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../db/types.js';
import type { StorageKeysTable } from '../tables.js';
import { createKeyring, keyIdOf, type Keyring } from '../crypto/data-key.js';

/**
 * Encryption at rest's key-encryption keys: each a file of its own in
 * `<data dir>/secrets/storage-keys/` (0600, named by its key id), each
 * one's state a row of `storage_keys`. Opening them at startup is where
 * encryption fails safe: the server does not start when a key it needs is
 * missing, and never falls back to writing plaintext.
 */

const KID = /^[0-9a-f]{16}$/;

export const storageKeysDir = (dataDir: string) => join(dataDir, 'secrets', 'storage-keys');

/** Encryption at rest cannot be used as configured: the server must not start. The message says what to do. */
export class StorageKeyError extends Error {
  override name = 'StorageKeyError';
}

/** The key files present: key id → key. A file whose name is not its key's id is refused (renamed, or another key's). */
export function readKeyFiles(dir: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return keys;
    throw error;
  }
  for (const name of names) {
    if (!KID.test(name)) continue;
    const path = join(dir, name);
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
    const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64url');
    if (key.length !== 32 || keyIdOf(key) !== name) throw new StorageKeyError(`storage key file ${name} does not hold the key of that id; restore it from your backup of secrets/storage-keys`);
    keys.set(name, key);
  }
  return keys;
}

/** Writes a new key file (exclusively: never over an existing one) and returns its id. */
export function writeNewKeyFile(dir: string): { kid: string; key: Buffer } {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  const kid = keyIdOf(key);
  writeFileSync(join(dir, kid), `${key.toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  return { kid, key };
}

export const keyRows = (db: Db): Promise<StorageKeysTable[]> => db.selectFrom('storage_keys').selectAll().orderBy('created_at').execute();

/** Key ids that wrap at least one blob's data key. */
async function kidsInUse(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('blobs').select('kid').distinct().where('kid', 'is not', null).execute();
  return rows.map((row) => row.kid!).sort();
}

/** The first key, made when encryption is first turned on: its file, then its row; a process that loses the race to another uses the other's. */
async function makeFirstKey(db: Db, dir: string, now: Date): Promise<void> {
  const { kid } = writeNewKeyFile(dir);
  const at = now.toISOString();
  try {
    await db.insertInto('storage_keys').values({ kid, state: 'active', created_at: at, updated_at: at }).execute();
  } catch (error) {
    rmSync(join(dir, kid), { force: true });
    if ((await keyRows(db)).some((row) => row.state === 'active')) return;
    throw error;
  }
}

/**
 * The keyring the blob store writes and reads with, or undefined when
 * encryption at rest is off. Refuses (StorageKeyError) when:
 * - encryption is on and the active key's file is missing;
 * - any blob is sealed under a key whose file is missing or that is retired;
 * - encryption is off while blobs are encrypted (they would be unreadable,
 *   and new blobs would be written in plaintext beside them).
 * Encryption turned on for the first time makes the first key.
 */
export async function openStorageKeyring(deps: { db: Db; dataDir: string; encrypted: boolean; now: () => Date }): Promise<Keyring | undefined> {
  const { db } = deps;
  const dir = storageKeysDir(deps.dataDir);
  const inUse = await kidsInUse(db);
  if (!deps.encrypted) {
    if (inUse.length > 0) throw new StorageKeyError('ENCRYPTION_AT_REST is off, but blobs here are encrypted: set ENCRYPTION_AT_REST=on (with the keys in secrets/storage-keys) to read them');
    return undefined;
  }
  if ((await keyRows(db)).length === 0) {
    if (inUse.length > 0) throw new StorageKeyError('blobs here are encrypted, but no storage key is recorded: restore the database together with its secrets/storage-keys');
    await makeFirstKey(db, dir, deps.now());
  }
  return followRotations(await loadKeyring(db, dir), () => loadKeyring(db, dir), async () => (await keyRows(db)).find((row) => row.state === 'active')?.kid);
}

/**
 * A keyring that follows `sakuga keys` run beside a running server: a key
 * met for the first time, or an active key changed on record, re-reads the
 * key files and their states. When the re-read fails (a file gone), the keys
 * already loaded stay in use.
 */
function followRotations(initial: Keyring, reload: () => Promise<Keyring>, activeOnRecord: () => Promise<string | undefined>): Keyring {
  let current = initial;
  const refresh = async () => {
    current = await reload().catch(() => current);
  };
  return {
    get activeKid() {
      return current.activeKid;
    },
    get kids() {
      return current.kids;
    },
    wrap: (dataKey, blobId) => current.wrap(dataKey, blobId),
    unwrap: (key, blobId) => current.unwrap(key, blobId),
    refresh,
    async refreshIfRotated() {
      const active = await activeOnRecord();
      if (active !== undefined && active !== current.activeKid) await refresh();
    },
  };
}

/** The keyring as the key rows and files are now; refuses (StorageKeyError) as openStorageKeyring says. */
async function loadKeyring(db: Db, dir: string): Promise<Keyring> {
  const inUse = await kidsInUse(db);
  const rows = await keyRows(db);
  const files = readKeyFiles(dir);
  const active = rows.find((row) => row.state === 'active');
  if (!active || !files.has(active.kid)) throw new StorageKeyError(`ENCRYPTION_AT_REST is on, but the active storage key ${active?.kid ?? '(none)'} is not in secrets/storage-keys: restore it from your backup; Sakuga will not write blobs unencrypted`);
  const usable = new Set(rows.filter((row) => row.state !== 'retired' && files.has(row.kid)).map((row) => row.kid));
  const unreadable = inUse.filter((kid) => !usable.has(kid));
  if (unreadable.length > 0) throw new StorageKeyError(`blobs are sealed under storage keys that are missing or retired here (${unreadable.join(', ')}): restore their files in secrets/storage-keys`);
  return createKeyring([...usable].map((kid) => files.get(kid)!), active.kid);
}
