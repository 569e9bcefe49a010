import { createHash, timingSafeEqual } from 'node:crypto';
import { pipeline, Transform } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isUniqueViolation } from '../db/errors.js';
import type { Db } from '../db/types.js';
import { AppError, type ErrorDefinition } from '../http/app-error.js';
import type { AuditLog } from '../ops/audit.js';
import type { ApiKeyService } from './api-key-service.js';
import { accessErrors } from './errors.js';
import type { KeyPrincipal } from './principal.js';
import { requestSignature } from './sign-request.js';

/** A signed request must be this fresh, either way (clock skew). */
const WINDOW_SECONDS = 5 * 60;
const NONCE_SHAPE = /^[A-Za-z0-9_-]{16,128}$/;
const EMPTY_BODY_SHA256 = createHash('sha256').update('').digest('hex');

interface PendingSignature {
  readonly keyId: string;
  readonly secret: string;
  readonly lastUsedAt: string | null;
  readonly timestamp: number;
  readonly nonce: string;
  readonly signature: string;
  bodySha256Hex?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** A signed API-key request whose signature is checked once its body has been read. */
    pendingSignature: PendingSignature | null;
  }
}

export type RequestSigning = ReturnType<typeof createRequestSigning>;

/**
 * Requests signed with an API key's secret (keys created with
 * `require_signature`; the scheme is in sign-request.ts). Authentication names
 * the key; the body is hashed while Fastify reads it; before validation the
 * signature is checked in constant time, the timestamp must be within ±5
 * minutes and the nonce new for that key (remembered in the database for the
 * window, so every API process sees it). Only then is the request authorized,
 * so nothing about the key's power is revealed to an unsigned caller.
 */
export function createRequestSigning(deps: { db: Db; apiKeys: ApiKeyService; audit: AuditLog; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());
  let inserts = 0;

  async function refuse(request: FastifyRequest, keyId: string, reason: string, error: ErrorDefinition = accessErrors.signature_invalid): Promise<never> {
    await deps.audit.record({
      action: 'api_key.signature_failed',
      result: 'denied',
      actor: { type: 'anonymous' },
      ip: request.ip,
      requestId: request.id,
      target: `api_key:${keyId.slice(0, 16)}`,
      details: { reason },
    });
    throw new AppError(error);
  }

  /** Called by authentication for `X-Api-Key: sk_<id>` (no secret): the key, pending its signature. */
  async function begin(request: FastifyRequest, presentedId: string): Promise<KeyPrincipal> {
    const keyId = presentedId.slice(3);
    const header = (name: string) => (typeof request.headers[name] === 'string' ? (request.headers[name] as string) : '');
    const timestamp = header('x-sakuga-timestamp');
    const nonce = header('x-sakuga-nonce');
    const signature = header('x-sakuga-signature');
    if (!/^\d{1,12}$/.test(timestamp) || !NONCE_SHAPE.test(nonce) || !/^[0-9a-f]{64}$/.test(signature)) return refuse(request, keyId, 'malformed');
    if (Math.abs(now().getTime() / 1000 - Number(timestamp)) > WINDOW_SECONDS) return refuse(request, keyId, 'stale_timestamp');
    const key = await deps.apiKeys.forSignedRequest(keyId, { ip: request.ip, requestId: request.id });
    if (!key) return refuse(request, keyId, 'unknown_key');
    request.pendingSignature = { keyId, secret: key.secret, lastUsedAt: key.lastUsedAt, timestamp: Number(timestamp), nonce, signature };
    return key.principal;
  }

  /** Remembers a nonce until its timestamp leaves the window; false when it was seen before. */
  async function claimNonce(keyId: string, nonce: string, timestamp: number): Promise<boolean> {
    const expiresAt = new Date((timestamp + WINDOW_SECONDS) * 1000).toISOString();
    try {
      await deps.db.insertInto('request_nonces').values({ key_id: keyId, nonce, expires_at: expiresAt }).execute();
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
    // Forget nonces whose window has passed, now and then rather than on every request.
    inserts += 1;
    if (inserts % 64 === 1) await deps.db.deleteFrom('request_nonces').where('expires_at', '<', now().toISOString()).execute();
    return true;
  }

  async function verify(request: FastifyRequest, pending: PendingSignature): Promise<void> {
    const expected = Buffer.from(
      requestSignature(pending.secret, {
        method: request.method,
        path: request.url,
        timestamp: pending.timestamp,
        nonce: pending.nonce,
        bodySha256Hex: pending.bodySha256Hex ?? EMPTY_BODY_SHA256,
      }),
      'hex',
    );
    if (!timingSafeEqual(expected, Buffer.from(pending.signature, 'hex'))) return refuse(request, pending.keyId, 'bad_signature');
    if (!(await claimNonce(pending.keyId, pending.nonce, pending.timestamp))) return refuse(request, pending.keyId, 'replayed_nonce', accessErrors.request_replayed);
  }

  /** Hooks: hash the body as it is read, then check the signature and authorize. */
  function register(app: FastifyInstance, authorize: (request: FastifyRequest) => Promise<void>): void {
    app.decorateRequest('pendingSignature', null);

    app.addHook('preParsing', async function hashSignedBody(request, _reply, payload) {
      const pending = request.pendingSignature;
      // Without a body there is nothing to hash (the empty body's hash is used).
      const hasBody = request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
      if (!pending || !hasBody) return payload;
      const digest = createHash('sha256');
      const tap = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          digest.update(chunk);
          callback(null, chunk);
        },
        flush(callback) {
          pending.bodySha256Hex = digest.digest('hex');
          callback();
        },
      });
      // Fastify compares this with Content-Length to catch a lying header.
      Object.defineProperty(tap, 'receivedEncodedLength', { get: () => (payload as { receivedEncodedLength?: number }).receivedEncodedLength ?? 0 });
      // pipeline, not pipe: an aborted upload must end the tap too, not leave the parser waiting.
      pipeline(payload, tap, () => {});
      return tap;
    });

    app.addHook('preValidation', async function checkSignature(request) {
      const pending = request.pendingSignature;
      if (!pending) return;
      await verify(request, pending);
      const principal = request.principal as KeyPrincipal;
      await deps.apiKeys.recordUse(principal, pending.lastUsedAt, { ip: request.ip, requestId: request.id });
      await authorize(request);
    });
  }

  return { begin, register };
}
