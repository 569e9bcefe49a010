import { defineErrors } from '../http/app-error.js';

export const uploadErrors = defineErrors({
  upload_not_found: { status: 404, message: 'No such upload of yours.' },
  upload_kind_invalid: { status: 400, message: 'Upload-Metadata needs kind: video, image, audio, subtitles or data.' },
  upload_filename_missing: { status: 400, message: 'Upload-Metadata needs a filename.' },
  extension_not_allowed: { status: 400, message: 'That file extension is not accepted for this kind of upload.' },
  upload_length_required: { status: 400, message: 'Send Upload-Length: the size must be known when the upload is created.' },
  file_picker_disabled: { status: 404, message: 'The server file picker is off (no FILE_PICKER_ROOTS configured).' },
  path_invalid: { status: 400, message: 'That path is not allowed: give an absolute path without "..", backslashes, NUL or "%".' },
  path_not_found: { status: 404, message: 'No such folder under the allowed directories.' },
  quota_exceeded: { status: 413, message: 'This upload would go over your storage quota; delete something first.' },
  too_many_uploads: { status: 429, message: 'Too many unfinished uploads; finish or cancel one first.' },
  storage_full: { status: 507, message: 'The server has run out of disk space; the partial upload was removed. Try again later.' },
  upload_too_large: { status: 413, message: 'The file is larger than this server accepts for its kind.' },
});
