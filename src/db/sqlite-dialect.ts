import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  SqliteAdapter,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';

/**
 * SQLite as Sakuga uses it: several processes (server, workers, CLI) may share
 * one database file, so every transaction starts with BEGIN IMMEDIATE. That
 * takes the write lock up front (waiting on busy_timeout) instead of upgrading a
 * read lock mid-transaction, which SQLite answers with SQLITE_BUSY at once.
 *
 * It also makes migrations safe: Kysely runs SQLite migrations outside any
 * transaction because its stock adapter declares no transactional DDL. SQLite
 * does support it, so this adapter says so; the migrator then runs in one
 * IMMEDIATE transaction, which is the lock that keeps two processes starting at
 * once from both migrating, and a failed migration rolls back whole.
 */
export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }

  override createAdapter(): SqliteAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}
