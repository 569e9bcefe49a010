import type { Db } from '../../db/types.js';
import type { Keyring } from '../crypto/data-key.js';
import { type SecretSealers, secretsByKey, SERVER_KEY } from './sealed-secrets.js';
import { keyRows, StorageKeyError, storageKeysDir, writeNewKeyFile } from './storage-keys.js';

/** Data keys re-wrapped per transaction. */
const REWRAP_BATCH = 500;

export interface KeyStatus {
  readonly kid: string;
  readonly state: 'active' | 'decrypt' | 'retired';
  readonly created_at: string;
  readonly updated_at: string;
  /** Blobs whose data key it wraps. */
  readonly blobs: number;
  /** Small secrets (TOTP, request signing) sealed under it. */
  readonly secrets: number;
}

/**
 * Every key with how many blobs and secrets it holds; how many blobs are
 * still in plaintext, and how many secrets are still under
 * SAKUGA_ENCRYPTION_KEY (moved to the active key in the background).
 */
export async function keyStatus(db: Db, sealers: SecretSealers): Promise<{ keys: KeyStatus[]; plaintext: number; serverSecrets: number }> {
  const counts = await db.selectFrom('blobs').select(['kid', (eb) => eb.fn.countAll<string | number>().as('n')]).groupBy('kid').execute();
  const byKid = new Map(counts.map((row) => [row.kid, Number(row.n)]));
  const secrets = await secretsByKey(db, sealers);
  const keys = (await keyRows(db)).map((row) => ({ ...row, blobs: byKid.get(row.kid) ?? 0, secrets: secrets.get(row.kid) ?? 0 }));
  return { keys, plaintext: byKid.get(null) ?? 0, serverSecrets: secrets.get(SERVER_KEY) ?? 0 };
}

/**
 * Adds a key and makes it the active one; the key that was active only
 * unwraps from now on, until rewrapDataKeys has moved every data key off it.
 * Blobs are never rewritten: rotation is rows in the database.
 */
export async function rotateKey(db: Db, dataDir: string, now: Date): Promise<string> {
  const { kid } = writeNewKeyFile(storageKeysDir(dataDir));
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('storage_keys').set({ state: 'decrypt', updated_at: at }).where('state', '=', 'active').execute();
    await trx.insertInto('storage_keys').values({ kid, state: 'active', created_at: at, updated_at: at }).execute();
  });
  return kid;
}

/**
 * Re-wraps every data key under a key that is not the active one, in
 * batches, each row updated only if it still holds what was read (a blob
 * replaced meanwhile has a new key already). Resumable: stopped at any point,
 * the rows not yet moved are simply still under the old key. `progress` is
 * told the count left after each batch.
 */
export async function rewrapDataKeys(deps: { db: Db; keyring: Keyring; progress?: (left: number) => void; signal?: AbortSignal }): Promise<{ rewrapped: number; left: number }> {
  const { db, keyring } = deps;
  const behind = () => db.selectFrom('blobs').where('kid', 'is not', null).where('kid', '!=', keyring.activeKid);
  let rewrapped = 0;
  for (;;) {
    const rows = await behind().select(['key', 'id', 'kid', 'wrapped_key']).orderBy('key').limit(REWRAP_BATCH).execute();
    if (rows.length === 0 || deps.signal?.aborted) break;
    await db.transaction().execute(async (trx) => {
      for (const row of rows) {
        const blobId = Buffer.from(row.id, 'hex');
        const dataKey = keyring.unwrap({ kid: row.kid!, wrapped: Buffer.from(row.wrapped_key!, 'base64') }, blobId);
        const wrapped = keyring.wrap(dataKey, blobId);
        dataKey.fill(0);
        const result = await trx
          .updateTable('blobs')
          .set({ kid: wrapped.kid, wrapped_key: wrapped.wrapped.toString('base64') })
          .where('key', '=', row.key)
          .where('id', '=', row.id)
          .where('wrapped_key', '=', row.wrapped_key)
          .executeTakeFirst();
        rewrapped += Number(result.numUpdatedRows);
      }
    });
    const left = Number((await behind().select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow()).n);
    deps.progress?.(left);
  }
  const left = Number((await behind().select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow()).n);
  return { rewrapped, left };
}

/**
 * Retires a key that no data key needs any more: from then on it unwraps
 * nothing, and its file may be destroyed once no backup from before today
 * is kept (a backup's rows may still be wrapped under it).
 */
export async function retireKey(db: Db, kid: string, now: Date, sealers: SecretSealers): Promise<void> {
  const row = (await keyRows(db)).find((key) => key.kid === kid);
  if (!row) throw new StorageKeyError(`there is no storage key ${kid}`);
  if (row.state === 'active') throw new StorageKeyError(`${kid} is the active key: rotate first`);
  const still = Number((await db.selectFrom('blobs').select((eb) => eb.fn.countAll<string | number>().as('n')).where('kid', '=', kid).executeTakeFirstOrThrow()).n);
  if (still > 0) throw new StorageKeyError(`${still} blobs are still under ${kid}: let the re-wrap finish (sakuga keys status shows it)`);
  const sealed = (await secretsByKey(db, sealers)).get(kid) ?? 0;
  if (sealed > 0) throw new StorageKeyError(`${sealed} secrets (TOTP, request signing) are still sealed under ${kid}: run sakuga keys rewrap`);
  await db.updateTable('storage_keys').set({ state: 'retired', updated_at: now.toISOString() }).where('kid', '=', kid).execute();
}
