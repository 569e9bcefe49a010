import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/config/load.js';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { loggerOptions } from '../../src/http/logger.js';
import { createAuditLog } from '../../src/ops/audit.js';
import { createReadinessCheck } from '../../src/ops/readiness.js';
import { createSetupService, type SetupService } from '../../src/setup/service.js';
import { ensurePrivateDir } from '../../src/config/data-dir.js';
import type { DatabaseConfig } from '../../src/config/load.js';

export interface TestApp {
  readonly app: FastifyInstance;
  readonly config: Config;
  readonly database: DatabaseHandle;
  readonly setup: SetupService;
  readonly dataDir: string;
  /** Every log line the app wrote, as raw JSON text. */
  readonly logs: string[];
  close(): Promise<void>;
}

export interface TestAppOptions {
  readonly env?: Record<string, string>;
  /** Use this database instead of a fresh SQLite file in the data dir. */
  readonly database?: DatabaseConfig;
  /** Lets a test add routes before the app is ready (e.g. one that throws). */
  readonly extend?: (app: FastifyInstance) => void | Promise<void>;
}

/** The real app on a fresh data dir and real SQLite, with logs captured in memory. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const root = mkdtempSync(join(tmpdir(), 'sakuga-app-'));
  const dataDir = join(root, 'data');
  const config = loadConfig({ SAKUGA_DATA_DIR: dataDir, LOG_LEVEL: 'info', ...options.env });
  ensurePrivateDir(dataDir);
  const database = openDatabase(options.database ?? config.database);
  await migrateToLatest(database.db);
  const audit = createAuditLog({ dir: join(dataDir, 'audit') });
  const setup = createSetupService({ db: database.db, dataDir, audit });
  const logs: string[] = [];
  const logger = pino(loggerOptions('info'), { write: (line: string) => void logs.push(line) });
  const app = await buildApp({
    config,
    setup,
    checkReadiness: createReadinessCheck({ db: database.db, dataDir }),
    logger,
  });
  await options.extend?.(app);
  await app.ready();
  return {
    app,
    config,
    database,
    setup,
    dataDir,
    logs,
    async close() {
      await app.close();
      await database.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
