import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';

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
    allowedHeaders: ['content-type', 'authorization', 'x-csrf-token', 'x-api-key', 'idempotency-key'],
    exposedHeaders: ['x-request-id', 'retry-after'],
    maxAge: 600,
  });
}
