import { join } from 'node:path';
import { ensurePrivateDir } from '../config/data-dir.js';
import { resolveSecrets, type Secrets } from '../config/generated-secrets.js';
import { type Config, loadConfig } from '../config/load.js';
import { assertDatabaseReachable, type DatabaseHandle, openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { type AuditLog, createAuditLog } from '../ops/audit.js';
import { createSetupService, type SetupService } from '../setup/service.js';

/** What every command that touches data needs, built once from the environment. */
export interface Runtime {
  readonly config: Config;
  readonly secrets: Secrets;
  readonly database: DatabaseHandle;
  readonly audit: AuditLog;
  readonly setup: SetupService;
  readonly migrationsApplied: readonly string[];
}

/**
 * Loads the config (throwing ConfigError on bad variables), prepares the data
 * dir and secrets, opens the database and brings its schema up to date.
 */
export async function openRuntime(env: NodeJS.ProcessEnv): Promise<Runtime> {
  const config = loadConfig(env);
  ensurePrivateDir(config.dataDir);
  const secrets = resolveSecrets(config);
  const database = openDatabase(config.database);
  try {
    await assertDatabaseReachable(database);
    const { applied } = await migrateToLatest(database.db);
    const audit = createAuditLog({ dir: join(config.dataDir, 'audit') });
    const setup = createSetupService({ db: database.db, dataDir: config.dataDir, audit });
    return { config, secrets, database, audit, setup, migrationsApplied: applied };
  } catch (error) {
    await database.close();
    throw error;
  }
}
