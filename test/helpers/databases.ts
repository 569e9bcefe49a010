import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../../src/config/load.js';
import { Secret } from '../../src/config/secret.js';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import type { DialectName } from '../../src/db/types.js';

/**
 * The dialects every database-facing suite runs on: SQLite always, PostgreSQL
 * when one is reachable. Outside CI an absent PostgreSQL skips with a reason;
 * in CI (CI=true) it is a failure, so the PostgreSQL tests can never silently
 * stop running there.
 */
export interface DatabaseTarget {
  readonly dialect: DialectName;
  /** Set when this dialect cannot run here; pass to describe(..., { skip }). */
  readonly skip: string | false;
  /** A brand-new empty database and a function that deletes it. */
  create(): Promise<TestDatabase>;
}

export interface TestDatabase {
  readonly config: DatabaseConfig;
  open(): DatabaseHandle;
  drop(): Promise<void>;
}

export const POSTGRES_TEST_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let probe: Promise<string | false> | undefined;

/** Resolves to false when PostgreSQL answers, or to the reason it does not. */
export function postgresUnavailable(): Promise<string | false> {
  probe ??= (async () => {
    const client = new pg.Client({ connectionString: POSTGRES_TEST_URL, connectionTimeoutMillis: 3_000 });
    try {
      await client.connect();
      await client.query('select 1');
      return false;
    } catch (error) {
      const reason = `PostgreSQL not reachable at ${new URL(POSTGRES_TEST_URL).host} (${(error as Error).message}); set TEST_DATABASE_URL`;
      if (process.env.CI) throw new Error(`CI must run the PostgreSQL tests: ${reason}`);
      return reason;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return probe;
}

export async function databaseTargets(): Promise<DatabaseTarget[]> {
  const pgSkip = await postgresUnavailable();
  return [
    { dialect: 'sqlite', skip: false, create: async () => createSqlite() },
    { dialect: 'postgres', skip: pgSkip, create: createPostgres },
  ];
}

function createSqlite(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'sakuga-db-'));
  const config: DatabaseConfig = { kind: 'sqlite', file: join(dir, 'sakuga.db') };
  return {
    config,
    open: () => openDatabase(config),
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function createPostgres(): Promise<TestDatabase> {
  const name = `sakuga_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((admin) => sql`create database ${sql.id(name)}`.execute(admin));
  const url = new URL(POSTGRES_TEST_URL);
  url.pathname = `/${name}`;
  const config: DatabaseConfig = { kind: 'postgres', url: new Secret(url.href) };
  return {
    config,
    open: () => openDatabase(config),
    drop: () => withAdmin((admin) => sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin)).then(() => {}),
  };
}

async function withAdmin<T>(work: (admin: Kysely<unknown>) => Promise<T>): Promise<T> {
  const admin = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: POSTGRES_TEST_URL, max: 1 }) }),
  });
  try {
    return await work(admin);
  } finally {
    await admin.destroy();
  }
}
