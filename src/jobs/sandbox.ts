import { execFile } from 'node:child_process';
import { lstatSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { findOnPath, isExecutableFile } from '../media/executables.js';

/** What bubblewrap on this machine can do, beyond the options every version has. */
export interface SandboxFeatures {
  /** `--disable-userns` (0.8+): no nested user namespaces inside the sandbox, a large slice of kernel attack surface gone. */
  readonly disableUserns: boolean;
  /** `--size` (0.8+): a size cap on the sandbox's own /tmp, which is memory. */
  readonly tmpfsSize: boolean;
}

export type SandboxStatus =
  | { readonly available: true; readonly path: string; readonly version: string; readonly features: SandboxFeatures }
  | { readonly available: false; readonly reason: string };

interface RunAs {
  readonly uid: number;
  readonly gid: number;
}

/** The system directories a child needs to run node and the tools a stage starts; all read-only. */
const SYSTEM_PATHS = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32', '/etc'];

/** Size of the sandbox's private /tmp: scratch space belongs in the work dir (TMPDIR points there). */
export const SANDBOX_TMP_BYTES = 64 * 1024 * 1024;

const PROBE_TIMEOUT_MS = 5_000;
const PROBE_ENV = { PATH: '/usr/local/bin:/usr/bin:/bin', LANG: 'C.UTF-8' };
const probes = new Map<string, Promise<SandboxStatus>>();

/**
 * Finds bubblewrap and proves it works here (cached per path and user).
 * `configuredPath` (absolute) wins; otherwise `bwrap` on PATH. Finding the
 * binary is not enough: user namespaces can be disabled by the kernel, an
 * AppArmor profile or a container runtime, so the probe runs a real sandbox
 * with the isolation the runner uses, as `runAs` when given (the uid jobs will
 * run as; an unprivileged bwrap needs user namespaces, root's does not).
 */
export function probeSandbox(configuredPath?: string, runAs?: RunAs): Promise<SandboxStatus> {
  const key = `${configuredPath ?? ''}\0${runAs ? `${runAs.uid}:${runAs.gid}` : ''}`;
  let probe = probes.get(key);
  if (!probe) {
    probe = probeUncached(configuredPath, runAs);
    probes.set(key, probe);
  }
  return probe;
}

async function probeUncached(configuredPath: string | undefined, runAs: RunAs | undefined): Promise<SandboxStatus> {
  const path = locateBwrap(configuredPath);
  if (typeof path !== 'string') return path;
  try {
    const version = (await run(path, ['--version'])).trim() || 'bubblewrap (unknown version)';
    const help = await run(path, ['--help']);
    const features: SandboxFeatures = { disableUserns: help.includes('--disable-userns'), tmpfsSize: help.includes('--size') };
    const isolateUser = (runAs?.uid ?? process.getuid?.() ?? 0) !== 0;
    await run(path, [...isolationArgs(features, isolateUser), '--ro-bind', '/', '/', '--proc', '/proc', '--dev', '/dev', '--', trueBinary()], runAs);
    return { available: true, path, version, features };
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
    return { available: false, reason: `${path} cannot create a sandbox here: ${detail.split('\n')[0]}` };
  }
}

function locateBwrap(configuredPath: string | undefined): string | { available: false; reason: string } {
  if (configuredPath !== undefined) {
    if (!isAbsolute(configuredPath)) return { available: false, reason: `the configured bwrap path ${configuredPath} is not absolute` };
    return isExecutableFile(configuredPath) ? configuredPath : { available: false, reason: `the configured bwrap path ${configuredPath} is not an executable file` };
  }
  return findOnPath('bwrap') ?? { available: false, reason: 'bwrap (bubblewrap) is not installed or not on PATH' };
}

function trueBinary(): string {
  return ['/usr/bin/true', '/bin/true'].find(isExecutableFile) ?? '/bin/true';
}

function run(file: string, args: string[], runAs?: RunAs): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env: PROBE_ENV, timeout: PROBE_TIMEOUT_MS, killSignal: 'SIGKILL', shell: false, ...runAs }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(error, { stderr }));
      else resolve(stdout);
    });
  });
}

/**
 * Namespaces: no network at all (only a loopback of its own, so a connection
 * to the server's 127.0.0.1 ports, Redis or PostgreSQL fails), its own pids
 * (it cannot see or signal the server, and when its pid 1 dies the kernel
 * kills everything left inside), IPC and hostname. `--die-with-parent` ties
 * the sandbox to the bwrap process the runner kills; `--new-session` stops
 * TIOCSTI keystroke injection into a terminal.
 */
function isolationArgs(features: SandboxFeatures, isolateUser: boolean): string[] {
  return [
    ...(isolateUser ? ['--unshare-user', ...(features.disableUserns ? ['--disable-userns'] : [])] : []),
    '--unshare-net',
    '--unshare-pid',
    '--unshare-ipc',
    '--unshare-uts',
    '--hostname',
    'sakuga-job',
    '--die-with-parent',
    '--new-session',
  ];
}

export interface SandboxLayout {
  readonly features: SandboxFeatures;
  /** The job's work dir, a real path: the only writable place. */
  readonly workDir: string;
  /**
   * Read-only extras: node's directory and Sakuga's code (package.json,
   * node_modules, src or dist), each shown at its path, read from `source`
   * when given (a staged copy the job uid can reach: staged-code.ts).
   */
  readonly codePaths: readonly { readonly path: string; readonly source?: string }[];
  /** Covered with an empty read-only tmpfs (a directory) or /dev/null (a file) before the work dir is bound. */
  readonly hiddenPaths: readonly string[];
  /** Whether the child runs as a uid other than 0; then bwrap creates a user namespace. */
  readonly isolateUser: boolean;
}

/**
 * bwrap's options (everything before `--` and the command) for one job. bwrap
 * applies mounts in order, which is what makes the layout safe: the system
 * read-only, private /proc, /dev and /tmp, the code read-only, then every hidden
 * path covered — the data dir holds the database, the secrets and everyone's
 * files, and may sit inside the project directory — and only then the work
 * dir (which lives inside the data dir) bound writable on top. Finally the
 * sandbox's own root, /dev and the covers are remounted read-only, so none of
 * them can be filled as unaccounted memory.
 */
export function sandboxArgs(layout: SandboxLayout): string[] {
  const args = isolationArgs(layout.features, layout.isolateUser);
  const bound: string[] = [];
  const covered = (path: string) => bound.some((root) => path === root || path.startsWith(`${root}/`));

  for (const path of SYSTEM_PATHS) {
    const stat = lstatOrNull(path);
    if (!stat) continue;
    // Merged-/usr systems have /bin -> usr/bin: recreate the link rather than mount the directory twice.
    if (stat.isSymbolicLink()) args.push('--symlink', readlinkSync(path), path);
    else if (stat.isDirectory()) {
      args.push('--ro-bind', path, path);
      bound.push(path);
    }
  }
  args.push('--proc', '/proc', '--dev', '/dev');
  if (layout.features.tmpfsSize) args.push('--size', String(SANDBOX_TMP_BYTES));
  args.push('--tmpfs', '/tmp');
  // After /tmp, which would otherwise cover code that lives there (a checkout in /tmp, CI).
  for (const { path: given, source } of layout.codePaths) {
    const real = realpathSync(given);
    // Both names when a symlink is involved: node resolves modules from the real path, the command line names the other.
    for (const path of new Set([real, resolve(given)])) {
      if (covered(path)) continue;
      args.push('--ro-bind', source ?? real, path);
      bound.push(path);
    }
  }

  const hiddenDirs: string[] = [];
  for (const hidden of layout.hiddenPaths) {
    const path = realpathOrNull(hidden);
    if (!path) continue; // Nothing there to hide; a cover would need a mount point that does not exist.
    if (statSync(path).isDirectory()) {
      args.push('--tmpfs', path);
      hiddenDirs.push(path);
    } else {
      args.push('--ro-bind', '/dev/null', path);
    }
  }
  args.push('--bind', layout.workDir, layout.workDir);
  for (const path of hiddenDirs) args.push('--remount-ro', path);
  args.push('--remount-ro', '/dev', '--remount-ro', '/', '--chdir', layout.workDir);
  return args;
}

function lstatOrNull(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

function realpathOrNull(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

/** The directory holding the node binary, which the sandbox needs read-only. */
export function nodeDir(): string {
  return dirname(realpathSync(process.execPath));
}
