import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { BlobStore } from '../storage/blob-store.js';

/** Artifact names are chosen by Sakuga's stages, checked again here: never a path, never a kept render's folder (`r<n>`). */
export const ARTIFACT_NAME = /^(?!r\d+$)[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const JOB_ID = /^[0-9a-f]{32}$/;

const MEDIA_TYPES: Record<string, string> = {
  mp4: 'video/mp4',
  webm: 'video/webm',
  mkv: 'video/x-matroska',
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
  srt: 'application/x-subrip',
  vtt: 'text/vtt',
  // RFC 8216 §4: playlists; the HLS package's media are MPEG-TS.
  m3u8: 'application/vnd.apple.mpegurl',
  ts: 'video/mp2t',
  json: 'application/json',
  txt: 'text/plain; charset=utf-8',
};

/** The one table of artifact media types: every route that serves an artifact answers with this. */
export function mediaTypeOf(name: string): string {
  return MEDIA_TYPES[name.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}

/** One stored artifact, as a route serves it. */
export interface StoredArtifact {
  readonly size: number;
  readonly sha256: string;
  readonly mediaType: string;
  /** Its bytes `start..end` inclusive, or all of it; an encrypted one is checked before the stream is handed out. */
  open(range?: { start: number; end: number }): Promise<Readable>;
}

/**
 * A job's finished artifacts, in the blob store as `artifacts/<job>/<name>`,
 * a kept render's as `artifacts/<job>/r<n>/<name>`. An artifact appears
 * under its name only complete (the blob store writes a new object, then
 * moves the name), so a crash mid-copy leaves no partial artifact and a stage
 * that runs again replaces its file whole.
 */
export function createArtifactStore(blobs: BlobStore) {
  /** Where one job's blobs of a kind live: `artifacts/<job>/` or `previews/<job>/`. */
  function jobPrefix(kind: 'artifacts' | 'previews', jobId: string): string {
    if (!JOB_ID.test(jobId)) throw new Error('invalid job reference');
    return `${kind}/${jobId}/`;
  }

  function previewKey(jobId: string, seq: number): string {
    if (!Number.isSafeInteger(seq) || seq < 1) throw new Error('invalid preview reference');
    return `${jobPrefix('previews', jobId)}${seq}`;
  }

  function keyOf(jobId: string, name: string, render?: number): string {
    if (!JOB_ID.test(jobId) || !ARTIFACT_NAME.test(name)) throw new Error('invalid artifact reference');
    if (render !== undefined && (!Number.isSafeInteger(render) || render < 1)) throw new Error('invalid render reference');
    return render === undefined ? `artifacts/${jobId}/${name}` : `artifacts/${jobId}/r${render}/${name}`;
  }

  async function stored(key: string, name: string): Promise<StoredArtifact | undefined> {
    const blob = await blobs.open(key);
    return blob && { size: blob.info.size, sha256: blob.info.sha256, mediaType: mediaTypeOf(name), open: blob.read };
  }

  return {
    /** Stores the file at `source` (the descriptor the runner checked) as the job's artifact `name`. */
    async publish(jobId: string, name: string, source: string): Promise<void> {
      await blobs.put(keyOf(jobId, name), createReadStream(source));
    },

    /** Stores bytes Sakuga made itself (a report) as the job's artifact `name`; its size and hash, for its row. */
    async publishBytes(jobId: string, name: string, bytes: Uint8Array): Promise<{ size: number; sha256: string }> {
      const info = await blobs.put(keyOf(jobId, name), Readable.from([bytes]));
      return { size: info.size, sha256: info.sha256 };
    },

    /** The artifact, or undefined when it is not stored. */
    file: (jobId: string, name: string) => stored(keyOf(jobId, name), name),

    /** Its text, for the small JSON and playlists Sakuga reads back; undefined when missing or larger than `maxBytes`. */
    async text(jobId: string, name: string, maxBytes: number): Promise<string | undefined> {
      const file = await stored(keyOf(jobId, name), name);
      if (!file || file.size > maxBytes) return undefined;
      return (await buffer(await file.open())).toString('utf8');
    },

    /** A kept render's file. */
    keptFile: (jobId: string, render: number, name: string) => stored(keyOf(jobId, name, render), name),

    /**
     * Keeps the current files of `names` as render `render`'s version: names
     * sharing their objects, so keeping costs no copy, and the next render's
     * publish leaves the kept file as it was.
     */
    async keepRender(jobId: string, render: number, names: readonly string[]): Promise<void> {
      for (const name of names) await blobs.copy(keyOf(jobId, name), keyOf(jobId, name, render));
    },

    async removeRender(jobId: string, render: number): Promise<void> {
      if (!Number.isSafeInteger(render) || render < 1) throw new Error('invalid render reference');
      await blobs.deletePrefix(`${jobPrefix('artifacts', jobId)}r${render}/`);
    },

    /** Every file of the job, kept renders and preview frames included. */
    async removeJob(jobId: string): Promise<void> {
      await blobs.deletePrefix(jobPrefix('artifacts', jobId));
      await blobs.deletePrefix(jobPrefix('previews', jobId));
    },

    /** Every file of the job, for good: shredded and recorded in the shred ledger (someone deleted their work). */
    async shredJob(jobId: string, reason: string) {
      await blobs.deletePrefix(jobPrefix('previews', jobId));
      return blobs.shredPrefix(jobPrefix('artifacts', jobId), reason);
    },

    /**
     * A running job's preview frames, as `previews/<job>/<seq>` (encrypted at
     * rest like everything else): the newest is kept, the ones before it go.
     */
    previews: {
      async save(jobId: string, seq: number, bytes: Uint8Array): Promise<void> {
        const key = previewKey(jobId, seq);
        await blobs.put(key, Readable.from([Buffer.from(bytes)]));
        for (const older of await blobs.list(jobPrefix('previews', jobId))) if (older.key !== key) await blobs.delete(older.key);
      },
      async bytes(jobId: string, seq: number): Promise<Buffer | undefined> {
        const blob = await blobs.read(previewKey(jobId, seq));
        return blob && buffer(blob.body);
      },
      clear: async (jobId: string) => void (await blobs.deletePrefix(jobPrefix('previews', jobId))),
    },
  };
}

export type ArtifactStore = ReturnType<typeof createArtifactStore>;
