import { chmodSync, mkdirSync, statSync } from 'node:fs';

/**
 * Creates a private directory (0700) or checks an existing one, taking away
 * any access others have. The data dir holds the database, secrets and
 * everyone's files, so it must not be readable or writable by other local
 * users; for it alone (`searchable`) search permission (o+x) is left in place:
 * under root, job processes run as an unprivileged uid and must pass through
 * to their own work directory (jobs/worker.ts); they can list nothing and
 * open only what is theirs.
 */
export function ensurePrivateDir(path: string, options: { searchable?: boolean } = {}): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  const stat = statSync(path);
  if (!stat.isDirectory()) throw new Error(`${path} exists and is not a directory`);
  // mkdir's mode is filtered by the umask and ignored for existing directories.
  const others = stat.mode & (options.searchable ? 0o066 : 0o077);
  if (others !== 0 && stat.uid === process.getuid?.()) chmodSync(path, 0o700 | (options.searchable ? stat.mode & 0o011 : 0));
}
