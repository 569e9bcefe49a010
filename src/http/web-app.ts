import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Negotiator } from '@fastify/accept-negotiator';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from './app-error.js';
import { httpErrors } from './errors.js';

/** Where `npm run build` puts the web app, from src/http or dist/http alike. */
export const WEB_APP_ROOT = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/** Paths the app shell never answers: a missing API route or asset stays a JSON 404. */
const SERVER_PATHS = ['/api', '/healthz', '/readyz', '/assets'];

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

type Encoding = 'br' | 'gzip';

interface Asset {
  readonly type: string;
  readonly bodies: ReadonlyMap<Encoding | 'identity', Buffer>;
}

export interface WebApp {
  /** index.html, or undefined when the web app was never built. */
  readonly shell: Buffer | undefined;
  readonly assets: ReadonlyMap<string, Asset>;
}

/**
 * Reads the built app once at start-up. Its files are few and small (hashed
 * names under assets/, with the .br and .gz twins the build wrote), so they are
 * served from memory: a request can only ever name one of these, never a path
 * on disk.
 */
export function loadWebApp(root: string = WEB_APP_ROOT): WebApp {
  const shellPath = join(root, 'index.html');
  const shell = existsSync(shellPath) ? readFileSync(shellPath) : undefined;
  const assets = new Map<string, Asset>();
  const assetDir = join(root, 'assets');
  if (shell && existsSync(assetDir)) {
    for (const name of readdirSync(assetDir)) {
      const type = TYPES[extname(name)];
      if (!type) continue;
      const bodies = new Map<Encoding | 'identity', Buffer>([['identity', readFileSync(join(assetDir, name))]]);
      for (const [encoding, suffix] of [['br', '.br'], ['gzip', '.gz']] as const) {
        if (existsSync(join(assetDir, name + suffix))) bodies.set(encoding, readFileSync(join(assetDir, name + suffix)));
      }
      assets.set(name, { type, bodies });
    }
  }
  return { shell, assets };
}

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sakuga</title></head>
<body><main><h1>Sakuga</h1><p>The web app is not built. Run <code>npm run build</code> (or <code>npm start</code>, which builds it).</p></main></body></html>`;

/** Hashed assets: one year, immutable (a new build has new names). */
export function webAssetRoutes(web: WebApp) {
  const encodings = new Negotiator<Encoding | 'identity'>({ supportedValues: ['br', 'gzip', 'identity'] });

  return async function webAssetRoutesPlugin(app: FastifyInstance): Promise<void> {
    app.get(
      '/assets/:name',
      { config: { permission: 'public' }, schema: { hide: true, params: Type.Object({ name: Type.String({ maxLength: 200 }) }) } },
      async (request, reply) => {
        const asset = web.assets.get((request.params as { name: string }).name);
        if (!asset) throw new AppError(httpErrors.not_found);
        const wanted = encodings.negotiate(String(request.headers['accept-encoding'] ?? 'identity')) ?? 'identity';
        const encoding = asset.bodies.has(wanted) ? wanted : 'identity';
        if (encoding !== 'identity') reply.header('content-encoding', encoding);
        return reply
          .header('vary', 'accept-encoding')
          .header('cache-control', 'public, max-age=31536000, immutable')
          .type(asset.type)
          .send(asset.bodies.get(encoding));
      },
    );
  };
}

/**
 * The history fallback: a GET for an app path (anything outside the server's
 * own paths, without a file extension) gets index.html, never cached, so a
 * deep link or a reload lands in the app and a new build is picked up at once.
 * Returns false when the request is not for an app path.
 */
export function serveAppShell(web: WebApp, request: FastifyRequest, reply: FastifyReply): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = request.url.split('?')[0] ?? '/';
  if (SERVER_PATHS.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) return false;
  if (extname(path) !== '') return false;
  void reply
    .code(web.shell ? 200 : 503)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(web.shell ?? NOT_BUILT);
  return true;
}
