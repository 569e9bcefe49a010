import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readlinkSync, realpathSync, renameSync, rmSync, type Stats, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { closedOnTheWay, type JobUser } from './job-user.js';

/**
 * The child's code, staged where the job uid can read it.
 *
 * Sakuga running as root inside a directory others may not enter (a
 * checkout in /root, 0700 on Debian, or in a `mktemp -d` folder) runs each
 * job's child as JOB_UID, which can then neither load that code nor have
 * bubblewrap bind it: unprivileged bwrap resolves every bind source as that
 * uid (0.8 even resolves `--ro-bind-fd` through the fd's path). Rather than
 * open the operator's directories, the code paths the uid cannot reach are
 * staged in the runtime dir (in the data dir, which the uid reaches as it
 * reaches its work dirs) as hard links, or copies across file systems. The
 * child runs from the stage; the sandbox binds it back at the code's own
 * paths, where node's real-path module resolution expects it. A code path
 * the uid can reach is staged as a symlink to its real path.
 *
 * A stage is named by a fingerprint of what it holds (each entry's name,
 * mode, inode, size and mtime): changed code gets a new stage, and workers
 * of one version share one. Staging removes every other version's stage
 * (two versions sharing one data dir at once would take turns). Directories
 * are root's and 0755, files keep their owner and mode: the job uid reads
 * the stage and cannot change it.
 */

interface Entry {
  readonly name: string;
  readonly source: string;
  readonly stat: Stats;
}

/**
 * File system calls between two turns of the event loop. Staging is one
 * walk of node_modules (about 16,000 entries here): the synchronous calls
 * cost a quarter of the CPU of their promise forms, and yielding this often
 * keeps the server answering meanwhile.
 */
const CALLS_PER_TURN = 200;
const stages = new Map<string, Promise<string>>();

/**
 * The stage of `paths` (names directly under `root`) in `runtimeDir` for
 * `user`, made on first use in this process and made again if it is gone.
 */
export async function stagedCode(root: string, paths: readonly string[], runtimeDir: string, user: JobUser): Promise<string> {
  const key = JSON.stringify([root, paths, runtimeDir, user.uid, user.gid]);
  let staging = stages.get(key);
  if (!staging) {
    staging = stage(root, paths, runtimeDir, user);
    stages.set(key, staging);
    staging.catch(() => stages.delete(key));
  }
  const dir = await staging;
  if (existsSync(dir)) return dir;
  stages.delete(key); // Another version's staging removed it.
  return stagedCode(root, paths, runtimeDir, user);
}

async function stage(root: string, paths: readonly string[], runtimeDir: string, user: JobUser): Promise<string> {
  const turn = pacer();
  const reachable: Array<{ name: string; real: string }> = [];
  const entries: Entry[] = [];
  const fingerprint = createHash('sha256');
  for (const name of paths) {
    const real = realpathSync(join(root, name));
    if (closedOnTheWay(real, user) === undefined) {
      reachable.push({ name, real });
      fingerprint.update(`${name}\0${real}\n`);
    } else {
      await walk(real, name, entries, turn);
    }
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : 1)); // Deterministic, and each directory before what it holds.
  for (const { name, stat } of entries) fingerprint.update(`${name}\0${stat.mode}\0${stat.ino}\0${stat.size}\0${stat.mtimeMs}\n`);
  const version = fingerprint.digest('hex').slice(0, 24);
  const dir = join(runtimeDir, version);

  mkdirSync(runtimeDir, { recursive: true, mode: 0o711 });
  chmodSync(runtimeDir, 0o711); // Passable, not listable, whatever the umask.
  if (!existsSync(dir)) {
    const partial = join(runtimeDir, `.${version}-${randomBytes(6).toString('hex')}`);
    try {
      makeDir(partial);
      for (const { name, real } of reachable) symlinkSync(real, join(partial, name));
      for (const entry of entries) {
        place(entry, join(partial, entry.name));
        await turn();
      }
      renameSync(partial, dir);
    } catch (error) {
      rmSync(partial, { recursive: true, force: true });
      if (!existsSync(dir)) throw error; // Otherwise another worker staged the same code first.
    }
  }
  for (const other of readdirSync(runtimeDir)) {
    if (other !== version && !other.startsWith(`.${version}-`)) rmSync(join(runtimeDir, other), { recursive: true, force: true });
  }
  return dir;
}

/** Every entry under `source` and itself, named relative to the stage. */
async function walk(source: string, name: string, into: Entry[], turn: () => Promise<void>): Promise<void> {
  const pending = [{ source, name }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const stat = lstatSync(next.source);
    into.push({ ...next, stat });
    if (stat.isDirectory()) for (const child of readdirSync(next.source)) pending.push({ source: join(next.source, child), name: join(next.name, child) });
    await turn();
  }
}

/** Resolves at once, or on the next turn of the event loop every CALLS_PER_TURN calls. */
function pacer(): () => Promise<void> {
  let calls = 0;
  return () => (++calls % CALLS_PER_TURN === 0 ? yieldToLoop() : Promise.resolve());
}

function makeDir(path: string): void {
  mkdirSync(path, { mode: 0o755 });
  chmodSync(path, 0o755);
}

function place({ source, stat }: Entry, target: string): void {
  if (stat.isDirectory()) return makeDir(target);
  if (stat.isSymbolicLink()) return symlinkSync(readlinkSync(source), target);
  if (!stat.isFile()) return; // A socket or a fifo is nothing the child loads.
  try {
    linkSync(source, target);
  } catch {
    copyFileSync(source, target); // Another file system: hard links cannot cross it.
  }
}
