import { createReadStream } from 'node:fs';
import { readdir, rm, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { BlobStore } from './blob-store.js';

const JOB_ID = /^[0-9a-f]{32}$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const RENDER = /^r[1-9]\d{0,8}$/;
/** What the old store left of a copy a crash cut short: never an artifact. */
const PARTIAL = /\.partial-[0-9a-f]+$/;
const isArtifact = (name: string) => NAME.test(name) && !PARTIAL.test(name);

/**
 * Job artifacts from before the blob store: files under
 * `<data dir>/artifacts/<job>/<name>` and kept renders' `<job>/r<n>/<name>`.
 * Each is stored as the blob of the same name (encrypted when encryption at
 * rest is on), then its file is removed; empty folders go too. Runs at start,
 * before anything is served, and does nothing once the folder is gone.
 * Resumable: a file is removed only after its blob is stored, and one that
 * another process imported first is skipped.
 */
export async function importLegacyArtifacts(deps: { dataDir: string; blobs: BlobStore; log: Logger }): Promise<{ files: number; bytes: number }> {
  const root = join(deps.dataDir, 'artifacts');
  const found: Array<{ path: string; key: string }> = [];
  const entries = async (dir: string) => readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const job of await entries(root)) {
    if (!job.isDirectory() || !JOB_ID.test(job.name)) continue;
    for (const entry of await entries(join(root, job.name))) {
      if (entry.isFile() && isArtifact(entry.name)) found.push({ path: join(root, job.name, entry.name), key: `artifacts/${job.name}/${entry.name}` });
      if (!entry.isDirectory() || !RENDER.test(entry.name)) continue;
      for (const kept of await entries(join(root, job.name, entry.name))) {
        if (kept.isFile() && isArtifact(kept.name)) found.push({ path: join(root, job.name, entry.name, kept.name), key: `artifacts/${job.name}/${entry.name}/${kept.name}` });
      }
    }
  }
  if (found.length === 0) return { files: 0, bytes: 0 };
  deps.log.info({ files: found.length }, 'moving job artifacts into the blob store');
  let bytes = 0;
  let files = 0;
  for (const file of found) {
    const size = await stat(file.path).then((info) => info.size, () => undefined);
    if (size === undefined) continue; // another process moved it
    try {
      await deps.blobs.put(file.key, createReadStream(file.path));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && (await deps.blobs.stat(file.key))) continue;
      throw error;
    }
    await rm(file.path, { force: true });
    bytes += size;
    files += 1;
  }
  // Empty folders, deepest first; one still holding something (a name we do not know) stays.
  for (const dir of [...new Set(found.map((file) => join(file.path, '..')))].sort().reverse()) await rmdir(dir).catch(() => undefined);
  for (const job of await entries(root)) await rmdir(join(root, job.name)).catch(() => undefined);
  await rmdir(root).catch(() => undefined);
  deps.log.info({ files, bytes }, 'job artifacts moved into the blob store');
  return { files, bytes };
}
