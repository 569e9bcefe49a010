import { lstatSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** How much a path holds: its regular files and their bytes (symlinks are counted as nothing and never followed). */
export interface FileCount {
  readonly files: number;
  readonly bytes: number;
}

export const NO_FILES: FileCount = { files: 0, bytes: 0 };

export const addCounts = (a: FileCount, b: FileCount): FileCount => ({ files: a.files + b.files, bytes: a.bytes + b.bytes });

/** The regular files under `path` (itself, if it is one); nothing when it is missing. */
export function countFiles(path: string): FileCount {
  let info;
  try {
    info = lstatSync(path);
  } catch {
    return NO_FILES;
  }
  if (info.isFile()) return { files: 1, bytes: info.size };
  if (!info.isDirectory()) return NO_FILES;
  return readdirSync(path).reduce((sum, name) => addCounts(sum, countFiles(join(path, name))), NO_FILES);
}

/**
 * Removes a finished job's work dir, all but `keep` (relative paths, e.g. a
 * dub's clips for a later re-render). Only names directly under the work dir
 * and under a kept path's parents are looked at, with lstat: a symlink the job
 * planted is removed as a link, never followed.
 */
export function clearWorkDir(dir: string, keep: readonly string[]): void {
  if (keep.length === 0) return rmSync(dir, { recursive: true, force: true });
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    const info = lstatSync(path);
    const inside = keep.filter((entry) => entry.startsWith(`${name}/`)).map((entry) => entry.slice(name.length + 1));
    if (keep.includes(name) && (info.isFile() || info.isDirectory())) continue;
    if (inside.length > 0 && info.isDirectory()) clearWorkDir(path, inside);
    else rmSync(path, { recursive: true, force: true });
  }
}
