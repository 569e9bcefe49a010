import { defineErrors } from '../http/app-error.js';

export const settingsErrors = defineErrors({
  privacy_mode_not_allowed: { status: 422, message: 'This server does not allow that privacy mode: choose a more private one.' },
});
