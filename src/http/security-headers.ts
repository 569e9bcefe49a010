import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import { isServedOverHttps } from './https.js';

/** Two years, the value browsers' preload lists expect (RFC 6797). */
const HSTS = 'max-age=63072000; includeSubDomains';

export interface SecurityHeaderOptions {
  readonly publicUrl: string | undefined;
}

/**
 * The CSP allows no inline script or style, no plugins, no <base> rewriting and
 * no framing. `upgrade-insecure-requests` is left out on purpose: on a
 * plain-HTTP LAN it would send a phone's subresource requests to an https://
 * that isn't there.
 */
const HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'"],
      // data: for QR codes shown as images; no blob: here, no page needs one.
      'img-src': ["'self'", 'data:'],
      // blob: for hls.js, which plays HLS through a MediaSource attached by its object URL (blob:…); only media loads may use it.
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
  // The legacy twin of frame-ancestors 'none', for browsers that predate CSP 2.
  xFrameOptions: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  // HSTS is decided per request below, only when the request really came over HTTPS.
  strictTransportSecurity: false,
};

/**
 * Headers on every response, errors and 404s included. helmet composes them,
 * but only once at startup: they never vary per request, and letting
 * @fastify/helmet rebuild them on each request doubled the cost of a request
 * (bench/http-overhead.ts).
 */
export function registerSecurityHeaders(app: FastifyInstance, options: SecurityHeaderOptions): void {
  const headers = Object.entries(helmetHeaders(HELMET_OPTIONS));

  app.addHook('onRequest', async function securityHeaders(request, reply) {
    for (const [name, value] of headers) reply.header(name, value);
    if (isServedOverHttps(request, options.publicUrl)) reply.header('strict-transport-security', HSTS);
  });

  // API answers carry private data; no browser or proxy cache may keep them.
  app.addHook('onSend', async function noStore(_request, reply, payload) {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
}

/** Runs helmet's middleware once against a recording response and keeps what it set. */
function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const recorded: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      recorded[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete recorded[name.toLowerCase()];
    },
  };
  let failure: unknown;
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    failure = error;
  });
  if (failure) throw failure;
  return recorded;
}
