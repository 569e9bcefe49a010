import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp } from '../../src/app.js';
import { ensurePrivateDir } from '../../src/config/data-dir.js';
import { resolveSecrets } from '../../src/config/generated-secrets.js';
import { type Config, type DatabaseConfig, loadConfig } from '../../src/config/load.js';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { loggerOptions } from '../../src/http/logger.js';
import type { WebApp } from '../../src/http/web-app.js';
import { createServices, type Services } from '../../src/services.js';
import { appendLedgerCopy } from '../../src/backup/shred-ledger-copy.js';
import { openStorage } from '../../src/storage/open-storage.js';

export interface TestApp {
  readonly app: FastifyInstance;
  readonly config: Config;
  readonly services: Services;
  readonly database: DatabaseHandle;
  readonly dataDir: string;
  /** Every log line the app and its services wrote, as raw JSON text. */
  readonly logs: string[];
  close(): Promise<void>;
}

export interface TestAppOptions {
  readonly env?: Record<string, string>;
  /** Use this database instead of a fresh SQLite file in the data dir. */
  readonly database?: DatabaseConfig;
  /** Lets a test add routes before the app is ready (e.g. one that throws). */
  readonly extend?: (app: FastifyInstance) => void | Promise<void>;
  /** A clock the services use instead of the real one. */
  readonly now?: () => Date;
  /** Reuse this data dir (a server restart); it is then left in place on close. */
  readonly dataDir?: string;
  /** Serve this build of the web app instead of web/dist. */
  readonly webApp?: WebApp;
}

/** The real app and services on a fresh data dir and real SQLite, with logs captured in memory. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const root = options.dataDir ? undefined : mkdtempSync(join(tmpdir(), 'sakuga-app-'));
  // Traversable (not listable), as a real data dir's parent is: job processes run as an unprivileged uid under root.
  if (root) chmodSync(root, 0o711);
  const dataDir = options.dataDir ?? join(root!, 'data');
  const config = loadConfig({ SAKUGA_DATA_DIR: dataDir, LOG_LEVEL: 'info', ...options.env });
  ensurePrivateDir(dataDir, { searchable: true });
  const database = openDatabase(options.database ?? config.database);
  await migrateToLatest(database.db);
  const logs: string[] = [];
  const logger = pino(loggerOptions(config.logLevel), { write: (line: string) => void logs.push(line) });
  const storage = await openStorage({ config: config.storage, dataDir, db: database.db, now: options.now ?? (() => new Date()), onShredded: (entries) => appendLedgerCopy(config.backup.dir, entries) });
  const services = createServices({ config, secrets: resolveSecrets(config), storage, db: database.db, logger, now: options.now });
  const app = await buildApp({ services, logger, webApp: options.webApp });
  await options.extend?.(app);
  await app.ready();
  return {
    app,
    config,
    services,
    database,
    dataDir,
    logs,
    async close() {
      await app.close();
      await services.audit.close();
      await database.close();
      if (root) rmSync(root, { recursive: true, force: true });
    },
  };
}
