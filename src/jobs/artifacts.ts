import { randomBytes } from 'node:crypto';
import { copyFile, link, mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ensurePrivateDir } from '../config/data-dir.js';

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

/**
 * Finished artifacts under `<data dir>/artifacts/<job id>/<name>`. A file
 * appears under its name only complete (copied to a temporary name, flushed,
 * renamed), so a crash mid-copy leaves no partial artifact and a stage that
 * runs again replaces its file atomically.
 */
export function createArtifactStore(root: string) {
  function pathOf(jobId: string, name: string): string {
    if (!JOB_ID.test(jobId) || !ARTIFACT_NAME.test(name)) throw new Error('invalid artifact reference');
    return join(root, jobId, name);
  }

  async function publish(jobId: string, name: string, source: string): Promise<void> {
    const target = pathOf(jobId, name);
    ensurePrivateDir(root);
    await mkdir(join(root, jobId), { recursive: true, mode: 0o700 });
    const partial = `${target}.partial-${randomBytes(6).toString('hex')}`;
    try {
      await copyFile(source, partial);
      const handle = await open(partial, 'r');
      await handle.sync().finally(() => handle.close());
      await rename(partial, target);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  /** Where an earlier render's files are kept: `<job>/r<render>/`. */
  function renderDir(jobId: string, render: number): string {
    if (!JOB_ID.test(jobId) || !Number.isSafeInteger(render) || render < 1) throw new Error('invalid render reference');
    return join(root, jobId, `r${render}`);
  }

  function keptPathOf(jobId: string, render: number, name: string): string {
    if (!ARTIFACT_NAME.test(name)) throw new Error('invalid artifact reference');
    return join(renderDir(jobId, render), name);
  }

  /**
   * Keeps the current files of `names` as render `render`'s version: hard
   * links, so keeping costs no copy, and the next render's publish (a rename
   * over the name) leaves the kept file as it was.
   */
  async function keepRender(jobId: string, render: number, names: readonly string[]): Promise<void> {
    await mkdir(renderDir(jobId, render), { recursive: true, mode: 0o700 });
    for (const name of names) {
      const kept = keptPathOf(jobId, render, name);
      await rm(kept, { force: true });
      await link(pathOf(jobId, name), kept);
    }
  }

  const removeRender = (jobId: string, render: number) => rm(renderDir(jobId, render), { recursive: true, force: true });

  return { pathOf, publish, keptPathOf, keepRender, removeRender, removeJob: (jobId: string) => rm(join(root, jobId), { recursive: true, force: true }) };
}

export type ArtifactStore = ReturnType<typeof createArtifactStore>;
