import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import type { Metadata as ImageMetadata } from 'sharp';

type SharpFormat = 'jpeg' | 'png' | 'webp';
import type { Config } from '../config/load.js';
import { type MediaInfo, probeMedia } from '../media/probe.js';
import type { LocatedTool } from '../media/toolchain.js';
import { extensionOf, UPLOAD_KINDS, type UploadKind } from './kinds.js';
import { checkJson, checkSubtitles } from './text-formats.js';

/** What file-type must find in the bytes for each extension; text kinds must look like no binary format. */
const MAGIC: Readonly<Record<string, readonly string[]>> = {
  '.mp4': ['mp4', 'm4v', 'mov', '3gp'],
  '.m4v': ['mp4', 'm4v', 'mov'],
  '.mov': ['mov', 'mp4', 'qt'],
  '.mkv': ['mkv'],
  '.webm': ['webm', 'mkv'],
  '.jpg': ['jpg'],
  '.jpeg': ['jpg'],
  '.png': ['png'],
  '.webp': ['webp'],
  '.wav': ['wav'],
  '.mp3': ['mp3'],
};

/** The only demuxers ffprobe may use for each extension, so a file is read as nothing else. */
const DEMUXERS: Readonly<Record<string, readonly string[]>> = {
  '.mp4': ['mov'],
  '.m4v': ['mov'],
  '.mov': ['mov'],
  '.mkv': ['matroska'],
  '.webm': ['matroska'],
  '.wav': ['wav'],
  '.mp3': ['mp3'],
};

const SHARP_FORMAT: Readonly<Record<string, SharpFormat>> = { '.jpg': 'jpeg', '.jpeg': 'jpeg', '.png': 'png', '.webp': 'webp' };

/** Every reason validation gives for a rejection (a stable code; the web app has a sentence for each). */
export const REJECTIONS = [
  'extension_not_allowed',
  'size_mismatch',
  'type_mismatch',
  'unreadable_media',
  'no_video_stream',
  'no_audio_stream',
  'too_long',
  'image_too_large',
  'image_unreadable',
  'subtitles_invalid',
  'not_utf8',
  'json_invalid',
  'json_too_deep',
  'validator_unavailable',
] as const;

export type Rejection = (typeof REJECTIONS)[number];

export type Verdict = { readonly ok: true; readonly media: MediaSummary } | { readonly ok: false; readonly reason: Rejection };

/** What file-type needs of a file's start to tell its type. */
export const HEAD_BYTES = 4100;

export interface MediaSummary {
  readonly durationSeconds?: number;
  readonly width?: number;
  readonly height?: number;
  readonly format?: string;
  readonly streams?: MediaInfo['streams'];
}

export interface ValidationDeps {
  readonly ffprobe: () => LocatedTool;
  readonly limits: Config['mediaLimits'];
}

/**
 * What an upload's size and first bytes decide, before anything else is
 * read: the extension its kind allows, the size it declared, and magic
 * bytes that agree with the extension (text kinds must look like no binary
 * format).
 */
export async function checkHead(head: Uint8Array, upload: { kind: UploadKind; filename: string; declaredSize: number; size: number }): Promise<Rejection | undefined> {
  const extension = extensionOf(upload.filename);
  if (!(UPLOAD_KINDS[upload.kind] as readonly string[]).includes(extension)) return 'extension_not_allowed';
  if (upload.size !== upload.declaredSize) return 'size_mismatch';
  const { fileTypeFromBuffer } = await import('file-type');
  const sniffed = (await fileTypeFromBuffer(head))?.ext;
  const expected = MAGIC[extension];
  if (expected ? !sniffed || !expected.includes(sniffed) : sniffed !== undefined) return 'type_mismatch';
  return undefined;
}

async function headOf(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(HEAD_BYTES), 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** ffprobe with this extension's demuxers; the stream and length rules of the kind. */
async function checkMedia(path: string, kind: 'video' | 'audio', extension: string, deps: ValidationDeps): Promise<Verdict | MediaSummary> {
  let ffprobe: LocatedTool;
  try {
    ffprobe = deps.ffprobe();
  } catch {
    // Fail safe: without a validator nothing is accepted.
    return { ok: false, reason: 'validator_unavailable' };
  }
  let info: MediaInfo;
  try {
    info = await probeMedia(ffprobe, path, { formats: DEMUXERS[extension] ?? [] });
  } catch {
    return { ok: false, reason: 'unreadable_media' };
  }
  const video = info.streams.find((stream) => stream.type === 'video');
  if (kind === 'video' && !video) return { ok: false, reason: 'no_video_stream' };
  if (kind === 'audio' && !info.streams.some((stream) => stream.type === 'audio')) return { ok: false, reason: 'no_audio_stream' };
  const limit = kind === 'video' ? deps.limits.maxVideoSeconds : deps.limits.maxAudioSeconds;
  if (info.durationSeconds === undefined || info.durationSeconds > limit) return { ok: false, reason: 'too_long' };
  return { format: info.format, durationSeconds: info.durationSeconds, streams: info.streams, ...(video && { width: video.width, height: video.height }) };
}

/**
 * Decodes within the pixel limit (a decompression bomb fails here, before its
 * pixels are allocated), then re-encodes without metadata so EXIF and GPS
 * never leave the server; the file is replaced by the clean copy.
 */
async function checkImage(path: string, extension: string, maxPixels: number): Promise<Verdict | MediaSummary> {
  const format = SHARP_FORMAT[extension]!;
  // Loaded on first use: sharp is a large native module most servers rarely need.
  const { default: sharp } = await import('sharp');
  let metadata: ImageMetadata;
  try {
    metadata = await sharp(path, { limitInputPixels: maxPixels }).metadata();
  } catch (error) {
    return { ok: false, reason: (error as Error).message.includes('pixel limit') ? 'image_too_large' : 'image_unreadable' };
  }
  if (!metadata.width || !metadata.height || metadata.width * metadata.height > maxPixels) return { ok: false, reason: 'image_too_large' };
  if (metadata.format !== format) return { ok: false, reason: 'type_mismatch' };
  const clean = `${path}.clean`;
  try {
    // rotate() applies the EXIF orientation before the EXIF is dropped; toFile keeps no metadata by default.
    await sharp(path, { limitInputPixels: maxPixels, failOn: 'error' }).rotate().toFormat(format).toFile(clean);
    await rename(clean, path);
  } catch (error) {
    await rm(clean, { force: true });
    return { ok: false, reason: (error as Error).message.includes('pixel limit') ? 'image_too_large' : 'image_unreadable' };
  }
  return { format, width: metadata.width, height: metadata.height };
}

/**
 * Decides whether a completed upload, written out to `path`, is what it
 * claims to be: checkHead's checks, then per kind: ffprobe parses it (video:
 * a video stream and at most MAX_VIDEO_MIN; audio: at most
 * MAX_AUDIO_SECONDS), sharp decodes it within the pixel limit (and strips
 * metadata, replacing the file), or the text parses. The file at `path` is
 * then what is kept (its SHA-256 is taken as it is stored).
 */
export async function validateUpload(path: string, upload: { kind: UploadKind; filename: string; declaredSize: number }, deps: ValidationDeps): Promise<Verdict> {
  const extension = extensionOf(upload.filename);
  const headReason = await checkHead(await headOf(path), { ...upload, size: (await stat(path)).size });
  if (headReason) return { ok: false, reason: headReason };

  let media: Verdict | MediaSummary = {};
  if (upload.kind === 'video' || upload.kind === 'audio') media = await checkMedia(path, upload.kind, extension, deps);
  else if (upload.kind === 'image') media = await checkImage(path, extension, deps.limits.maxImagePixels);
  else {
    const bytes = await readFile(path);
    const reason = upload.kind === 'subtitles' ? checkSubtitles(bytes, extension) : checkJson(bytes);
    if (reason) return { ok: false, reason };
  }
  if ('ok' in media) return media;
  return { ok: true, media };
}
