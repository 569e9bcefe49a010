import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../db/types.js';
import type { ObjectStore } from '../storage/object-store.js';

export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: { readonly database: boolean; readonly data_dir: boolean; readonly storage: boolean };
}

/** Ready means: the database answers, the data dir accepts a write and the blob storage answers. */
export function createReadinessCheck(deps: { db: Db; dataDir: string; objects: ObjectStore }) {
  return async function checkReadiness(): Promise<ReadinessReport> {
    const [database, dataDir, storage] = await Promise.all([databaseAnswers(deps.db), dirWritable(deps.dataDir), storageAnswers(deps.objects)]);
    return { ready: database && dataDir && storage, checks: { database, data_dir: dataDir, storage } };
  };
}

/** Asks the backend about an object that never exists: an answer either way means it is there (S3 up, the disk mounted). */
async function storageAnswers(objects: ObjectStore): Promise<boolean> {
  try {
    await objects.size('0'.repeat(32));
    return true;
  } catch {
    return false;
  }
}

async function databaseAnswers(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

async function dirWritable(dir: string): Promise<boolean> {
  const probe = join(dir, `.ready-${randomBytes(6).toString('hex')}`);
  try {
    await writeFile(probe, '', { mode: 0o600, flag: 'wx' });
    await rm(probe, { force: true });
    return true;
  } catch {
    return false;
  }
}
