import pino, { type Logger } from 'pino';
import { ensurePrivateDir } from '../config/data-dir.js';
import { resolveSecrets } from '../config/generated-secrets.js';
import { loadConfig } from '../config/load.js';
import { assertDatabaseReachable, type DatabaseHandle, openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { loggerOptions } from '../http/logger.js';
import { createServices, type Services } from '../services.js';
import { importLegacyArtifacts } from '../storage/legacy-artifacts.js';
import { openStorage } from '../storage/open-storage.js';
import { appendLedgerCopy } from '../backup/shred-ledger-copy.js';
import { importLegacyUploads } from '../uploads/legacy-uploads.js';

/** What every command that touches data needs, built once from the environment. */
export interface Runtime {
  readonly services: Services;
  readonly database: DatabaseHandle;
  readonly logger: Logger;
  readonly migrationsApplied: readonly string[];
}

/**
 * Loads the config (throwing ConfigError on bad variables), prepares the data
 * dir and secrets, opens the database and brings its schema up to date.
 */
export async function openRuntime(env: NodeJS.ProcessEnv): Promise<Runtime> {
  const config = loadConfig(env);
  ensurePrivateDir(config.dataDir, { searchable: true });
  const secrets = resolveSecrets(config);
  const logger = pino(loggerOptions(config.logLevel));
  const database = openDatabase(config.database);
  try {
    await assertDatabaseReachable(database);
    const { applied } = await migrateToLatest(database.db);
    const storage = await openStorage({ config: config.storage, dataDir: config.dataDir, db: database.db, now: () => new Date(), onShredded: (entries) => appendLedgerCopy(config.backup.dir, entries) });
    await importLegacyArtifacts({ dataDir: config.dataDir, blobs: storage.blobs, log: logger });
    const services = createServices({ config, secrets, storage, db: database.db, logger });
    await importLegacyUploads({ dataDir: config.dataDir, db: database.db, files: services.uploadFiles, log: logger });
    return { services, database, logger, migrationsApplied: applied };
  } catch (error) {
    await database.close();
    throw error;
  }
}
