import { defineErrors } from '../http/app-error.js';

export const libraryErrors = defineErrors({
  job_active: { status: 409, message: 'This job is still queued or running: cancel it first.' },
  not_in_trash: { status: 409, message: 'This job is not in the trash.' },
  hard_delete_disabled: { status: 409, message: 'Deleting for good is turned off on this server (ENABLE_HARD_DELETE); move it to the trash instead.' },
});
