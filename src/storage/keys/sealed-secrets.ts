import type { Secret } from '../../config/secret.js';
import { createSealer, type Sealer, type SealingKeys } from '../../crypto/seal.js';
import type { Db } from '../../db/types.js';
import type { Keyring } from '../crypto/data-key.js';
import { readKeyFiles, storageKeysDir } from './storage-keys.js';

/** What SAKUGA_ENCRYPTION_KEY is called among the sealing keys. */
export const SERVER_KEY = 'server';

/**
 * The keys small secrets are sealed under. With encryption at rest on, new
 * ones go under the active storage key, so a rotation covers them as it
 * covers the blobs' data keys; off, under SAKUGA_ENCRYPTION_KEY. Every other
 * key present still opens what it sealed (SAKUGA_ENCRYPTION_KEY, every
 * storage key file), so turning encryption off, or a rotation not yet
 * finished, never locks anyone out.
 */
export function sealingKeys(deps: { dataDir: string; serverKey: Secret; activeKid?: string }): SealingKeys {
  const server = { kid: SERVER_KEY, kek: deps.serverKey.reveal() };
  const files = [...readKeyFiles(storageKeysDir(deps.dataDir))].map(([kid, kek]) => ({ kid, kek }));
  const active = deps.activeKid === undefined ? server : files.find((key) => key.kid === deps.activeKid);
  if (!active) throw new Error(`the active storage key ${deps.activeKid} has no file`);
  return { active, others: [server, ...files] };
}

/** The sealers of the secrets Sakuga keeps: TOTP secrets and API keys' request-signing secrets. */
export interface SecretSealers {
  readonly totp: Sealer;
  readonly apiKeySigning: Sealer;
}

export function createSecretSealers(keys: SealingKeys): SecretSealers {
  return { totp: createSealer(keys, 'totp'), apiKeySigning: createSealer(keys, 'api-key-signing') };
}

/** A sealer for one kind of secret that is always up to date with the keys (asynchronous: it may re-read them). */
export interface CurrentSealer {
  seal(plaintext: string, associatedData: string): Promise<string>;
  open(envelope: string, associatedData: string): Promise<string>;
}

/**
 * The sealers a running server uses. They follow the storage keyring, so a
 * `sakuga keys rotate` run beside the server is picked up without a restart:
 * a secret is sealed under the key active on record, and one sealed under a
 * key this process has not met yet re-reads the keys first. `current()` is
 * the sealers as the keys stand now (to re-seal or count with).
 */
export function followingSealers(deps: { dataDir: string; serverKey: Secret; keyring?: Keyring }) {
  const { keyring } = deps;
  const build = () => createSecretSealers(sealingKeys({ dataDir: deps.dataDir, serverKey: deps.serverKey, ...(keyring && { activeKid: keyring.activeKid }) }));
  let sealers = build();
  let builtFor = keyring?.activeKid;
  const rebuild = () => {
    sealers = build();
    builtFor = keyring?.activeKid;
  };
  async function current(): Promise<SecretSealers> {
    await keyring?.refreshIfRotated?.();
    if (keyring && keyring.activeKid !== builtFor) rebuild();
    return sealers;
  }
  const follow = (kind: keyof SecretSealers): CurrentSealer => ({
    seal: async (plaintext, associatedData) => (await current())[kind].seal(plaintext, associatedData),
    async open(envelope, associatedData) {
      if (sealers[kind].sealedUnder(envelope) === undefined) {
        await keyring?.refresh?.();
        rebuild();
      }
      return sealers[kind].open(envelope, associatedData);
    },
  });
  return { current, totp: follow('totp'), apiKeySigning: follow('apiKeySigning') };
}

export type FollowingSealers = ReturnType<typeof followingSealers>;

/** Every sealed secret column: where it is, the sealer it belongs to, and the associated data it is bound to. */
const SEALED_COLUMNS = [
  { table: 'users', column: 'totp_secret_sealed', sealer: 'totp', aad: (id: string) => `totp:${id}` },
  { table: 'users', column: 'totp_pending_sealed', sealer: 'totp', aad: (id: string) => `totp:${id}` },
  { table: 'api_keys', column: 'signing_secret_sealed', sealer: 'apiKeySigning', aad: (id: string) => `api-key:${id}` },
] as const;

async function sealedValues(db: Db, place: (typeof SEALED_COLUMNS)[number]): Promise<Array<{ id: string; value: string }>> {
  const rows = await db.selectFrom(place.table).select(['id', place.column]).where(place.column, 'is not', null).execute();
  return rows.map((row) => ({ id: row.id, value: (row as Record<string, string>)[place.column]! }));
}

/** How many sealed secrets each key holds (`server` for SAKUGA_ENCRYPTION_KEY); ones no key here opens, as `unknown`. */
export async function secretsByKey(db: Db, sealers: SecretSealers): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const place of SEALED_COLUMNS) {
    for (const { value } of await sealedValues(db, place)) {
      const kid = sealers[place.sealer].sealedUnder(value) ?? 'unknown';
      counts.set(kid, (counts.get(kid) ?? 0) + 1);
    }
  }
  return counts;
}

/**
 * Re-seals every secret not under the active key: opened with the key it is
 * under, sealed again under the active one. Each row is updated only if it
 * still holds what was read (a secret changed meanwhile is new already).
 * Resumable: stopped at any point, what was not moved is still under the old
 * key, which still opens it. The tables are small (one row per user or key).
 */
export async function resealSecrets(db: Db, sealers: SecretSealers): Promise<{ resealed: number }> {
  let resealed = 0;
  for (const place of SEALED_COLUMNS) {
    const sealer = sealers[place.sealer];
    for (const { id, value } of await sealedValues(db, place)) {
      if (value.split('.')[1] === sealer.keyId) continue;
      const fresh = sealer.seal(sealer.open(value, place.aad(id)), place.aad(id));
      const result = await db
        .updateTable(place.table)
        .set({ [place.column]: fresh })
        .where('id', '=', id)
        .where(place.column, '=', value)
        .executeTakeFirst();
      resealed += Number(result.numUpdatedRows);
    }
  }
  return { resealed };
}
