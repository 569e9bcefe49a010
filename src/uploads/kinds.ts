/** What may be uploaded: each kind with the extensions it accepts (validation adds magic bytes and parsing). */
export const UPLOAD_KINDS = {
  video: ['.mp4', '.mkv', '.mov', '.webm', '.m4v'],
  image: ['.jpg', '.jpeg', '.png', '.webp'],
  audio: ['.wav', '.mp3', '.webm'],
  subtitles: ['.srt', '.vtt', '.ass'],
  data: ['.json'],
} as const;

export type UploadKind = keyof typeof UPLOAD_KINDS;

export function isUploadKind(value: unknown): value is UploadKind {
  return typeof value === 'string' && Object.hasOwn(UPLOAD_KINDS, value);
}

const CONTROL_OR_SEPARATOR = /[\p{Cc}/\\:*?"<>|\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

/**
 * The original file name, kept only as metadata: control characters, CR/LF,
 * path separators, characters Windows forbids and bidirectional overrides are
 * removed, dots at the ends trimmed, length capped. It never becomes a path.
 */
export function sanitiseFilename(raw: string): string {
  const cleaned = raw
    .normalize('NFC')
    .replace(CONTROL_OR_SEPARATOR, '')
    .trim()
    .replace(/^\.+|\.+$/g, '')
    .slice(0, 200)
    .trim();
  return cleaned === '' ? 'upload' : cleaned;
}

/** The lower-cased extension of a sanitised name, with its dot ("" when none). */
export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot <= 0 ? '' : filename.slice(dot).toLowerCase();
}
