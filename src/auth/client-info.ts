import type { FastifyRequest } from 'fastify';
import type { ClientInfo } from './session-service.js';

/** Who is on the other end of a request, as services record it (never credentials). */
export function clientInfo(request: FastifyRequest, deviceName?: string): ClientInfo {
  return { ip: request.ip, requestId: request.id, userAgent: request.headers['user-agent'], deviceName };
}
