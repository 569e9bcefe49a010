import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Principal } from '../access/principal.js';
import type { AuditLog } from '../ops/audit.js';
import type { FilePicker } from './file-picker.js';
import { sanitiseFilename } from './kinds.js';
import type { Db } from '../db/types.js';
import type { UploadService, UploadView } from './service.js';
import { findUpload, recordVerdict } from './store.js';
import type { UploadFiles } from './upload-files.js';

/** The rejection reason when a picked file could not be copied in (it vanished, or could not be read). */
export const IMPORT_FAILED = 'import_failed';

/**
 * A file picked on the server becomes an upload like any other: the same
 * size limit, quota and rate, copied into the blob store under a new id,
 * then the same validation (extension, magic bytes, ffprobe or sharp, SHA-256).
 * A job then takes it by its upload id, so no job ever reads a picked path
 * that was not validated as an upload.
 */
export function createPickedImport(deps: { db: Db; uploads: UploadService; files: UploadFiles; picker: FilePicker; audit: AuditLog; now: () => Date }) {
  async function copyIn(source: string, id: string): Promise<void> {
    // O_NOFOLLOW: a file swapped for a symlink since it was checked is not followed out of the roots.
    const handle = await open(source, constants.O_RDONLY | constants.O_NOFOLLOW);
    try {
      if (!(await handle.stat()).isFile()) throw new Error('not a regular file');
      await deps.files.putFile(id, handle.createReadStream({ autoClose: false }));
    } finally {
      await handle.close().catch(() => {});
    }
  }

  /** Starts the import; the copy and validation continue after the answer (GET /api/uploads/:id tells). */
  async function importPicked(principal: Principal, path: string, client: { ip: string; requestId: string }): Promise<UploadView> {
    const picked = await deps.picker.pick(path);
    const upload = { kind: picked.kind, filename: sanitiseFilename(picked.filename), size: picked.size };
    deps.uploads.checkSize(upload.kind, upload.size);
    await deps.uploads.admit(principal, upload);
    const id = randomBytes(16).toString('hex');
    await deps.uploads.recordCreated(principal, id, upload, client);
    void copyIn(picked.path, id).then(
      () => deps.uploads.finished(id),
      async (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOSPC') return deps.uploads.failedForSpace(id);
        await deps.files.remove(id);
        await recordVerdict(deps.db, id, { status: 'rejected', reason: IMPORT_FAILED }, deps.now().toISOString());
        await deps.audit.record({ action: 'upload.rejected', result: 'denied', actor: { type: 'user', id: principal.userId }, target: `upload:${id}`, details: { kind: upload.kind, reason: IMPORT_FAILED } });
      },
    );
    return deps.uploads.view((await findUpload(deps.db, id))!);
  }

  return { importPicked };
}

export type PickedImport = ReturnType<typeof createPickedImport>;
