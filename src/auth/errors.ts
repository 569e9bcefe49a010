import { defineErrors } from '../http/app-error.js';

export const authErrors = defineErrors({
  username_invalid: {
    status: 400,
    message: 'Usernames are 3 to 32 characters: letters, digits, dot, dash or underscore, starting and ending with a letter or digit.',
  },
  email_invalid: { status: 400, message: 'That is not an email address.' },
  email_taken: { status: 409, message: 'Another account already uses that email address.' },
  username_taken: { status: 409, message: 'That username is already taken.' },
  password_too_short: { status: 400, message: 'The password is too short (at least 15 characters).' },
  password_too_long: { status: 400, message: 'The password is too long (at most 1024 characters).' },
  password_guessable: { status: 400, message: 'The password contains the username or the product name; choose another.' },
  password_common: { status: 400, message: 'That password is on a list of commonly used passwords; choose another.' },
  password_composition: {
    status: 400,
    message: 'The password needs an upper-case letter, a lower-case letter, a digit and a symbol.',
  },
  invalid_credentials: { status: 401, message: 'Wrong username or password.' },
  invalid_token: { status: 401, message: 'The token is invalid or has expired; sign in again.' },
  refresh_token_reused: {
    status: 401,
    message: 'This refresh token was already used, so the session has been ended for safety; sign in again.',
  },
  unauthenticated: { status: 401, message: 'Sign in first.' },
  csrf_failed: { status: 403, message: 'The request failed the cross-site request check; reload the page and try again.' },
  login_throttled: { status: 429, message: 'Too many failed sign-ins; wait before trying again.' },
  reauth_required: { status: 401, message: 'Confirm your password (or a code) first: POST /api/auth/reauth.' },
  password_incorrect: { status: 403, message: 'That password is not right.' },
  totp_required: { status: 401, message: 'This account uses two-factor sign-in: send totp_code or recovery_code.' },
  second_factor_invalid: { status: 401, message: 'That code is not right (or was already used).' },
  second_factor_locked: { status: 429, message: 'Too many wrong codes; the code step is locked for a while.' },
  totp_not_enabled: { status: 409, message: 'Two-factor sign-in is not enabled.' },
  totp_already_enabled: { status: 409, message: 'Two-factor sign-in is already enabled; disable it first.' },
  totp_setup_missing: { status: 409, message: 'Start with POST /api/auth/totp/setup.' },
  magic_links_disabled: { status: 404, message: 'Magic links are off on this server (no SMTP_URL or no PUBLIC_URL configured).' },
  session_not_found: { status: 404, message: 'No such session.' },
  server_busy: { status: 503, message: 'The server is busy; try again in a moment.' },
});
