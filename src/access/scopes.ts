import type { Permission } from './permissions.js';
import { ROLES, type Role } from './roles.js';

/**
 * The one registry of API-key scopes. A scope is either global (`read:job`) or
 * bound to one resource (`job:<id>:read`). A key's power is the intersection
 * of its scopes and its owner's current role: scopes only ever narrow.
 */
const GLOBAL = {
  'read:job': { minRole: 'viewer', doc: 'Read jobs and their artifacts.' },
  'submit:job': { minRole: 'operator', doc: 'Upload, submit and cancel jobs.' },
  'edit:job': { minRole: 'editor', doc: 'Review edits, overrides and imports.' },
  'audit:read': { minRole: 'viewer', doc: 'Read audit events (one\'s own; everyone\'s for admins).' },
  'keys:manage': { minRole: 'viewer', doc: 'List and revoke keys, and create keys with no more than this key has.' },
  'models:manage': { minRole: 'admin', doc: 'Install and remove models.' },
  'library:manage': { minRole: 'operator', doc: 'Tags, archive, trash and projects.' },
  'notifications:manage': { minRole: 'viewer', doc: 'Notification channels.' },
  'admin:*': { minRole: 'admin', doc: 'Everything an admin can do (but never session or password changes).' },
} as const satisfies Record<string, { minRole: Role; doc: string }>;

export type GlobalScope = keyof typeof GLOBAL;
export const GLOBAL_SCOPES = Object.keys(GLOBAL) as GlobalScope[];

const RESOURCE_ACTIONS = { job: ['read', 'write'], project: ['manage'] } as const;
type ResourceType = keyof typeof RESOURCE_ACTIONS;
const RESOURCE_MIN_ROLE: Record<string, Role> = { 'job:read': 'viewer', 'job:write': 'operator', 'project:manage': 'operator' };
const RESOURCE_ID = /^[A-Za-z0-9-]{1,64}$/;

export type ParsedScope =
  | { readonly kind: 'global'; readonly name: GlobalScope }
  | { readonly kind: 'resource'; readonly type: ResourceType; readonly id: string; readonly action: string };

/** A scope string, or undefined when it is not one Sakuga knows. */
export function parseScope(text: string): ParsedScope | undefined {
  if (Object.hasOwn(GLOBAL, text)) return { kind: 'global', name: text as GlobalScope };
  const [type, id, action, extra] = text.split(':');
  if (extra !== undefined || !type || !id || !action || !Object.hasOwn(RESOURCE_ACTIONS, type) || !RESOURCE_ID.test(id)) return undefined;
  if (!(RESOURCE_ACTIONS[type as ResourceType] as readonly string[]).includes(action)) return undefined;
  return { kind: 'resource', type: type as ResourceType, id, action };
}

/** The least role that can use a scope at all; keys of lesser accounts may not carry it. */
export function minimumRole(scope: ParsedScope): Role {
  return scope.kind === 'global' ? GLOBAL[scope.name].minRole : RESOURCE_MIN_ROLE[`${scope.type}:${scope.action}`]!;
}

export function roleMayHold(role: Role, scope: ParsedScope): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(minimumRole(scope));
}

/** Which scopes let a key reach a route of each permission. `session:self` is never reachable by key. */
const PERMISSION_SCOPES: Readonly<Record<Permission, { global: readonly GlobalScope[]; resource: readonly string[] }>> = {
  'session:self': { global: [], resource: [] },
  'keys:manage': { global: ['keys:manage'], resource: [] },
  'audit:read_own': { global: ['audit:read'], resource: [] },
  'jobs:read': { global: ['read:job'], resource: ['job:read', 'job:write'] },
  'jobs:submit': { global: ['submit:job'], resource: [] },
  'review:edit': { global: ['edit:job'], resource: ['job:write'] },
  'projects:manage': { global: ['library:manage'], resource: ['project:manage'] },
  'users:manage': { global: [], resource: [] },
  'audit:read_all': { global: ['audit:read'], resource: [] },
  'settings:manage': { global: [], resource: [] },
  'gallery:moderate': { global: [], resource: [] },
};

/** What one scope implies of another: admin:* everything, read:job every job:<id>:read, and so on. */
function covers(held: ParsedScope, wanted: ParsedScope): boolean {
  if (held.kind === 'global' && held.name === 'admin:*') return true;
  if (held.kind === 'global' && wanted.kind === 'global') return held.name === wanted.name;
  if (held.kind === 'global' && wanted.kind === 'resource') {
    if (wanted.type === 'job') return wanted.action === 'read' ? ['read:job', 'edit:job'].includes(held.name) : held.name === 'edit:job';
    return held.name === 'library:manage';
  }
  if (held.kind === 'resource' && wanted.kind === 'resource') {
    if (held.type !== wanted.type || held.id !== wanted.id) return false;
    return held.action === wanted.action || (held.type === 'job' && held.action === 'write' && wanted.action === 'read');
  }
  return false;
}

/** A key's parsed scopes, with the questions authorization asks of them. */
export class ScopeSet {
  readonly #scopes: readonly ParsedScope[];

  constructor(readonly names: readonly string[]) {
    this.#scopes = names.map((name) => {
      const parsed = parseScope(name);
      if (!parsed) throw new Error(`unknown scope ${JSON.stringify(name)}`);
      return parsed;
    });
  }

  /** Whether these scopes open routes of `permission` (the route's service may still check a resource id). */
  grants(permission: Permission): boolean {
    if (permission === 'session:self') return false;
    const allowed = PERMISSION_SCOPES[permission];
    return this.#scopes.some(
      (scope) =>
        (scope.kind === 'global' && (scope.name === 'admin:*' || allowed.global.includes(scope.name))) ||
        (scope.kind === 'resource' && allowed.resource.includes(`${scope.type}:${scope.action}`)),
    );
  }

  /** Whether a global scope opens routes of `permission` for every resource the owner has (not just named ones). */
  grantsGlobally(permission: Permission): boolean {
    if (permission === 'session:self') return false;
    const allowed = PERMISSION_SCOPES[permission].global;
    return this.#scopes.some((scope) => scope.kind === 'global' && (scope.name === 'admin:*' || allowed.includes(scope.name)));
  }

  /** The ids these scopes name for one resource type and action (`job:<id>:read` and what implies it). */
  resourceIds(type: ResourceType, action: string): string[] {
    return this.#scopes.filter((scope) => scope.kind === 'resource' && scope.type === type && covers(scope, { kind: 'resource', type, id: scope.id, action })).map((scope) => (scope as { id: string }).id);
  }

  /** Whether these scopes reach one resource, e.g. `('job', id, 'read')`. */
  allowsResource(type: ResourceType, id: string, action: string): boolean {
    const wanted: ParsedScope = { kind: 'resource', type, id, action };
    return this.#scopes.some((scope) => covers(scope, wanted));
  }

  /** Every scope of `other` is implied by one of these: the rule for a key minting a key. */
  covers(other: ScopeSet): boolean {
    return other.#scopes.every((wanted) => this.#scopes.some((held) => covers(held, wanted)));
  }
}

export const SCOPE_DOCS: ReadonlyArray<{ scope: string; minRole: Role; doc: string }> = [
  ...GLOBAL_SCOPES.map((scope) => ({ scope, minRole: GLOBAL[scope].minRole as Role, doc: GLOBAL[scope].doc })),
  { scope: 'job:<id>:read', minRole: 'viewer', doc: 'Read one job.' },
  { scope: 'job:<id>:write', minRole: 'operator', doc: 'Read one job and make review edits to it (cancelling needs submit:job).' },
  { scope: 'project:<id>:manage', minRole: 'operator', doc: 'Manage one generation project: its versions, their outputs\' visibility and share links.' },
];
