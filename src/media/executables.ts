import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/** A regular file this process may execute. */
export function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * `name` in the absolute entries of PATH. Relative entries are skipped: they
 * would resolve against whatever directory Sakuga happens to run in.
 */
export function findOnPath(name: string, pathVariable = process.env.PATH): string | undefined {
  return (pathVariable ?? '')
    .split(delimiter)
    .filter((dir) => dir && isAbsolute(dir))
    .map((dir) => join(dir, name))
    .find(isExecutableFile);
}
