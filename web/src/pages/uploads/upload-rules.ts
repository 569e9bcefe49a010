import type { Reply } from '../../api/types';
import { formatBytes } from './format';

export type UploadLimits = Reply<'/api/uploads/limits', 'get'>;
export type UploadView = Reply<'/api/uploads/{id}', 'get'>;

/** What to do with a chosen file: upload it as this kind, or tell the person why the server will refuse it. */
export type UploadPlan = { readonly ok: true; readonly kind: string } | { readonly ok: false; readonly problem: string };

const KIND_NAMES: Readonly<Record<string, string>> = { video: 'video', image: 'image', audio: 'audio file', subtitles: 'subtitle file', data: 'data file' };

/** The lower-cased extension with its dot, as the server reads it ("" when none). */
export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot <= 0 ? '' : filename.slice(dot).toLowerCase();
}

/**
 * The kind a file is uploaded as, from its extension (the first kind that
 * takes it, so .webm is a video), checked against the server's limits before
 * a byte is sent. The server checks again, and then the contents.
 */
export function planUpload(file: { readonly name: string; readonly size: number }, limits: UploadLimits): UploadPlan {
  const extension = extensionOf(file.name);
  const kind = limits.kinds.find((candidate) => candidate.extensions.includes(extension));
  if (!kind) {
    const accepted = limits.kinds.flatMap((candidate) => candidate.extensions).join(', ');
    return { ok: false, problem: `${extension ? `Files ending in ${extension}` : 'Files without an extension'} are not accepted. Sakuga takes ${accepted}.` };
  }
  if (file.size > kind.max_bytes) {
    return { ok: false, problem: `This ${KIND_NAMES[kind.kind] ?? kind.kind} is ${formatBytes(file.size)}; this server takes at most ${formatBytes(kind.max_bytes)}.` };
  }
  if (file.size === 0) return { ok: false, problem: 'The file is empty.' };
  return { ok: true, kind: kind.kind };
}

/** The file input's `accept`: every extension the server takes. */
export function acceptedExtensions(limits: UploadLimits): string {
  return [...new Set(limits.kinds.flatMap((kind) => kind.extensions))].join(',');
}
