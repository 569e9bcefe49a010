import type { Kysely } from 'kysely';
import { Migrator } from 'kysely/migration';
import { migrations } from './migrations/index.js';

export interface MigrationReport {
  readonly applied: readonly string[];
}

export class MigrationError extends Error {
  constructor(
    readonly migration: string | undefined,
    options: { cause: unknown },
  ) {
    super(`database migration ${migration ?? '(setup)'} failed`, options);
    this.name = 'MigrationError';
  }
}

function migratorFor<T>(db: Kysely<T>, set = migrations): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => set } });
}

/**
 * Brings the schema up to date. Safe to call from several processes at once:
 * PostgreSQL takes an advisory lock, SQLite an IMMEDIATE transaction (see
 * sqlite-dialect.ts); whoever comes second finds nothing left to do.
 */
export async function migrateToLatest<T>(db: Kysely<T>, set = migrations): Promise<MigrationReport> {
  const { error, results = [] } = await migratorFor(db, set).migrateToLatest();
  if (error) {
    const failed = results.find((result) => result.status === 'Error');
    throw new MigrationError(failed?.migrationName, { cause: error });
  }
  return { applied: results.filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

/** Names of migrations not yet applied (for `doctor`). */
export async function pendingMigrations<T>(db: Kysely<T>, set = migrations): Promise<string[]> {
  const all = await migratorFor(db, set).getMigrations();
  return all.filter((migration) => migration.executedAt === undefined).map((migration) => migration.name);
}

/** The last migration applied, or undefined on an empty database (a backup records it; a restore checks it is known). */
export async function lastAppliedMigration<T>(db: Kysely<T>, set = migrations): Promise<string | undefined> {
  const all = await migratorFor(db, set).getMigrations();
  return all.filter((migration) => migration.executedAt !== undefined).at(-1)?.name;
}

/** Whether this code knows a migration by that name (a backup from a newer Sakuga names one it does not). */
export const knowsMigration = (name: string, set = migrations) => Object.hasOwn(set, name);
