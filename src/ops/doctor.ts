import { existsSync, readFileSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { GENERATED_SECRET_FILES, secretsDir } from '../config/generated-secrets.js';
import type { Config } from '../config/load.js';
import { secretVariables } from '../config/variables.js';
import { openDatabase } from '../db/database.js';
import { checkEngines } from '../engines/doctor-checks.js';
import { pendingMigrations } from '../db/migrate.js';
import { defaultChildEntry, jobAccess } from '../jobs/launch.js';
import { probeSandbox } from '../jobs/sandbox.js';
import { workRootProblem } from '../jobs/worker.js';
import { rlimitsAvailable } from '../media/rlimits.js';
import { runTool } from '../media/run-tool.js';
import { type LocatedTool, locateTool, type MediaTool } from '../media/toolchain.js';

export type CheckStatus = 'ok' | 'warn' | 'fail';
export interface CheckResult {
  readonly name: string;
  readonly status: CheckStatus;
  readonly detail: string;
}

const MIN_NODE = [20, 19] as const;

/**
 * Inspects an install without changing it: nothing is created, generated or
 * migrated here, so `doctor` is safe to run against a live server's data dir.
 */
export async function runDoctor(config: Config): Promise<CheckResult[]> {
  return [
    checkNode(),
    checkPrivateDir('data dir', config.dataDir, 'created on first start', true),
    ...checkSecrets(config),
    checkPrivateFile('setup token', join(config.dataDir, 'setup-token'), 'none pending'),
    await checkDatabase(config),
    await checkTool('ffmpeg', config.media.ffmpegPath),
    await checkTool('ffprobe', config.media.ffprobePath),
    checkRlimits(),
    await checkSandbox(config),
    ...(await checkEngines(config.engines)),
    checkJobAccess(config),
  ];
}

function checkNode(): CheckResult {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  const ok = major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
  return { name: 'node', status: ok ? 'ok' : 'fail', detail: `v${process.versions.node}${ok ? '' : ` (need ${MIN_NODE.join('.')} or newer)`}` };
}

function ownedAndPrivate(stat: Stats, allowedMode: number): string | undefined {
  if (process.getuid && stat.uid !== process.getuid()) return 'is owned by another user';
  const mode = stat.mode & 0o777;
  if ((mode & ~allowedMode) !== 0) return `has mode ${mode.toString(8)}; run chmod ${allowedMode.toString(8)}`;
  return undefined;
}

/** `searchable`: others may pass through (o+x) but not list or write; the data dir under root, for job processes. */
function checkPrivateDir(name: string, path: string, whenMissing: string, searchable = false): CheckResult {
  if (!existsSync(path)) return { name, status: 'warn', detail: `${path} does not exist yet (${whenMissing})` };
  const stat = statSync(path);
  if (!stat.isDirectory()) return { name, status: 'fail', detail: `${path} is not a directory` };
  const problem = ownedAndPrivate(stat, searchable ? 0o711 : 0o700);
  return problem ? { name, status: 'fail', detail: `${path} ${problem}` } : { name, status: 'ok', detail: `${path} (${(stat.mode & 0o777).toString(8)})` };
}

function checkPrivateFile(name: string, path: string, whenMissing: string): CheckResult {
  if (!existsSync(path)) return { name, status: 'ok', detail: whenMissing };
  const problem = ownedAndPrivate(statSync(path), 0o600);
  return problem ? { name, status: 'fail', detail: `${path} ${problem}` } : { name, status: 'ok', detail: `${path} (600)` };
}

function checkSecrets(config: Config): CheckResult[] {
  const results: CheckResult[] = [];
  const dir = secretsDir(config.dataDir);
  if (existsSync(dir)) results.push(checkPrivateDir('secrets dir', dir, ''));
  for (const [variable, file] of Object.entries(GENERATED_SECRET_FILES)) {
    const name = `secret ${file}`;
    if (config.secrets[variable as keyof typeof GENERATED_SECRET_FILES]) {
      results.push({ name, status: 'ok', detail: `from ${variable} / ${variable}_FILE` });
      continue;
    }
    const path = join(dir, file);
    if (!existsSync(path)) {
      results.push({ name, status: 'warn', detail: 'not generated yet (created on first start)' });
      continue;
    }
    const permissions = checkPrivateFile(name, path, '');
    if (permissions.status !== 'ok') {
      results.push(permissions);
      continue;
    }
    try {
      secretVariables[variable as keyof typeof GENERATED_SECRET_FILES].parse(readFileSync(path, 'utf8').trim());
      results.push({ name, status: 'ok', detail: `${path} (600)` });
    } catch (error) {
      results.push({ name, status: 'fail', detail: `${path}: ${(error as Error).message}` });
    }
  }
  return results;
}

async function checkDatabase(config: Config): Promise<CheckResult> {
  const name = 'database';
  if (config.database.kind === 'sqlite' && !existsSync(config.database.file)) {
    return { name, status: 'warn', detail: `${config.database.file} does not exist yet (created on first start)` };
  }
  const label = config.database.kind === 'sqlite' ? `SQLite ${config.database.file}` : 'PostgreSQL (DATABASE_URL)';
  const handle = openDatabase(config.database);
  try {
    await sql`select 1`.execute(handle.db);
    const pending = await pendingMigrations(handle.db);
    return pending.length === 0
      ? { name, status: 'ok', detail: `${label}, schema up to date` }
      : { name, status: 'warn', detail: `${label}, ${pending.length} migration(s) pending (applied on next start)` };
  } catch (error) {
    // The driver's message can name hosts, never the password; the URL itself is not printed.
    return { name, status: 'fail', detail: `${label} unreachable: ${(error as Error).message}` };
  } finally {
    await handle.close();
  }
}

/** Which binary media jobs will use, from where, and its version line. */
async function checkTool(tool: MediaTool, configured: string | undefined): Promise<CheckResult> {
  let located: LocatedTool;
  try {
    located = locateTool(tool, configured);
  } catch (error) {
    return { name: tool, status: configured ? 'fail' : 'warn', detail: `${(error as Error).message}; media jobs (probe, dub, export) will not run` };
  }
  try {
    const { stdout } = await runTool(located, ['-version'], { timeoutMs: 10_000, maxOutputBytes: 1024 * 1024, memoryBytes: 2 * 1024 ** 3 });
    const version = stdout.toString('utf8').split('\n')[0] ?? tool;
    return { name: tool, status: 'ok', detail: `${located.path} (${SOURCE_LABEL[located.source]}): ${version}` };
  } catch (error) {
    return { name: tool, status: 'fail', detail: `${located.path} does not run: ${(error as Error).message}` };
  }
}

const SOURCE_LABEL = { config: 'configured', path: 'from PATH', bundled: 'bundled static build' } as const;

function checkRlimits(): CheckResult {
  return rlimitsAvailable()
    ? { name: 'media limits', status: 'ok', detail: 'prlimit found: memory, file-size and CPU limits apply to media tools' }
    : { name: 'media limits', status: 'warn', detail: 'prlimit (util-linux) not found: media tools run without memory and file-size limits' };
}

/**
 * Whether jobs can run in the bubblewrap sandbox, probed as the uid they run
 * as (JOB_UID when doctor runs as root, as the server would): without it a
 * job's child sees the network and the whole file system its uid can read.
 */
async function checkSandbox(config: Config): Promise<CheckResult> {
  const name = 'job sandbox';
  const runAs = process.getuid?.() === 0 ? config.jobs.runAs : undefined;
  const sandbox = await probeSandbox(config.jobs.bwrapPath, runAs);
  if (sandbox.available) {
    const source = config.jobs.bwrapPath ? 'configured' : 'from PATH';
    return { name, status: 'ok', detail: `${sandbox.path} (${source}): ${sandbox.version}${runAs ? `, jobs run as uid ${runAs.uid}` : ''}` };
  }
  const consequence = config.jobs.requireSandbox ? 'REQUIRE_SANDBOX is on, so jobs will not run' : 'jobs run without it (warned and audited)';
  return { name, status: config.jobs.requireSandbox || config.jobs.bwrapPath ? 'fail' : 'warn', detail: `${sandbox.reason}; ${consequence}` };
}

/**
 * Whether job processes reach what they need by path, as the uid they run
 * as (JOB_UID when doctor runs as root, as the server would): node, their
 * work dirs in the data dir, and Sakuga's code, which is staged for them
 * when they cannot reach it. The sandbox does not change the answer:
 * unprivileged bwrap reaches what it binds as that uid.
 */
function checkJobAccess(config: Config): CheckResult {
  const name = 'job access';
  if (process.getuid?.() !== 0) return { name, status: 'ok', detail: 'jobs run as this user, who reaches what Sakuga runs' };
  const user = config.jobs.runAs;
  const access = jobAccess(defaultChildEntry(), user, true);
  const problem = workRootProblem(config.dataDir, user) ?? access.problem;
  if (problem) return { name, status: 'fail', detail: `${problem}; until then no job can run` };
  const code = access.stage ? `a copy of Sakuga's code in ${join(config.dataDir, 'runtime')} (hard links, made again when the code changes)` : "Sakuga's code";
  return { name, status: 'ok', detail: `jobs run as uid ${user.uid} and reach node, ${code} and their work dirs` };
}
