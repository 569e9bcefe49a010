import type { Principal } from '../access/principal.js';
import { AppError } from '../http/app-error.js';
import { authErrors } from './errors.js';

/**
 * Sudo mode: throws 401 `reauth_required` unless this session proved a
 * credential within `windowMs`. Guards actions that would let a borrowed or
 * stolen session take the account over for good.
 */
export function requireRecentCredential(principal: Principal, now: Date, windowMs: number): void {
  const last = principal.session.reauthAt ? Date.parse(principal.session.reauthAt) : 0;
  if (now.getTime() - last > windowMs) throw new AppError(authErrors.reauth_required);
}
