import type { Role } from './roles.js';

/**
 * Who is making a request, decided once by authentication; nothing downstream
 * reads credentials from headers again.
 */
export interface Principal {
  readonly userId: string;
  readonly username: string;
  /** The user's role as stored now, so a change applies on the very next request. */
  readonly role: Role;
  readonly sessionId: string;
  /** How the request proved itself; cookie requests also need a CSRF token. */
  readonly via: 'bearer' | 'cookie';
}
