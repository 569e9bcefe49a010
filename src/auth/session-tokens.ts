import { randomToken, sha256Hex } from '../crypto/tokens.js';

/**
 * Opaque tokens: a type prefix and 256 random bits. The prefix lets a refresh
 * token presented as a bearer token be refused before any lookup, and makes a
 * leaked token recognisable to secret scanners. Only SHA-256 hashes are stored.
 */
export const TOKEN_PREFIX = { access: 'sat_', refresh: 'srt_', cookie: 'ssc_', magic: 'sml_', qr: 'sqr_', oidc: 'soi_', verify: 'sev_' } as const;
export type TokenKind = keyof typeof TOKEN_PREFIX;

export function newToken(kind: TokenKind): { token: string; hash: string } {
  const token = `${TOKEN_PREFIX[kind]}${randomToken(32)}`;
  return { token, hash: sha256Hex(token) };
}

/** The hash to look up, or undefined when the token is not of the expected kind and shape. */
export function tokenHash(kind: TokenKind, token: string): string | undefined {
  if (!token.startsWith(TOKEN_PREFIX[kind]) || token.length !== TOKEN_PREFIX[kind].length + 43) return undefined;
  return sha256Hex(token);
}
