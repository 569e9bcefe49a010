import { createReadStream } from 'node:fs';
import { readdir, rm, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Db } from '../db/types.js';
import { findUpload } from './store.js';
import type { UploadFiles } from './upload-files.js';

const UPLOAD_ID = /^[0-9a-f]{32}$/;

/**
 * Uploads from before the blob store: tus's files under `<data dir>/uploads/`
 * (`<id>` and its `<id>.json`). Each is stored as its upload says: a
 * validated one (or one mid-validation) as its file, an unfinished one as its
 * first part (the client resumes from its length); a rejected one, or one no
 * upload names, is only deleted. Encrypted when encryption at rest is on.
 * Runs at start; a file is removed only after its blob is stored, so a start
 * cut short resumes.
 */
export async function importLegacyUploads(deps: { dataDir: string; db: Db; files: UploadFiles; log: Logger }): Promise<{ files: number; bytes: number }> {
  const root = join(deps.dataDir, 'uploads');
  const names = await readdir(root).catch(() => [] as string[]);
  const ids = names.filter((name) => UPLOAD_ID.test(name));
  if (names.length === 0) return { files: 0, bytes: 0 };
  if (ids.length > 0) deps.log.info({ files: ids.length }, 'moving uploads into the blob store');
  let [files, bytes] = [0, 0];
  for (const id of ids) {
    const path = join(root, id);
    const size = await stat(path).then((info) => info.size, () => undefined);
    if (size === undefined) continue;
    const status = (await findUpload(deps.db, id))?.status;
    if (status === 'accepted' || status === 'validating') await deps.files.putFile(id, createReadStream(path));
    else if (status === 'receiving' && size > 0) await deps.files.putPart(id, 0, createReadStream(path));
    await rm(path, { force: true });
    await rm(`${path}.json`, { force: true });
    if (status === 'accepted' || status === 'validating' || status === 'receiving') [files, bytes] = [files + 1, bytes + size];
  }
  // What is left is tus's bookkeeping of uploads already gone.
  for (const name of await readdir(root).catch(() => [] as string[])) if (/^[0-9a-f]{32}\.json$/.test(name)) await rm(join(root, name), { force: true });
  await rmdir(root).catch(() => undefined);
  if (files > 0) deps.log.info({ files, bytes }, 'uploads moved into the blob store');
  return { files, bytes };
}
