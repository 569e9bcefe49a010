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
  /** Read with the session, so /api/auth/me needs no second query (it runs on every app start). */
  readonly account: { readonly email: string | null; readonly createdAt: string };
  readonly sessionId: string;
  /** How the request proved itself; cookie requests also need a CSRF token. */
  readonly via: 'bearer' | 'cookie';
  readonly session: {
    readonly mode: 'token' | 'cookie';
    readonly createdAt: string;
    /** When the session ends unless used again (idle timeout, capped by max age). */
    readonly expiresAt: string;
    /** The last time this session proved a credential; sensitive actions need it recent. */
    readonly reauthAt: string | null;
  };
}
