import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { DatabaseConfig } from '../config/load.js';
import { openDatabase } from '../db/database.js';
import { lastAppliedMigration } from '../db/migrate.js';
import type { Db } from '../db/types.js';

/** A consistent copy of the database, and the stored objects it names. */
export interface DatabaseSnapshot {
  readonly format: 'sqlite' | 'pg_dump';
  readonly schema: string;
  /** Every object the database names, and whether it is encrypted at rest (then it is ciphertext already). */
  readonly objects: ReadonlyArray<{ readonly id: string; readonly atRest: boolean }>;
  readonly content: AsyncIterable<Buffer>;
}

export class BackupToolError extends Error {
  override name = 'BackupToolError';
}

/** libpq's variables for a DATABASE_URL: pg_dump and pg_restore read the password from the environment, never from their arguments (which `ps` shows). */
export function libpqEnv(url: string): Record<string, string> {
  const parsed = new URL(url);
  const env: Record<string, string> = { PGDATABASE: decodeURIComponent(parsed.pathname.slice(1)) };
  const host = parsed.searchParams.get('host') ?? parsed.hostname;
  if (host) env.PGHOST = host;
  if (parsed.port) env.PGPORT = parsed.port;
  if (parsed.username) env.PGUSER = decodeURIComponent(parsed.username);
  if (parsed.password) env.PGPASSWORD = decodeURIComponent(parsed.password);
  const sslmode = parsed.searchParams.get('sslmode');
  if (sslmode) env.PGSSLMODE = sslmode;
  return env;
}

/** Runs a PostgreSQL client tool (an argument array, never a shell); its stdout, and its end (rejecting with the end of stderr). */
export function pgTool(tool: 'pg_dump' | 'pg_restore', args: readonly string[], url: string, stdin?: AsyncIterable<Buffer>) {
  const child = spawn(tool, args, { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...libpqEnv(url) }, stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (text: string) => (stderr = (stderr + text).slice(-2_000)));
  const ended = new Promise<void>((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) => reject(new BackupToolError(error.code === 'ENOENT' ? `${tool} is not installed (the postgresql-client package)` : `${tool} could not start: ${error.message}`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new BackupToolError(`${tool} failed (exit ${code}): ${stderr.trim().split('\n').at(-1) ?? ''}`))));
  });
  if (stdin && child.stdin) {
    const input = child.stdin;
    void (async () => {
      try {
        for await (const chunk of stdin) if (!input.write(chunk)) await new Promise((resolve) => input.once('drain', resolve));
        input.end();
      } catch (error) {
        child.kill('SIGTERM');
        input.destroy(error as Error);
      }
    })();
    input.on('error', () => undefined);
  }
  return { stdout: child.stdout! as AsyncIterable<Buffer>, ended };
}

/** One entry per object (names sharing an object share its encryption). */
function objectsOf(rows: ReadonlyArray<{ id: string; kid: string | null }>) {
  return [...new Map(rows.map((row) => [row.id, { id: row.id, atRest: row.kid !== null }])).values()];
}

/**
 * Takes a consistent snapshot and hands it to `consume` while it is valid.
 * SQLite: VACUUM INTO a private copy (an online, consistent copy), the
 * objects read from that copy. PostgreSQL: a repeatable-read transaction
 * exports its snapshot, the objects are read in it and pg_dump dumps that
 * same snapshot, so the dump and the object list agree.
 */
export async function withDatabaseSnapshot<T>(deps: { db: Db; config: DatabaseConfig; scratchDir: string }, consume: (snapshot: DatabaseSnapshot) => Promise<T>): Promise<T> {
  const schema = (await lastAppliedMigration(deps.db)) ?? '';
  if (deps.config.kind === 'sqlite') {
    const copy = join(deps.scratchDir, `snapshot-${process.pid}-${Date.now()}.sqlite`);
    try {
      await sql`VACUUM INTO ${copy}`.execute(deps.db);
      const opened = openDatabase({ kind: 'sqlite', file: copy });
      const rows = await opened.db.selectFrom('blobs').select(['id', 'kid']).distinct().execute().finally(() => opened.close());
      return await consume({ format: 'sqlite', schema, objects: objectsOf(rows), content: createReadStream(copy) });
    } finally {
      await rm(copy, { force: true });
      await rm(`${copy}-wal`, { force: true });
      await rm(`${copy}-shm`, { force: true });
    }
  }
  const url = deps.config.url.reveal();
  return deps.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const { rows } = await sql<{ snapshot: string }>`select pg_export_snapshot() as snapshot`.execute(trx);
      const objects = objectsOf(await trx.selectFrom('blobs').select(['id', 'kid']).distinct().execute());
      const dump = pgTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--snapshot=${rows[0]!.snapshot}`], url);
      try {
        const result = await consume({ format: 'pg_dump', schema, objects, content: dump.stdout });
        await dump.ended;
        return result;
      } catch (error) {
        dump.ended.catch(() => undefined);
        throw error;
      }
    });
}
