import { defineErrors } from '../http/app-error.js';

export const authErrors = defineErrors({
  username_invalid: {
    status: 400,
    message: 'Usernames are 3 to 32 characters: letters, digits, dot, dash or underscore, starting and ending with a letter or digit.',
  },
  username_taken: { status: 409, message: 'That username is already taken.' },
  password_too_short: { status: 400, message: 'The password is too short (at least 15 characters).' },
  password_too_long: { status: 400, message: 'The password is too long (at most 256 characters).' },
  password_guessable: { status: 400, message: 'The password contains the username or the product name; choose another.' },
});
