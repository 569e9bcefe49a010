import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../db/types.js';

export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: { readonly database: boolean; readonly data_dir: boolean };
}

/** Ready means: the database answers and the data dir accepts a write. */
export function createReadinessCheck(deps: { db: Db; dataDir: string }) {
  return async function checkReadiness(): Promise<ReadinessReport> {
    const [database, dataDir] = await Promise.all([databaseAnswers(deps.db), dirWritable(deps.dataDir)]);
    return { ready: database && dataDir, checks: { database, data_dir: dataDir } };
  };
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
