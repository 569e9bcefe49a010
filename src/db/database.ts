import { chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import BetterSqlite3 from 'better-sqlite3';
import type PgModule from 'pg';
import { Kysely, PostgresAdapter, PostgresDialect, sql } from 'kysely';
import type { DatabaseConfig } from '../config/load.js';
import { ImmediateSqliteDialect } from './sqlite-dialect.js';
import type { Database, Db, DialectName } from './types.js';

export interface DatabaseHandle {
  readonly db: Db;
  readonly dialect: DialectName;
  close(): Promise<void>;
}

/** How long a SQLite writer waits for another process's write lock. */
const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/** Opens the configured database: embedded SQLite, or PostgreSQL from DATABASE_URL. */
export function openDatabase(config: DatabaseConfig): DatabaseHandle {
  return config.kind === 'sqlite' ? openSqlite(config.file) : openPostgres(config.url.reveal());
}

function openSqlite(file: string): DatabaseHandle {
  const sqlite = new BetterSqlite3(file);
  // The database holds password hashes; keep it private even if the umask is loose.
  if (file !== ':memory:') chmodSync(file, 0o600);
  sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

/** Distinct SQL texts kept prepared; Sakuga's queries are a fixed, small set. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver prepares every statement anew, and preparing costs
 * more than running a small indexed lookup. Statements are reusable (one
 * connection, queries serialised by Kysely), so keep them by SQL text.
 */
function withStatementCache(sqlite: BetterSqlite3.Database) {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    prepare(text: string): BetterSqlite3.Statement {
      let statement = cache.get(text);
      if (!statement) {
        statement = sqlite.prepare(text);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
        cache.set(text, statement);
      }
      return statement;
    },
    close: () => sqlite.close(),
  };
}

function openPostgres(connectionString: string): DatabaseHandle {
  // Required here, not imported at the top: an embedded (SQLite) server never loads the driver.
  const pg = createRequire(import.meta.url)('pg') as typeof PgModule;
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection must not crash the process.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

export class DatabaseUnreachableError extends Error {
  constructor(dialect: DialectName, options: { cause: unknown }) {
    const source = dialect === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : 'the SQLite database';
    super(`cannot reach ${source}: ${(options.cause as Error | undefined)?.message ?? 'unknown error'}`, options);
    this.name = 'DatabaseUnreachableError';
  }
}

/** Fails with a message naming the database (never its URL) when it does not answer. */
export async function assertDatabaseReachable(handle: DatabaseHandle): Promise<void> {
  try {
    await sql`select 1`.execute(handle.db);
  } catch (error) {
    throw new DatabaseUnreachableError(handle.dialect, { cause: error });
  }
}

/** Which dialect a Kysely instance speaks, from its adapter (for the few queries that differ, such as row locks). */
export function dialectOf(db: Kysely<Database>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
