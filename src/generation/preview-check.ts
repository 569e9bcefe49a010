/** A preview frame the browser may be shown. */
export interface PreviewFrame {
  readonly mediaType: 'image/jpeg' | 'image/png' | 'image/webp';
  readonly bytes: Uint8Array;
}

/** ComfyUI's previews are JPEGs of 512 px or less, tens of KiB; a frame larger than this is not one. */
export const MAX_PREVIEW_BYTES = 512 * 1024;
/** Longest side a preview may have: the browser decodes it, and a phone has little memory to spare. */
export const MAX_PREVIEW_SIDE = 2048;
const TYPES = new Set<string>(['image/jpeg', 'image/png', 'image/webp']);

/**
 * The worker's look at a preview frame before it is kept for the browser:
 * small, a JPEG, PNG or WebP by its magic bytes (never the engine's word
 * for it), one frame, and a size a phone can decode, read from its header
 * by sharp (nothing is decoded here). Undefined for a frame that fails:
 * a preview is a nicety, so a bad one is skipped, never an error.
 */
export async function checkPreview(bytes: Uint8Array): Promise<PreviewFrame | undefined> {
  if (bytes.byteLength === 0 || bytes.byteLength > MAX_PREVIEW_BYTES) return undefined;
  const { fileTypeFromBuffer } = await import('file-type');
  const mediaType = (await fileTypeFromBuffer(bytes))?.mime;
  if (!mediaType || !TYPES.has(mediaType)) return undefined;
  const { default: sharp } = await import('sharp');
  const metadata = await sharp(bytes, { limitInputPixels: MAX_PREVIEW_SIDE * MAX_PREVIEW_SIDE }).metadata().catch(() => undefined);
  const { width = 0, height = 0, pages = 1 } = metadata ?? {};
  if (width < 1 || height < 1 || width > MAX_PREVIEW_SIDE || height > MAX_PREVIEW_SIDE || pages > 1) return undefined;
  return { mediaType: mediaType as PreviewFrame['mediaType'], bytes };
}
