import { realpathSync, type Stats, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * The unprivileged uid and gid a job's process runs as when Sakuga runs as
 * root (JOB_UID, JOB_GID). It has no other group: libuv drops supplementary
 * groups when it changes the uid.
 */
export interface JobUser {
  readonly uid: number;
  readonly gid: number;
}

/** The rwx bits that apply to `user` for a file with this owner, group and mode. */
function bitsFor(stat: Stats, user: JobUser): number {
  if (stat.uid === user.uid) return (stat.mode >> 6) & 7;
  if (stat.gid === user.gid) return (stat.mode >> 3) & 7;
  return stat.mode & 7;
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** Every directory from / down to `path` (itself included), as written. */
function ancestry(path: string): string[] {
  const chain: string[] = [];
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    chain.unshift(dir);
    if (dir === dirname(dir)) return chain;
  }
}

/**
 * Where `user` is stopped on the way to `path`: the first directory it may
 * not pass through (no search permission), or `path` itself when it is a
 * file `user` may not read. Undefined when nothing stops it, and for what
 * does not exist yet (nothing to check). The path as written and its real
 * path are both walked, since the kernel follows a symlink from where it
 * lies. Mode bits only: an ACL that opens a directory is not seen, so this
 * errs towards reporting a problem.
 */
export function closedOnTheWay(path: string, user: JobUser): string | undefined {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    real = resolve(path);
  }
  for (const chain of [ancestry(path), ancestry(real)]) {
    for (const dir of chain) {
      const stat = statOrNull(dir);
      if (!stat) break;
      const needs = stat.isDirectory() ? 0o1 : 0o4;
      if ((bitsFor(stat, user) & needs) === 0) return dir;
    }
  }
  return undefined;
}

/**
 * Why `user` cannot do `what`, naming the directory in the way and the usual
 * ways out: loosening that directory is the operator's call, never Sakuga's.
 */
export function cannotReach(user: JobUser, what: string, closed: string, alternative?: string): string {
  const ways = [`make ${closed} traversable (chmod o+x)`, ...(alternative ? [alternative] : []), 'run Sakuga as an ordinary user'];
  return `job processes run as uid ${user.uid} and cannot ${what}, because ${closed} is closed to them: ${ways.slice(0, -1).join(', ')}, or ${ways.at(-1)}`;
}
