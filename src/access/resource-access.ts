import type { Permission } from './permissions.js';
import type { Principal } from './principal.js';
import type { ScopeSet } from './scopes.js';

/** A key's scopes, or a key-minted URL's; null for sessions and session-minted URLs (the role alone decides). */
const scopesOf = (principal: Principal): ScopeSet | null => (principal.via === 'api_key' || principal.via === 'signed_url' ? principal.scopes : null);

/**
 * The resource half of authorization, after the route's permission passed:
 * whether this principal may act on one resource of its owner. Sessions may
 * (ownership is the store's `WHERE user_id`); a key or signed URL needs a
 * global scope for the permission, or a scope naming this very resource
 * (`job:<id>:read`). Ownership itself is checked by the caller's query.
 */
export function reachesResource(principal: Principal, permission: Permission, resource: { type: 'job'; id: string; action: 'read' | 'write' } | { type: 'project'; id: string; action: 'manage' }): boolean {
  const scopes = scopesOf(principal);
  return scopes === null || scopes.grantsGlobally(permission) || scopes.allowsResource(resource.type, resource.id, resource.action);
}

/** For lists: undefined when every resource may be listed, else the only ids the principal's scopes name. */
export function listableIds(principal: Principal, permission: Permission, type: 'job' | 'project', action: 'read' | 'write' | 'manage'): string[] | undefined {
  const scopes = scopesOf(principal);
  if (scopes === null || scopes.grantsGlobally(permission)) return undefined;
  return scopes.resourceIds(type, action);
}
