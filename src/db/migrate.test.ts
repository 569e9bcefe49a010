import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';
import { databaseTargets, type TestDatabase } from '../../test/helpers/databases.js';
import { migrateToLatest, pendingMigrations } from './migrate.js';
import { migrations } from './migrations/index.js';

const targets = await databaseTargets();
const RACER = fileURLToPath(new URL('../../test/helpers/migration-racer.ts', import.meta.url));

for (const target of targets) {
  describe(`migrations on ${target.dialect}`, { skip: target.skip }, () => {
    const created: TestDatabase[] = [];
    const fresh = async () => {
      const database = await target.create();
      created.push(database);
      return database;
    };
    after(async () => {
      for (const database of created) await database.drop();
    });

    test('apply every migration to an empty database, then nothing on the second run', async () => {
      const database = await fresh();
      const handle = database.open();
      try {
        assert.deepEqual(await pendingMigrations(handle.db), Object.keys(migrations));
        const first = await migrateToLatest(handle.db);
        assert.deepEqual(first.applied, Object.keys(migrations));
        assert.deepEqual((await migrateToLatest(handle.db)).applied, []);
        assert.deepEqual(await pendingMigrations(handle.db), []);
        // The schema is usable: a user row round-trips.
        const now = new Date().toISOString();
        await handle.db
          .insertInto('users')
          .values({ id: 'u1', username: 'mika', password_hash: 'h', role: 'admin', disabled_at: null, created_at: now, updated_at: now })
          .execute();
        const row = await handle.db.selectFrom('users').select(['username', 'role']).executeTakeFirstOrThrow();
        assert.deepEqual(row, { username: 'mika', role: 'admin' });
      } finally {
        await handle.close();
      }
    });

    test('a failing migration leaves nothing half-applied', async () => {
      const database = await fresh();
      const handle = database.open();
      try {
        const broken = {
          ...migrations,
          '9999-broken': {
            up: async (db: Kysely<unknown>) => {
              await db.schema.createTable('half_written').addColumn('id', 'integer').execute();
              await sql`select * from table_that_does_not_exist`.execute(db);
            },
          },
        };
        await assert.rejects(migrateToLatest(handle.db, broken), { name: 'MigrationError', migration: '9999-broken' });
        const tables = (await handle.db.introspection.getTables()).map((t) => t.name);
        assert.ok(!tables.includes('half_written'), `half_written survived: ${tables.join(', ')}`);
      } finally {
        await handle.close();
      }
    });

    test('processes starting at once migrate exactly once', async () => {
      const database = await fresh();
      const racers = 4;
      const outcomes = await Promise.all(
        Array.from({ length: racers }, () => runRacer(database)),
      );
      for (const outcome of outcomes) assert.equal(outcome.code, 0, outcome.output);
      const handle = database.open();
      try {
        // Each racer's slow migration appends one row if it runs; the lock must let exactly one run it.
        const runs = await sql<{ n: number | string }>`select count(*) as n from race_marker`.execute(handle.db);
        assert.equal(Number(runs.rows[0]?.n), 1);
        const applied = outcomes.flatMap((o) => JSON.parse(o.output.trim().split('\n').at(-1) ?? '[]') as string[]);
        assert.equal(applied.filter((name) => name === '9000-slow-race').length, 1);
      } finally {
        await handle.close();
      }
    });
  });
}

function runRacer(database: TestDatabase): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = fork(RACER, [JSON.stringify(serialise(database))], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

function serialise(database: TestDatabase) {
  const config = database.config;
  return config.kind === 'sqlite' ? config : { kind: 'postgres', url: config.url.reveal() };
}
