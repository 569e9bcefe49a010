import { defineErrors } from '../http/app-error.js';

/** The codes of the blob store: a backend that does not answer, a stored file that fails its checks. */
export const storageErrors = defineErrors({
  storage_unavailable: { status: 503, message: 'The file storage does not answer right now; nothing was lost. Try again in a moment.' },
  stored_file_damaged: { status: 500, message: 'A stored file failed its integrity check, so none of it is served. The administrator can find which in the server log.' },
});
