import { defineErrors } from '../http/app-error.js';
import type { PrivacyRefusal } from './privacy-policy.js';

/** Why a privacy mode was refused, for a saved preference and for one job alike. */
export const privacyErrors = defineErrors({
  privacy_mode_not_allowed: { status: 422, message: 'This server does not allow that privacy mode: choose a more private one.' },
  encryption_required: { status: 422, message: 'Minimal privacy needs encryption at rest on this server, and it is off: choose balanced, or ask the admin to turn encryption on.' },
} satisfies Record<PrivacyRefusal, unknown>);
