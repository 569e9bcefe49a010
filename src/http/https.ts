import type { FastifyRequest } from 'fastify';

/**
 * Whether this request reached Sakuga over HTTPS: directly (request.protocol
 * honours X-Forwarded-Proto only from TRUST_PROXY addresses) or because
 * PUBLIC_URL says TLS ends at a proxy or tunnel in front of us.
 */
export function isServedOverHttps(request: FastifyRequest, publicUrl: string | undefined): boolean {
  return request.protocol === 'https' || (publicUrl?.startsWith('https://') ?? false);
}
