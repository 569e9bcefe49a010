import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authErrors } from '../auth/errors.js';
import { AppError } from '../http/app-error.js';
import type { AuditLog } from '../ops/audit.js';
import { accessErrors } from './errors.js';
import { isRoutePermission, PUBLIC, type RoutePermission, roleCan } from './permissions.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What a caller needs to reach this route; every route must say. */
    permission?: RoutePermission;
  }
}

/**
 * Every route must declare its permission: one registered without stops the
 * server from starting, so none can be forgotten. CORS preflights (OPTIONS) are
 * public by the Fetch standard. Call before any route is registered.
 */
export function requirePermissionDeclarations(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const methods = ([] as string[]).concat(route.method);
    if (methods.every((method) => method === 'OPTIONS')) {
      route.config = { ...route.config, permission: PUBLIC };
      return;
    }
    if (!isRoutePermission(route.config?.permission)) {
      throw new Error(`route ${methods.join(',')} ${route.url} declares no permission (config.permission)`);
    }
  });
}

/**
 * The per-request check from the permission matrix; runs after authentication.
 * Anonymous callers of a protected route get 401, signed-in callers without the
 * permission 403 `forbidden`, and the denial is audited.
 */
export function createAuthorizer(deps: { audit: AuditLog }) {
  return async function authorize(request: FastifyRequest): Promise<void> {
    if (request.is404) return;
    const permission = request.routeOptions.config.permission;
    if (permission === PUBLIC) return;
    const principal = request.principal;
    if (!principal) throw new AppError(authErrors.unauthenticated);
    // A key's power is its scopes within its owner's current role: both must allow.
    // A signed URL reaches only routes made for it, with its minter's power.
    const scopes = principal.via === 'api_key' || principal.via === 'signed_url' ? principal.scopes : null;
    const allowed =
      permission !== undefined &&
      roleCan(principal.role, permission) &&
      (scopes === null || scopes.grants(permission)) &&
      (principal.via !== 'signed_url' || request.routeOptions.config.signedUrl === true);
    if (allowed) return;
    await deps.audit.record({
      action: 'access.denied',
      result: 'denied',
      actor: { type: 'user', id: principal.userId },
      ip: request.ip,
      requestId: request.id,
      target: `${request.method} ${request.routeOptions.url}`,
      details: {
        role: principal.role,
        permission: permission ?? 'undeclared',
        via: principal.via,
        ...(principal.via === 'api_key' && { key_prefix: `sk_${principal.apiKeyId}` }),
      },
    });
    throw new AppError(accessErrors.forbidden);
  };
}

/** Authorizes every request once authenticated; a signed request waits until its signature is checked. */
export function registerAuthorization(app: FastifyInstance, authorize: (request: FastifyRequest) => Promise<void>): void {
  app.addHook('onRequest', async function authorizeRequest(request) {
    if (request.pendingSignature) return;
    await authorize(request);
  });
}
