import { createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * Request signing for API keys created with `require_signature` — the one
 * definition of the scheme, shared by the server and clients (docs/request-signing.md).
 *
 *   SAKUGA-HMAC-SHA256
 *   <METHOD>
 *   <path and query exactly as sent>
 *   <timestamp: Unix seconds>
 *   <nonce>
 *   <hex SHA-256 of the body bytes (of nothing, without a body)>
 *
 * The signature is the hex HMAC-SHA256 of that text, keyed with the key's
 * secret (the part after `sk_<id>_`). The request carries the key's id, never
 * its secret: `X-Api-Key: sk_<id>`.
 */
export const SIGNATURE_SCHEME = 'SAKUGA-HMAC-SHA256';

export interface SignableRequest {
  readonly method: string;
  readonly path: string;
  readonly timestamp: number;
  readonly nonce: string;
  readonly bodySha256Hex: string;
}

export function canonicalRequest(request: SignableRequest): string {
  return [SIGNATURE_SCHEME, request.method.toUpperCase(), request.path, String(request.timestamp), request.nonce, request.bodySha256Hex].join('\n');
}

export function requestSignature(secret: string, request: SignableRequest): string {
  return createHmac('sha256', secret).update(canonicalRequest(request)).digest('hex');
}

/**
 * The tiny client: headers that sign one request with a whole key
 * (`sk_<id>_<secret>`). `body` is the exact bytes that will be sent.
 */
export function signRequest(
  key: string,
  request: { method: string; path: string; body?: string | Uint8Array },
  options: { now?: Date; nonce?: string } = {},
): Record<string, string> {
  const match = /^(sk_[0-9a-f]{16})_([A-Za-z0-9_-]{43})$/.exec(key);
  if (!match) throw new Error('not a Sakuga API key (sk_<id>_<secret>)');
  const [, keyId, secret] = match as unknown as [string, string, string];
  const signable = {
    method: request.method,
    path: request.path,
    timestamp: Math.floor((options.now ?? new Date()).getTime() / 1000),
    nonce: options.nonce ?? randomBytes(16).toString('base64url'),
    bodySha256Hex: createHash('sha256').update(request.body ?? '').digest('hex'),
  };
  return {
    'x-api-key': keyId,
    'x-sakuga-timestamp': String(signable.timestamp),
    'x-sakuga-nonce': signable.nonce,
    'x-sakuga-signature': requestSignature(secret, signable),
  };
}
