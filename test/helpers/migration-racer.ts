// Child process for the "migrate exactly once" test: opens the database given
// on argv and runs the real migrations plus a slow, non-idempotent one, so two
// unguarded racers would both run it (and the second would fail or double it).
import { setTimeout as sleep } from 'node:timers/promises';
import { type Kysely, sql } from 'kysely';
import { Secret } from '../../src/config/secret.js';
import type { DatabaseConfig } from '../../src/config/load.js';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { migrations } from '../../src/db/migrations/index.js';

const raw = JSON.parse(process.argv[2] ?? '{}') as { kind: string; file?: string; url?: string };
const config: DatabaseConfig =
  raw.kind === 'sqlite' ? { kind: 'sqlite', file: raw.file! } : { kind: 'postgres', url: new Secret(raw.url!) };

const slowRace = {
  up: async (db: Kysely<unknown>) => {
    await sql`create table if not exists race_marker (pid integer)`.execute(db);
    await sleep(300);
    await sql`insert into race_marker (pid) values (${process.pid})`.execute(db);
  },
};

const handle = openDatabase(config);
try {
  const report = await migrateToLatest(handle.db, { ...migrations, '9000-slow-race': slowRace });
  console.log(JSON.stringify(report.applied));
} finally {
  await handle.close();
}
