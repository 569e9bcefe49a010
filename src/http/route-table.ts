import type { FastifyInstance, HTTPMethods } from 'fastify';
import FindMyWay, { type HTTPMethod } from 'find-my-way';

export interface RouteEntry {
  readonly method: string;
  readonly url: string;
  /** Left out of OpenAPI (static pages, the spec itself). */
  readonly hidden: boolean;
  /** The route's declared permission (see access/permissions.ts). */
  readonly permission: string | undefined;
  /** The route answers signed URLs (players, downloads). */
  readonly signedUrl: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered on the app, for 405 detection and route-walking tests. */
    readonly routeTable: readonly RouteEntry[];
  }
  interface FastifyContextConfig {
    /** Signed URLs may reach this route (GET only): media for players that cannot send headers. */
    signedUrl?: boolean;
  }
}

/** Must run before any route is registered, after authorisation's onRoute check. */
export function registerRouteTable(app: FastifyInstance): void {
  const entries: RouteEntry[] = [];
  app.decorate('routeTable', entries);
  app.addHook('onRoute', (route) => {
    const hidden = (route.schema as { hide?: boolean } | undefined)?.hide === true;
    for (const method of ([] as HTTPMethods[]).concat(route.method)) {
      entries.push({ method: method.toUpperCase(), url: route.url, hidden, permission: route.config?.permission, signedUrl: route.config?.signedUrl === true });
    }
  });
}

/**
 * The route a concrete method and path would reach, from the route table.
 * Built on first use, once every route exists.
 */
export function createRouteMatcher(app: FastifyInstance): (method: string, path: string) => RouteEntry | undefined {
  let router: FindMyWay.Instance<FindMyWay.HTTPVersion.V1> | undefined;
  return (method, path) => {
    if (!router) {
      router = FindMyWay();
      for (const entry of app.routeTable) {
        if (!router.hasRoute(entry.method as HTTPMethod, entry.url)) router.on(entry.method as HTTPMethod, entry.url, () => {}, entry);
      }
    }
    return router.find(method as HTTPMethod, path)?.store as RouteEntry | undefined;
  };
}
