import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Two years, the value browsers' preload lists expect (RFC 6797). */
const HSTS = 'max-age=63072000; includeSubDomains';

export interface SecurityHeaderOptions {
  /** True when PUBLIC_URL is https:// (TLS ends at a proxy or tunnel in front of us). */
  readonly servedOverHttps: boolean;
}

/**
 * Headers on every response, errors and 404s included. The CSP allows no
 * inline script or style, no plugins, no <base> rewriting and no framing.
 * `upgrade-insecure-requests` is left out on purpose: on a plain-HTTP LAN it
 * would send a phone's subresource requests to an https:// that isn't there.
 */
export async function registerSecurityHeaders(app: FastifyInstance, options: SecurityHeaderOptions): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'media-src': ["'self'", 'blob:'],
        'connect-src': ["'self'"],
        'font-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'none'"],
        'frame-ancestors': ["'none'"],
        'form-action': ["'self'"],
      },
    },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
    // HSTS is decided per request below, only when the request really came over HTTPS.
    strictTransportSecurity: false,
  });

  app.addHook('onRequest', async function strictTransport(request, reply) {
    if (options.servedOverHttps || isHttps(request)) reply.header('strict-transport-security', HSTS);
  });

  // API answers carry private data; no browser or proxy cache may keep them.
  app.addHook('onSend', async function noStore(_request, reply, payload) {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    reply.removeHeader('x-powered-by');
    reply.removeHeader('server');
    return payload;
  });
}

/** request.protocol honours X-Forwarded-Proto only from TRUST_PROXY addresses. */
function isHttps(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}
