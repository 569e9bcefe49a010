import type { FastifyRequest } from 'fastify';
import { type LoggerOptions, stdTimeFunctions } from 'pino';

/** Header and field paths that may carry credentials; pino replaces them. */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["x-csrf-token"]',
  'req.headers["x-poll-token"]',
  'req.headers["x-totp-code"]',
  'req.headers["x-recovery-code"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.secret',
];

/**
 * pino options for the server: JSON lines, request id on every line, secrets
 * redacted, and URLs logged without their query string, where signed URLs and
 * one-time tokens travel.
 */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    timestamp: stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: request.url.split('?')[0],
        remote_address: request.ip,
      }),
    },
  };
}
