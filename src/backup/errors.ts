import { defineErrors } from '../http/app-error.js';

export const backupErrors = defineErrors({
  backup_running: { status: 409, message: 'A backup is being made right now; this one starts when you ask again after it.' },
});
