import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { type FileHandle, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SEALED_SEGMENT_BYTES } from './crypto/blob-format.js';
import { assertObjectId, type ObjectStore } from './object-store.js';

/**
 * Bytes a stream reads at a time: larger than the 64 KiB default, for fewer
 * reads of a long range, and a whole number of sealed segments, so an
 * encrypted blob's reads (which start at a segment) never split one.
 */
const READ_CHUNK_BYTES = 16 * SEALED_SEGMENT_BYTES;
/** Chunks written with one writev once this much has gathered: a sixteenth of the system calls of one write per socket read, and no copying. */
const WRITE_BATCH_BYTES = 1024 * 1024;

/** Writes every byte of `chunks` at `position` (writev may write fewer; the rest follows). */
async function writeAll(handle: FileHandle, chunks: Buffer[], position: number): Promise<void> {
  let pending = chunks;
  while (pending.length > 0) {
    let { bytesWritten } = await handle.writev(pending, position);
    position += bytesWritten;
    while (pending.length > 0 && bytesWritten >= pending[0]!.length) bytesWritten -= pending.shift()!.length;
    if (bytesWritten > 0) pending = [pending[0]!.subarray(bytesWritten), ...pending.slice(1)];
  }
}

/**
 * Objects as files under `<data dir>/blobs/`, in 256 folders by the id's
 * first two digits. A write goes to a temporary name in the same folder,
 * is fsynced, then renamed into place (and the folder fsynced), so an object
 * is either whole or absent after a crash. Names come from ids only
 * (32 hex digits), never from a request.
 */
export function createFsObjects(root: string): ObjectStore {
  const folderOf = (id: string) => join(root, id.slice(0, 2));
  const pathOf = (id: string) => {
    assertObjectId(id);
    return join(folderOf(id), id);
  };
  const missing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

  async function syncDir(dir: string): Promise<void> {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  return {
    kind: 'fs',

    async put(id, body) {
      const path = pathOf(id);
      const folder = folderOf(id);
      await mkdir(folder, { recursive: true, mode: 0o700 });
      const partial = join(folder, `.${id}.${randomBytes(6).toString('hex')}.partial`);
      try {
        const handle = await open(partial, 'wx', 0o600);
        let bytes = 0;
        try {
          let batch: Buffer[] = [];
          let batched = 0;
          for await (const chunk of body as AsyncIterable<Buffer>) {
            batch.push(chunk);
            batched += chunk.length;
            if (batched < WRITE_BATCH_BYTES) continue;
            await writeAll(handle, batch, bytes);
            [bytes, batch, batched] = [bytes + batched, [], 0];
          }
          if (batched > 0) await writeAll(handle, batch, bytes);
          bytes += batched;
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(partial, path);
        await syncDir(folder);
        return bytes;
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
    },

    async read(id, position, length) {
      const handle = await open(pathOf(id), 'r');
      try {
        // Unfilled: every byte handed back is one read from the file (the rest is cut off below).
        const buffer = Buffer.allocUnsafe(length);
        let done = 0;
        while (done < length) {
          const { bytesRead } = await handle.read(buffer, done, length - done, position + done);
          if (bytesRead === 0) break;
          done += bytesRead;
        }
        return buffer.subarray(0, done);
      } finally {
        await handle.close();
      }
    },

    async stream(id, range) {
      const path = pathOf(id);
      // Opened here, so a missing object fails now rather than in the middle of a response.
      const handle = await open(path, 'r');
      return createReadStream('', { fd: handle, highWaterMark: READ_CHUNK_BYTES, ...(range && { start: range.start, end: range.end }) });
    },

    async size(id) {
      try {
        return (await stat(pathOf(id))).size;
      } catch (error) {
        if (missing(error)) return undefined;
        throw error;
      }
    },

    async delete(id) {
      await rm(pathOf(id), { force: true });
    },

    async *list() {
      const folders = await readdir(root).catch((error: unknown) => (missing(error) ? [] : Promise.reject(error)));
      for (const folder of folders.sort()) {
        if (!/^[0-9a-f]{2}$/.test(folder)) continue;
        for (const name of (await readdir(join(root, folder))).sort()) {
          if (!name.startsWith(folder) || !/^[0-9a-f]{32}$/.test(name)) continue;
          const info = await stat(join(root, folder, name)).catch(() => undefined);
          if (info) yield { id: name, modifiedAt: info.mtime };
        }
      }
    },
  };
}
