import type { Principal } from '../access/principal.js';
import { AppError } from '../http/app-error.js';
import { authErrors } from './errors.js';
import { accessErrors } from '../access/errors.js';

/**
 * Sudo mode: throws 401 `reauth_required` unless this session proved a
 * credential within `windowMs`. Guards actions that would let a borrowed or
 * stolen session take the account over for good.
 */
export function requireRecentCredential(principal: Principal, now: Date, windowMs: number): void {
  // A key or a link cannot re-authenticate: what needs sudo needs a person at a session.
  if (principal.via === 'api_key' || principal.via === 'signed_url') throw new AppError(accessErrors.session_required);
  const last = principal.session.reauthAt ? Date.parse(principal.session.reauthAt) : 0;
  if (now.getTime() - last > windowMs) throw new AppError(authErrors.reauth_required);
}
