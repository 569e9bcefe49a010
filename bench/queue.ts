import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { DatabaseHandle } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createJobTypes } from '../src/jobs/job-types.js';
import { createJobService } from '../src/jobs/service.js';
import type { RunCallbacks, RunRequest, RunResult } from '../src/jobs/runner-types.js';
import { type AuditLog, createAuditLog } from '../src/ops/audit.js';
import { databaseTargets, type DatabaseTarget } from '../test/helpers/databases.js';
import { median } from './measure.js';

const JOBS: Record<string, number> = { sqlite: Number(process.env.BENCH_QUEUE_JOBS ?? 4000), postgres: Number(process.env.BENCH_QUEUE_JOBS ?? 2000) };
const GOALS: Record<string, number> = { sqlite: 2000, postgres: 1000 };
const USERS = 8;
const SUBMITTERS = 8;
const BATCH = 100;
const SPAWN_RUNS = 15;

async function addUsers(handle: DatabaseHandle): Promise<string[]> {
  const stamp = new Date().toISOString();
  const ids = Array.from({ length: USERS }, (_, i) => `bench-user-${i}`);
  for (const id of ids) {
    await handle.db.insertInto('users').values({ id, username: id, password_hash: 'x', role: 'operator', disabled_at: null, created_at: stamp, updated_at: stamp, totp_secret_sealed: null, totp_pending_sealed: null, totp_enabled_at: null, totp_last_step: null, email: null, email_verified_at: null }).execute();
  }
  return ids;
}

/** A worker process (bench/queue-worker.ts), started and waiting for `go()`; `finished` is how many jobs it completed. */
async function startWorker(dialect: string, location: string, name: string, total: number): Promise<{ go: () => void; finished: Promise<number> }> {
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', fileURLToPath(new URL('./queue-worker.ts', import.meta.url)), dialect, location, name, String(total)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const iterator = lines[Symbol.asyncIterator]();
  if ((await iterator.next()).value !== 'ready') throw new Error(`bench worker ${name} did not start`);
  const finished = (async () => {
    const line = (await iterator.next()).value as string | undefined;
    const [code] = child.exitCode === null ? ((await once(child, 'exit')) as [number | null]) : [child.exitCode];
    if (code !== 0 || !line?.startsWith('done ')) throw new Error(`bench worker ${name} exited with ${code}`);
    return Number(line.slice(5));
  })();
  return { go: () => child.stdin!.end('go\n'), finished };
}

/**
 * Submit + claim + complete for no-op jobs: every job goes through the real
 * submission (schema, quotas, queue caps, audit line), a fair claim under a
 * lease, a checkpoint and its end. Each worker is its own process with its
 * own connection, as `sakuga worker` processes are; claiming starts once all
 * jobs are in, so the two phases are also reported apart.
 */
async function throughput(target: DatabaseTarget, workers: number, batch: number): Promise<{ perSecond: number; submitPerSecond: number }> {
  const database = await target.create();
  const handles: DatabaseHandle[] = [database.open()];
  const auditDir = mkdtempSync(join(tmpdir(), 'sakuga-bench-audit-'));
  let audit: AuditLog | undefined;
  try {
    await migrateToLatest(handles[0]!.db);
    const users = await addUsers(handles[0]!);
    const total = JOBS[target.dialect]!;
    audit = createAuditLog({ dir: auditDir });
    const jobs = createJobService({
      db: handles[0]!.db,
      types: createJobTypes({ selftest: true }),
      caps: { maxQueued: total, maxQueuedPerUser: total, dailyQuota: 0 },
      audit,
      now: () => new Date(),
      readUpload: () => Promise.reject(new Error('selftest jobs read no uploads')),
      privacyMode: () => Promise.resolve('off'),
    });
    const principal = (userId: string) => ({ userId, username: userId, role: 'operator', via: 'bearer', sessionId: 's', account: { email: null, createdAt: '' }, session: { mode: 'token', createdAt: '', expiresAt: '', reauthAt: null } }) as const;
    const client = { ip: '127.0.0.1', requestId: 'bench' };

    const location = database.config.kind === 'sqlite' ? database.config.file : database.config.url.reveal();
    const pool = await Promise.all(Array.from({ length: workers }, (_, index) => startWorker(target.dialect, location, `bench-${index}`, total)));

    // Workers run while jobs arrive, as in the server; submissions come from several clients at once.
    const started = performance.now();
    for (const worker of pool) worker.go();
    const request = { type: 'selftest', options: { steps: [{ op: 'sleep', ms: 0 }] } };
    let next = 0;
    await Promise.all(
      Array.from({ length: SUBMITTERS }, async () => {
        for (let i = next; i < total; i = next) {
          next += batch;
          const who = principal(users[(i / batch) % USERS | 0]!);
          if (batch === 1) await jobs.submit(who, request, undefined, client);
          else await jobs.submitBatch(who, Array.from({ length: Math.min(batch, total - i) }, () => request), client);
        }
      }),
    );
    const submitted = performance.now();
    const counts = await Promise.all(pool.map((worker) => worker.finished));
    if (counts.reduce((a, b) => a + b, 0) !== total) throw new Error(`workers completed ${counts.join('+')} of ${total} jobs`);
    const drained = performance.now();
    return { perSecond: total / ((drained - started) / 1000), submitPerSecond: total / ((submitted - started) / 1000) };
  } finally {
    await audit?.close();
    await Promise.all(handles.map((handle) => handle.close()));
    await database.drop();
    rmSync(auditDir, { recursive: true, force: true });
  }
}

/** One isolated job run (compiled child, as `npm start` runs it) beside a bare `node -e 0`, interleaved. */
async function spawnOverhead(): Promise<{ isolated: number; bare: number; sandboxed: boolean }> {
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  const runner = (await import(new URL('../dist/jobs/runner.js', import.meta.url).href)) as { runJob: (request: RunRequest, callbacks: RunCallbacks) => Promise<RunResult> };
  const { probeSandbox } = (await import(new URL('../dist/jobs/sandbox.js', import.meta.url).href)) as { probeSandbox: (path?: string, runAs?: { uid: number; gid: number }) => Promise<{ available: boolean }> };
  const runAs = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
  const sandboxed = (await probeSandbox(undefined, runAs)).available;
  const root = mkdtempSync(join(tmpdir(), 'sakuga-bench-spawn-'));
  execFileSync('chmod', ['0711', root]);
  const callbacks: RunCallbacks = { onStageStart: () => {}, onProgress: () => {}, onLog: () => {}, onStageDone: () => {} };
  const isolated = async () => {
    const workDir = mkdtempSync(join(root, 'job-'));
    if (runAs) execFileSync('chown', [`${runAs.uid}:${runAs.gid}`, workDir]);
    const request: RunRequest = {
      jobId: 'bench', type: 'selftest', options: { steps: [{ op: 'sleep', ms: 0 }] }, stages: ['step-1'], fromStage: 0, attempt: 1, workDir, hiddenPaths: [], runtimeDir: join(root, 'runtime'),
      limits: { timeoutMs: 60_000, memoryBytes: 4 * 1024 ** 3, cpuSeconds: 60, fileBytes: 1024 ** 3, processes: 256 }, ...(runAs && { runAs }), sandbox: sandboxed, signal: new AbortController().signal,
    };
    const result = await runner.runJob(request, callbacks);
    if (result.outcome !== 'succeeded') throw new Error(`the no-op job did not succeed: ${JSON.stringify(result)}`);
  };
  const bare = async () => {
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    await once(child, 'exit');
  };
  const samples = { isolated: [] as number[], bare: [] as number[] };
  try {
    for (let i = 0; i < SPAWN_RUNS; i += 1) {
      for (const [key, run] of (i % 2 ? [['bare', bare], ['isolated', isolated]] : [['isolated', isolated], ['bare', bare]]) as Array<['isolated' | 'bare', () => Promise<void>]>) {
        const start = performance.now();
        await run();
        samples[key].push(performance.now() - start);
      }
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return { isolated: median(samples.isolated), bare: median(samples.bare), sandboxed };
}

/**
 * Issue #7: queue throughput (submit + claim + complete, no-op jobs) on
 * SQLite and PostgreSQL with 1, 2 and 4 workers (goals ≥ 2000/s SQLite,
 * ≥ 1000/s PostgreSQL with 4 workers), and the cost of one isolated job
 * process beside a bare `node -e 0`.
 */
export const queueBench = {
  describe: 'queue: submit+claim+complete jobs/s on SQLite and PostgreSQL with 1, 2, 4 workers; isolated job spawn vs bare node',
  async run(): Promise<void> {
    for (const target of await databaseTargets()) {
      if (target.skip) {
        console.log(`${target.dialect}: skipped (${target.skip})`);
        continue;
      }
      console.log(`${target.dialect}: ${JOBS[target.dialect]} no-op jobs (goal with 4 workers ≥ ${GOALS[target.dialect]}/s)`);
      for (const batch of [1, BATCH]) {
        console.log(batch === 1 ? '  POST /api/jobs, one job per request:' : `  POST /api/jobs/batch, ${BATCH} jobs per request:`);
        for (const workers of [1, 2, 4]) {
          const figure = await throughput(target, workers, batch);
          console.log(`    ${workers} worker(s)   ${figure.perSecond.toFixed(0).padStart(6)} jobs/s submitted, claimed and completed   (submission alone ${figure.submitPerSecond.toFixed(0)}/s)`);
        }
      }
    }
    const spawnCost = await spawnOverhead();
    console.log(`job process (${spawnCost.sandboxed ? 'sandboxed, ' : ''}rlimits, compiled child), median of ${SPAWN_RUNS}:`);
    console.log(`  isolated no-op job          ${spawnCost.isolated.toFixed(1).padStart(7)} ms`);
    console.log(`  bare spawn of node -e 0     ${spawnCost.bare.toFixed(1).padStart(7)} ms   (baseline)`);
    console.log(`  overhead                    ${(spawnCost.isolated - spawnCost.bare).toFixed(1).padStart(7)} ms   (ratio ${(spawnCost.isolated / spawnCost.bare).toFixed(2)})`);
  },
};
