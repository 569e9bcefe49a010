import { sql } from 'kysely';
import type { StorageConfig } from '../config/storage-variables.js';
import type { Db } from '../db/types.js';
import { keyStatus } from './keys/rotation.js';
import type { SecretSealers } from './keys/sealed-secrets.js';

export interface StorageStatus {
  readonly backend: 'fs' | 's3';
  /** The bucket (and prefix) for S3; never a credential. */
  readonly location: string;
  readonly encryption: {
    readonly enabled: boolean;
    readonly keys: Array<{ kid: string; state: 'active' | 'decrypt' | 'retired'; blobs: number; secrets: number; created_at: string }>;
    /** Blobs still in plaintext (encryption turned on later seals them in the background). */
    readonly plaintext_blobs: number;
    /** Data keys still under a key that a rotation replaced (re-wrapped in the background). */
    readonly rewrap_left: number;
    /** TOTP and request-signing secrets not yet under the active key (re-sealed in the background). */
    readonly reseal_left: number;
  };
  /**
   * Files deleted for good (the shred ledger). Encrypted ones under a key
   * that is not retired yet could still be opened from a database backup
   * taken before they were erased, wherever a copy of their bytes is kept.
   */
  readonly shredded: { readonly objects: number; readonly encrypted: number; readonly in_older_backups: number; readonly keys: string[] };
  readonly totals: { readonly blobs: number; readonly bytes: number };
  /** Bytes each person's work takes: their jobs' stored files, and their uploads. */
  readonly users: Array<{ user_id: string; username: string; artifact_bytes: number; upload_bytes: number }>;
}

/** What the admin's storage page shows: where blobs live, the encryption state with its keys and progress, and usage per user. */
export async function storageStatus(db: Db, config: StorageConfig, sealers: SecretSealers): Promise<StorageStatus> {
  const keys = await keyStatus(db, sealers);
  const active = keys.keys.find((key) => key.state === 'active');
  const totals = await db.selectFrom('blobs').select([(eb) => eb.fn.countAll<string | number>().as('n'), (eb) => eb.fn.coalesce(eb.fn.sum<string | number>('size'), sql<number>`0`).as('bytes')]).executeTakeFirstOrThrow();
  // A job's blobs are named artifacts/<job id>/…: the job says whose they are.
  const artifactBytes = await db
    .selectFrom('blobs')
    .innerJoin('jobs', (join) => join.on(sql`substr(blobs.key, 11, 32)`, '=', sql.ref('jobs.id')))
    .select(['jobs.user_id as user_id', (eb) => eb.fn.sum<string | number>('blobs.size').as('bytes')])
    .where(sql`substr(blobs.key, 1, 10)`, '=', 'artifacts/')
    .groupBy('jobs.user_id')
    .execute();
  const uploadBytes = await db
    .selectFrom('uploads')
    .select(['user_id', (eb) => eb.fn.sum<string | number>('declared_size').as('bytes')])
    .where('status', 'in', ['receiving', 'validating', 'accepted'])
    .groupBy('user_id')
    .execute();
  const users = await db.selectFrom('users').select(['id', 'username']).orderBy('username').execute();
  const ledger = await db.selectFrom('shred_ledger').select(['kid', 'encrypted', (eb) => eb.fn.countAll<string | number>().as('n')]).groupBy(['kid', 'encrypted']).execute();
  const retired = new Set(keys.keys.filter((key) => key.state === 'retired').map((key) => key.kid));
  const exposed = ledger.filter((row) => row.kid !== null && !retired.has(row.kid));
  const bytesOf = (rows: ReadonlyArray<{ user_id: string; bytes: string | number | null }>, id: string) => Number(rows.find((row) => row.user_id === id)?.bytes ?? 0);
  return {
    backend: config.backend,
    location: config.backend === 's3' ? `s3://${config.s3.bucket}/${config.s3.prefix ?? ''}` : 'the data dir (blobs/)',
    encryption: {
      enabled: config.encrypted,
      keys: keys.keys.map(({ kid, state, blobs, secrets, created_at }) => ({ kid, state, blobs, secrets, created_at })),
      plaintext_blobs: keys.plaintext,
      rewrap_left: keys.keys.filter((key) => key !== active).reduce((sum, key) => sum + key.blobs, 0),
      // With encryption off, SAKUGA_ENCRYPTION_KEY is the key secrets belong under: nothing is left to move.
      reseal_left: active ? keys.keys.filter((key) => key !== active).reduce((sum, key) => sum + key.secrets, keys.serverSecrets) : 0,
    },
    shredded: {
      objects: ledger.reduce((sum, row) => sum + Number(row.n), 0),
      encrypted: ledger.filter((row) => Number(row.encrypted) === 1).reduce((sum, row) => sum + Number(row.n), 0),
      in_older_backups: exposed.reduce((sum, row) => sum + Number(row.n), 0),
      keys: [...new Set(exposed.map((row) => row.kid!))].sort(),
    },
    totals: { blobs: Number(totals.n), bytes: Number(totals.bytes) },
    users: users
      .map((user) => ({ user_id: user.id, username: user.username, artifact_bytes: bytesOf(artifactBytes, user.id), upload_bytes: bytesOf(uploadBytes, user.id) }))
      .sort((a, b) => b.artifact_bytes + b.upload_bytes - (a.artifact_bytes + a.upload_bytes)),
  };
}
