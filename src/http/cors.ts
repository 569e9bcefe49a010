import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';

/** What a tus 1.0 client (tus-js-client, Uppy) sends and must read back across origins: /api/uploads speaks tus. */
const TUS_REQUEST_HEADERS = ['tus-resumable', 'upload-length', 'upload-metadata', 'upload-offset', 'upload-defer-length', 'upload-concat', 'x-http-method-override'];
const TUS_RESPONSE_HEADERS = ['location', 'tus-resumable', 'tus-version', 'tus-extension', 'tus-max-size', 'upload-offset', 'upload-length', 'upload-metadata', 'upload-expires'];

/**
 * CORS for exactly the configured origins, with credentials. The allowed
 * origin is echoed back, never `*`. With no origins configured nothing is
 * registered, so browsers get no cross-origin access at all.
 */
export async function registerCors(app: FastifyInstance, origins: readonly string[]): Promise<void> {
  if (origins.length === 0) return;
  const allowed = new Set(origins);
  await app.register(cors, {
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    credentials: true,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['content-type', 'authorization', 'x-csrf-token', 'x-api-key', 'idempotency-key', ...TUS_REQUEST_HEADERS],
    exposedHeaders: ['x-request-id', 'retry-after', ...TUS_RESPONSE_HEADERS],
    maxAge: 600,
  });
}
