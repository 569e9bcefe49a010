import { defineErrors } from '../http/app-error.js';

export const accessErrors = defineErrors({
  forbidden: { status: 403, message: 'You do not have permission to do this.' },
});
