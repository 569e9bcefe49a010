import type { FastifyInstance, HTTPMethods } from 'fastify';

export interface RouteEntry {
  readonly method: string;
  readonly url: string;
  /** Left out of OpenAPI (static pages, the spec itself). */
  readonly hidden: boolean;
  /** The route's declared permission (see access/permissions.ts). */
  readonly permission: string | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered on the app, for 405 detection and route-walking tests. */
    readonly routeTable: readonly RouteEntry[];
  }
}

/** Must run before any route is registered, after authorisation's onRoute check. */
export function registerRouteTable(app: FastifyInstance): void {
  const entries: RouteEntry[] = [];
  app.decorate('routeTable', entries);
  app.addHook('onRoute', (route) => {
    const hidden = (route.schema as { hide?: boolean } | undefined)?.hide === true;
    for (const method of ([] as HTTPMethods[]).concat(route.method)) {
      entries.push({ method: method.toUpperCase(), url: route.url, hidden, permission: route.config?.permission });
    }
  });
}
