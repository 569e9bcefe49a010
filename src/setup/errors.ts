import { defineErrors } from '../http/app-error.js';

export const setupErrors = defineErrors({
  setup_token_invalid: { status: 403, message: 'The setup token is wrong. Use the one in setup-token in the data directory.' },
  setup_completed: { status: 410, message: 'Setup is already complete; sign in instead.' },
});
