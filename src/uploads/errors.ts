import { defineErrors } from '../http/app-error.js';

export const uploadErrors = defineErrors({
  upload_not_found: { status: 404, message: 'No such upload of yours.' },
  upload_kind_invalid: { status: 400, message: 'Upload-Metadata needs kind: video, image, audio, subtitles or data.' },
  upload_filename_missing: { status: 400, message: 'Upload-Metadata needs a filename.' },
  extension_not_allowed: { status: 400, message: 'That file extension is not accepted for this kind of upload.' },
  upload_length_required: { status: 400, message: 'Send Upload-Length: the size must be known when the upload is created.' },
  upload_too_large: { status: 413, message: 'The file is larger than this server accepts for its kind.' },
});
