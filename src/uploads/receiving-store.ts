import { Readable } from 'node:stream';
import { DataStore, ERRORS, Upload } from '@tus/utils';
import { StorageUnavailable } from '../storage/object-store.js';
import type { UploadFiles } from './upload-files.js';

/**
 * The most one stored part holds. A request longer than this (tus-js-client
 * sends a whole file in one PATCH by default) is stored as several parts, so
 * a crash mid-request loses at most this much; the web app's 8 MB PATCHes
 * are one part each.
 */
export const PART_BYTES = 8 * 1024 * 1024;

/**
 * tus's data store over the blob store: an upload's bytes go nowhere else,
 * sealed as they are stored when encryption at rest is on (no plaintext
 * file, not even while receiving). Each request's bytes are stored as parts
 * of at most PART_BYTES (upload-files.ts); a part is durable once stored,
 * and the offset a client resumes from is exactly the durable parts. When a
 * request ends or is cut off, what arrived is stored as a last part, so a
 * resumed upload loses nothing that reached the server before a clean stop.
 *
 * The upload's length comes from its database row (`lengthOf`): the row is
 * written before tus asks the store to create the upload.
 */
export class ReceivingStore extends DataStore {
  readonly #files: UploadFiles;
  readonly #lengthOf: (id: string) => Promise<number | undefined>;

  constructor(deps: { files: UploadFiles; lengthOf: (id: string) => Promise<number | undefined> }) {
    super();
    this.#files = deps.files;
    this.#lengthOf = deps.lengthOf;
    // Expiry is Sakuga's own (the upload service's schedule); tus only says the extension is there.
    this.extensions = ['creation', 'creation-with-upload', 'termination', 'expiration'];
  }

  /** Nothing to store until bytes arrive: an upload with no parts is at offset 0. */
  override async create(upload: Upload): Promise<Upload> {
    return upload;
  }

  override async getUpload(id: string): Promise<Upload> {
    const size = await this.#lengthOf(id);
    if (size === undefined) throw ERRORS.FILE_NOT_FOUND;
    const { bytes } = await this.#files.received(id);
    return new Upload({ id, size, offset: bytes });
  }

  override async write(readable: Readable, id: string, offset: number): Promise<number> {
    const source = (readable as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
    let failure: unknown;
    /** The next chunk of the source; undefined at its end, or when it failed (kept in `failure`). */
    async function pull(): Promise<Buffer | undefined> {
      if (failure !== undefined) return undefined;
      try {
        const next = await source.next();
        return next.done ? undefined : next.value;
      } catch (error) {
        failure = error;
        return undefined;
      }
    }
    // A part starts only with a byte in hand, so no empty part is ever stored.
    let carried = await pull();
    async function* part(): AsyncGenerator<Buffer> {
      for (let taken = 0; carried && taken < PART_BYTES; carried = await pull()) {
        const room = PART_BYTES - taken;
        const chunk = carried.length > room ? carried.subarray(0, room) : carried;
        taken += chunk.length;
        yield chunk;
        if (chunk !== carried) {
          carried = carried.subarray(room);
          return;
        }
      }
    }
    try {
      while (carried) offset += (await this.#files.putPart(id, offset, Readable.from(part(), { objectMode: false }))).size;
    } catch (error) {
      // The routes tell a full disk (507) and a backend that does not answer (503) apart; any other failure is tus's own.
      if ((error as NodeJS.ErrnoException).code === 'ENOSPC' || error instanceof StorageUnavailable) throw error;
      throw ERRORS.FILE_WRITE_ERROR;
    }
    if (failure !== undefined) throw ERRORS.FILE_WRITE_ERROR;
    return offset;
  }

  override async remove(id: string): Promise<void> {
    await this.#files.remove(id);
  }
}
