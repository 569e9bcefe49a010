import { defineErrors } from '../http/app-error.js';

export const userErrors = defineErrors({
  user_not_found: { status: 404, message: 'No such user.' },
  last_admin: { status: 409, message: 'This is the last active admin; make someone else admin first.' },
});
