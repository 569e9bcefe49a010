import { findLiveSession } from '../auth/session-store.js';
import type { Db } from '../db/types.js';
import { AppError } from '../http/app-error.js';
import type { RouteEntry } from '../http/route-table.js';
import type { AuditLog } from '../ops/audit.js';
import type { ApiKeyService } from './api-key-service.js';
import { accessErrors } from './errors.js';
import { isRoutePermission, PUBLIC, roleCan } from './permissions.js';
import type { Principal, UrlPrincipal } from './principal.js';
import { isRole } from './roles.js';
import type { UrlSigner } from './url-signer.js';

export const SIGNED_URL_DEFAULT_SECONDS = 10 * 60;
export const SIGNED_URL_MAX_SECONDS = 24 * 60 * 60;

interface ClientRef {
  readonly ip: string;
  readonly requestId: string;
}

export type SignedUrlService = ReturnType<typeof createSignedUrlService>;

/**
 * Mints signed URLs for one path and resolves them back into a principal. A
 * URL lives 10 minutes by default, 24 hours at most, and dies with the session
 * or key that minted it; every refused URL is audited (never its signature).
 */
export function createSignedUrlService(deps: { db: Db; signer: UrlSigner; apiKeys: ApiKeyService; audit: AuditLog; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());

  /** A URL for `path` (which may carry its own query), for GET and HEAD. */
  function mint(principal: Principal, path: string, route: RouteEntry | undefined, seconds = SIGNED_URL_DEFAULT_SECONDS): { path: string; expires_at: string } {
    if (principal.via === 'signed_url') throw new AppError(accessErrors.forbidden);
    if (!route || route.method !== 'GET' || !route.signedUrl) throw new AppError(accessErrors.not_signable);
    // A URL never carries more than its minter could do on that route.
    const permission = isRoutePermission(route.permission) && route.permission !== PUBLIC ? route.permission : undefined;
    const allowed = permission !== undefined && roleCan(principal.role, permission) && (principal.via !== 'api_key' || principal.scopes.grants(permission));
    if (!allowed) throw new AppError(accessErrors.forbidden);
    const expiresAt = Math.floor(now().getTime() / 1000) + Math.min(seconds, SIGNED_URL_MAX_SECONDS);
    const binder = principal.via === 'api_key' ? `k:${principal.apiKeyId}` : `s:${principal.sessionId}`;
    return { path: deps.signer.sign('GET', path, { userId: principal.userId, binder, expiresAt }), expires_at: new Date(expiresAt * 1000).toISOString() };
  }

  /**
   * A URL for another path on behalf of the signed URL that authenticated
   * `principal`: the same user, the same minter (so it dies with that session
   * or key) and the same expiry, never later. A signed HLS playlist names its
   * children this way, so a player that cannot send headers fetches them all
   * and no child outlives the playlist's own URL. The route must be one open
   * to signed URLs, as for `mint`; the power stays what the minter has now,
   * checked again when the child is opened.
   */
  function signAlike(principal: UrlPrincipal, path: string, route: RouteEntry | undefined): string {
    if (!route || route.method !== 'GET' || !route.signedUrl) throw new AppError(accessErrors.not_signable);
    const ceiling = Math.floor(now().getTime() / 1000) + SIGNED_URL_MAX_SECONDS;
    const claims = { userId: principal.userId, binder: principal.binder, expiresAt: Math.min(principal.expiresAt, ceiling) };
    return deps.signer.sign('GET', path, claims);
  }

  async function refuse(reason: string, url: string, client: ClientRef, userId?: string): Promise<never> {
    await deps.audit.record({
      action: 'signed_url.denied',
      result: 'denied',
      actor: userId ? { type: 'user', id: userId } : { type: 'anonymous' },
      ip: client.ip,
      requestId: client.requestId,
      target: url.split('?')[0]!.slice(0, 256),
      details: { reason },
    });
    throw new AppError(accessErrors.signed_url_invalid);
  }

  /** The principal behind a signed request URL; throws 403 (audited) for anything wrong with it. */
  async function resolve(method: string, url: string, client: ClientRef): Promise<UrlPrincipal> {
    if (method !== 'GET' && method !== 'HEAD') return refuse('method', url, client);
    const at = now();
    const check = deps.signer.verify(method, url, Math.floor(at.getTime() / 1000));
    if (!check.ok) return refuse(check.reason, url, client);
    const { userId, binder, expiresAt } = check.claims;
    const [kind, id = ''] = [binder.slice(0, 1), binder.slice(2)];

    if (kind === 's') {
      const session = await findLiveSession(deps.db, id, at.toISOString());
      if (!session || session.user_id !== userId || !isRole(session.role)) return refuse('minter_gone', url, client, userId);
      return { via: 'signed_url', binder, scopes: null, expiresAt, userId, username: session.username, role: session.role, account: { email: session.email, createdAt: session.user_created_at } };
    }
    const key = await deps.apiKeys.principalOfKey(id);
    if (!key || key.userId !== userId) return refuse('minter_gone', url, client, userId);
    // A key's address ranges follow the URLs it mints.
    if (!deps.apiKeys.addressAllowed(key, client.ip)) return refuse('address', url, client, userId);
    return { via: 'signed_url', binder, scopes: key.scopes, expiresAt, userId, username: key.username, role: key.role, account: key.account };
  }

  return { mint, signAlike, resolve, isSigned: deps.signer.isSigned };
}
