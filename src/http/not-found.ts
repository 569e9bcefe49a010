import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import FindMyWay, { type HTTPMethod, type Instance } from 'find-my-way';
import { AppError } from './app-error.js';
import { httpErrors } from './errors.js';
import type { RouteEntry } from './route-table.js';

/** TRACE/TRACK echo requests back (cross-site tracing); never serve them. */
const ECHO_METHODS = new Set(['TRACE', 'TRACK']);

/**
 * Tells "no such path" (404) from "path exists, wrong method" (405 with an Allow
 * header, RFC 9110 §15.5.6), which Fastify alone does not. The lookup router is
 * built from the route table on the first miss, once every route exists.
 * App paths go to the web app's shell first (see web-app.ts).
 */
export function registerNotFound(app: FastifyInstance, appShell?: (request: FastifyRequest, reply: FastifyReply) => boolean): void {
  let router: { find: Instance<FindMyWay.HTTPVersion.V1>; methods: HTTPMethod[] } | undefined;

  app.setNotFoundHandler(function notFound(request: FastifyRequest, reply: FastifyReply) {
    if (appShell?.(request, reply)) return reply;
    router ??= buildRouter(app.routeTable);
    const path = request.url.split('?')[0] ?? '/';
    const allowed = router.methods.filter((method) => router!.find.find(method, path) !== null);
    if (ECHO_METHODS.has(request.method) || allowed.length > 0) {
      if (allowed.length > 0) void reply.header('allow', allowed.sort().join(', '));
      throw new AppError(httpErrors.method_not_allowed);
    }
    throw new AppError(httpErrors.not_found);
  });
}

function buildRouter(routes: readonly RouteEntry[]) {
  const find = FindMyWay();
  const methods = new Set<HTTPMethod>();
  for (const route of routes) {
    const method = route.method as HTTPMethod;
    methods.add(method);
    if (!find.hasRoute(method, route.url)) find.on(method, route.url, () => {});
  }
  return { find, methods: [...methods] };
}
