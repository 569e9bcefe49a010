import { chmodSync, mkdirSync, statSync } from 'node:fs';

/**
 * Creates a private directory (0700) or checks an existing one. The data dir
 * holds the database, secrets and everyone's files, so it must not be readable
 * by other local users.
 */
export function ensurePrivateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  const stat = statSync(path);
  if (!stat.isDirectory()) throw new Error(`${path} exists and is not a directory`);
  // mkdir's mode is filtered by the umask and ignored for existing directories.
  if ((stat.mode & 0o077) !== 0 && stat.uid === process.getuid?.()) chmodSync(path, 0o700);
}
