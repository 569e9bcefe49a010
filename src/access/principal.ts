import type { Role } from './roles.js';
import type { ScopeSet } from './scopes.js';

/** Who the account behind a request is, as stored now (a role change applies on the very next request). */
interface Account {
  readonly userId: string;
  readonly username: string;
  readonly role: Role;
  /** Read with the credential, so /api/auth/me needs no second query (it runs on every app start). */
  readonly account: { readonly email: string | null; readonly createdAt: string };
}

/** A person signed in on a device: a bearer access token or the session cookie. */
export interface SessionPrincipal extends Account {
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

/** A script or app with an API key: its power is its scopes within its owner's current role. */
export interface KeyPrincipal extends Account {
  readonly via: 'api_key';
  readonly apiKeyId: string;
  readonly scopes: ScopeSet;
  readonly keyExpiresAt: string;
  readonly allowedCidrs: readonly string[] | null;
  readonly requireSignature: boolean;
}

/**
 * A player or download link with a signed URL: reaches only the one path it
 * was signed for, on routes that allow signed URLs, with the power of what
 * minted it (a session: the owner's role; a key: its scopes within that role).
 */
export interface UrlPrincipal extends Account {
  readonly via: 'signed_url';
  /** `s:<session id>` or `k:<key id>`. */
  readonly binder: string;
  /** The minting key's scopes; null when a session minted the URL. */
  readonly scopes: ScopeSet | null;
  /** When the URL dies (Unix seconds, as signed): a URL signed on its behalf dies then too. */
  readonly expiresAt: number;
}

/**
 * Who is making a request, decided once by authentication; nothing downstream
 * reads credentials from headers again.
 */
export type Principal = SessionPrincipal | KeyPrincipal | UrlPrincipal;

/** Narrows to a signed-in session; routes of `session:self` are never reached by a key (see scopes.ts). */
export function asSession(principal: Principal | null): SessionPrincipal {
  if (!principal || principal.via === 'api_key' || principal.via === 'signed_url') throw new Error('a session-only route was reached without a session');
  return principal;
}
