import { realpathSync } from 'node:fs';
import { lchown, lstat, mkdir, realpath, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { withRlimits } from '../media/rlimits.js';
import type { RunFailureCode, RunRequest } from './runner-types.js';
import { cannotReach, closedOnTheWay, type JobUser } from './job-user.js';
import { countTasksOfUid } from './process-count.js';
import { nodeDir, probeSandbox, sandboxArgs } from './sandbox.js';
import { stagedCode } from './staged-code.js';

/**
 * How to start the child's code, relative to the directory it lives in:
 * the names under it the child reads (read-only in the sandbox, staged when
 * the job uid cannot reach them), modules node loads first, and the script.
 */
export interface ChildEntry {
  readonly root: string;
  readonly codePaths: readonly string[];
  readonly imports: readonly string[];
  readonly script: string;
}

/**
 * Seconds of CPU between SIGXCPU (the soft limit) and SIGKILL (the hard
 * one): SIGXCPU comes first and names the cause; the hard limit only matters
 * for a process that ignores SIGXCPU.
 */
export const CPU_HARD_GRACE_SECONDS = 3;

/**
 * The smallest RLIMIT_AS at which the child starts and runs an empty
 * selftest, measured on x86-64 Linux with Node 20.20: 751 MiB for the
 * compiled child, with or without bwrap (a bare `node -e 0` needs 714 MiB:
 * V8 reserves far more address space than it touches). From source under tsx
 * it is 1.6 GiB (tsx's loader thread, and esbuild's Go service limited on its
 * own). The worker refuses smaller settings; real jobs want several GiB.
 */
export const MIN_MEMORY_BYTES = 768 * 1024 * 1024;

/**
 * The smallest `processes` (tasks beyond the uid's current count) at which
 * the compiled child runs an empty selftest: 11 without the sandbox, 13 with
 * it (bwrap and its pid 1), measured as above. RLIMIT_NPROC counts threads,
 * and node alone has about 11 (main, 4 V8 workers, 4 libuv workers, and
 * more). From source under tsx it is 15 and 17. The worker refuses smaller
 * settings; a stage that runs ffmpeg needs room for ffmpeg's threads too.
 */
export const MIN_JOB_PROCESSES = 16;

/**
 * V8 reserves 10 GiB of address space for each WebAssembly memory (guard
 * regions that let its trap handler skip bounds checks), so under RLIMIT_AS
 * any wasm (tsx's lexer among them) fails to instantiate. Without the trap
 * handler V8 bounds-checks instead: a little slower, and it fits the limit.
 */
const NODE_OPTIONS_FOR_LIMITS = ['--disable-wasm-trap-handler'];

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The child entry that matches how this module runs: from source under tsx
 * (tests, development) the child is child.ts with tsx's loader, in the
 * build it is dist/jobs/child.js.
 */
export function defaultChildEntry(): ChildEntry {
  return childEntry(import.meta.url.endsWith('.ts') ? 'source' : 'build');
}

/**
 * The child from source (child.ts with tsx's loader) or from the build. From
 * source every job process compiles the modules it loads anew, about a
 * second more per start for a dub: the benches start theirs from the build,
 * as `npm start` does.
 */
export function childEntry(from: 'source' | 'build'): ChildEntry {
  if (from === 'build') return { root: PACKAGE_ROOT, codePaths: ['package.json', 'node_modules', 'dist'], imports: [], script: join('dist', 'jobs', 'child.js') };
  // Named inside node_modules, which may be a symlink to a shared install: the loader resolves to its real path.
  const tsx = join('node_modules', relative(realpathSync(join(PACKAGE_ROOT, 'node_modules')), fileURLToPath(import.meta.resolve('tsx'))));
  return { root: PACKAGE_ROOT, codePaths: ['package.json', 'node_modules', 'src'], imports: [tsx], script: join('src', 'jobs', 'child.ts') };
}

export interface Launch {
  readonly command: string;
  readonly args: string[];
  readonly env: Record<string, string>;
  readonly workDir: string;
  readonly uid?: number;
  readonly gid?: number;
}

/** The run cannot start; `message` is safe for the job's owner, `detail` for its log. */
export class LaunchRefused extends Error {
  constructor(
    message: string,
    readonly detail?: string,
    readonly code: RunFailureCode = 'spawn_failed',
  ) {
    super(message);
    this.name = 'LaunchRefused';
  }
}

const UNREACHABLE = 'The server cannot start job processes: they cannot reach the files they need (`sakuga doctor` tells an administrator why).';

/**
 * Whether `user` can reach, by path, what every child needs besides its
 * work dir: node, and the code, which is staged for it when it cannot
 * (`canStage`). Both modes need this: without the sandbox the child opens
 * these paths itself, and unprivileged bwrap resolves its bind sources as
 * `user`. Returns why not, and how to fix it.
 */
export function jobAccess(entry: ChildEntry, user: JobUser, canStage: boolean): { problem?: string; stage: boolean } {
  const node = closedOnTheWay(process.execPath, user);
  if (node) return { problem: cannotReach(user, `run node at ${process.execPath}`, node, 'install node where every user may run it'), stage: false };
  const code = entry.codePaths.map((name) => closedOnTheWay(join(entry.root, name), user)).find((dir) => dir !== undefined);
  if (code && !canStage) return { problem: cannotReach(user, `read Sakuga's code at ${entry.root}`, code), stage: false };
  return { stage: code !== undefined };
}

/**
 * Where the child reads its code: in place, or from a stage `user` can
 * reach (staged-code.ts). Refuses, with what to change, when it cannot reach
 * node, the code or the work dir.
 */
async function codeFor(entry: ChildEntry, request: RunRequest, workDir: string): Promise<string | undefined> {
  const user = request.runAs;
  if (!user) return undefined;
  const refuse = (problem: string) => new LaunchRefused(UNREACHABLE, problem, 'files_unreachable');
  const work = closedOnTheWay(workDir, user);
  if (work) throw refuse(cannotReach(user, `reach their work directory ${workDir}`, work, 'set SAKUGA_DATA_DIR to a directory outside it'));
  const access = jobAccess(entry, user, request.runtimeDir !== undefined);
  if (access.problem) throw refuse(access.problem);
  if (!access.stage) return undefined;
  const staged = await stagedCode(entry.root, entry.codePaths, request.runtimeDir!, user);
  const closed = closedOnTheWay(staged, user);
  if (closed) throw refuse(cannotReach(user, `read the copy of Sakuga's code at ${staged}`, closed));
  return staged;
}

/**
 * One run's scratch (TMPDIR and HOME), emptied before every run so that a
 * resumed or retried run starts as the first one did: what a job carries
 * from one run to the next is its checkpointed output in `out`, nothing
 * else. A killed run's leftovers change how the next one starts. From
 * source, tsx's transform cache in TMPDIR did: V8 reserves the whole maximum
 * of a WebAssembly memory when the trap handler is off (and less only if
 * that does not fit), and on Node 22 the cached start left room for tsx's
 * lexer to take 3 of the 4 GiB of RLIMIT_AS, so the heap ran out.
 */
const SCRATCH_DIRS = ['tmp', 'home'];

/**
 * The child's private directories inside the work dir. The runner may be
 * root and the work dir belongs to the job's uid, which a previous attempt
 * may have used to plant a symlink named `out`: nothing here follows one
 * (mkdir does not, lstat and lchown do not, rm removes a link itself, not
 * what it points to).
 */
async function prepareWorkDir(workDir: string, runAs: RunRequest['runAs']): Promise<void> {
  for (const name of ['out', ...SCRATCH_DIRS]) {
    const path = join(workDir, name);
    if (SCRATCH_DIRS.includes(name)) await rm(path, { recursive: true, force: true });
    try {
      await mkdir(path, { mode: 0o700 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (!(await lstat(path)).isDirectory()) throw new LaunchRefused('The job work directory is not usable.', `${name} in the work dir is not a directory`);
    }
    if (runAs) await lchown(path, runAs.uid, runAs.gid);
  }
}

/**
 * Everything needed to spawn one job's child: the work dir made ready, then
 * `prlimit <limits> -- [bwrap <layout> --] node <options> <child script>`,
 * still an argument array, and an environment that holds none of Sakuga's
 * (DATABASE_URL, SMTP passwords and the like live in the server's).
 */
export async function prepareLaunch(entry: ChildEntry, request: RunRequest): Promise<Launch> {
  const workDir = await realpath(request.workDir);
  if (!(await lstat(workDir)).isDirectory()) throw new LaunchRefused('The job work directory is not usable.', 'the work dir is not a directory');
  await prepareWorkDir(workDir, request.runAs);

  const staged = await codeFor(entry, request, workDir);
  const uid = request.runAs?.uid ?? process.getuid?.() ?? 0;
  // In the sandbox the code sits at its own paths (read from the stage); without it, the child runs from the stage.
  const root = request.sandbox ? entry.root : (staged ?? entry.root);
  const imports = entry.imports.flatMap((name) => ['--import', pathToFileURL(join(root, name)).href]);
  const node = { command: process.execPath, args: [...NODE_OPTIONS_FOR_LIMITS, ...imports, join(root, entry.script)] };
  let inner = node;
  if (request.sandbox) {
    const probe = await probeSandbox(request.bwrapPath, request.runAs);
    if (!probe.available) throw new LaunchRefused('The sandbox is not available on this server.', probe.reason);
    const code = entry.codePaths.map((name) => ({ path: join(entry.root, name), ...(staged && { source: join(staged, name) }) }));
    const layout = { features: probe.features, workDir, codePaths: [{ path: nodeDir() }, ...code], hiddenPaths: request.hiddenPaths, isolateUser: uid !== 0 };
    inner = { command: probe.path, args: [...sandboxArgs(layout), '--', node.command, ...node.args] };
  }

  const { limits } = request;
  const limited = withRlimits(inner.command, inner.args, {
    addressSpaceBytes: limits.memoryBytes,
    cpuSeconds: limits.cpuSeconds,
    cpuHardSeconds: limits.cpuSeconds + CPU_HARD_GRACE_SECONDS,
    fileBytes: limits.fileBytes,
    tasks: (await countTasksOfUid(uid)) + limits.processes,
  });
  if (!limited) throw new LaunchRefused('Resource limits cannot be applied on this server.', 'prlimit (util-linux) is not installed');

  return {
    ...limited,
    env: { PATH: '/usr/local/bin:/usr/bin:/bin', LANG: 'C.UTF-8', HOME: join(workDir, 'home'), TMPDIR: join(workDir, 'tmp'), SAKUGA_JOB_PRELOAD: request.type },
    workDir,
    ...(request.runAs ? { uid: request.runAs.uid, gid: request.runAs.gid } : {}),
  };
}
