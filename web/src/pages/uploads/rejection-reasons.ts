/**
 * Why validation refused a file, as a person reads it. The server sends a
 * stable code in an upload's `reason`; src/uploads/rejection-sentences.test.ts
 * keeps this list and the server's reasons in step.
 */
export const REJECTION_SENTENCES: Readonly<Record<string, string>> = {
  extension_not_allowed: 'Files with this extension are not accepted for this kind of upload.',
  size_mismatch: 'The file that arrived is not the size that was announced; upload it again.',
  type_mismatch: 'The file is not what its name says: its contents are of another type than its extension.',
  unreadable_media: 'The file cannot be read as audio or video (damaged, or not a media file at all).',
  no_video_stream: 'The file has no video picture in it.',
  no_audio_stream: 'The file has no sound in it.',
  too_long: 'The recording is longer than this server accepts (or its length cannot be read).',
  image_too_large: 'The picture has more pixels than this server accepts.',
  image_unreadable: 'The picture cannot be read (damaged, or not an image at all).',
  subtitles_invalid: 'The subtitles cannot be read as SRT, WebVTT or ASS.',
  not_utf8: 'The text is not in UTF-8; save it as UTF-8 and upload it again.',
  json_invalid: 'The file is not valid JSON.',
  json_too_deep: 'The JSON is nested too deeply to be read safely.',
  validator_unavailable: 'The server cannot check media files right now (its checker is missing), so nothing is accepted; ask the admin.',
  import_failed: 'The file could not be copied in from the server folder (it was moved, or cannot be read).',
};

/** The sentence for a rejection reason; an unknown code still reads as a sentence. */
export function describeRejection(reason: string | undefined): string {
  return (reason && REJECTION_SENTENCES[reason]) || 'The file was not accepted.';
}
