import { chmodSync, mkdirSync, statSync } from 'node:fs';

/**
 * Creates a private directory (0700) or checks an existing one. The data dir
 * holds the database, secrets and everyone's files, so it must not be readable
 * or writable by other local users. Search permission alone (o+x) is left in
 * place: under root, job processes run as an unprivileged uid and must pass
 * through to their own work directory (see jobs/worker.ts); they can list
 * nothing and open only what is theirs.
 */
export function ensurePrivateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  const stat = statSync(path);
  if (!stat.isDirectory()) throw new Error(`${path} exists and is not a directory`);
  // mkdir's mode is filtered by the umask and ignored for existing directories.
  if ((stat.mode & 0o066) !== 0 && stat.uid === process.getuid?.()) chmodSync(path, stat.mode & 0o711);
}
