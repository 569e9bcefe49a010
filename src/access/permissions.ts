import { ROLES, type Role } from './roles.js';

/**
 * The one permission matrix. Every route declares one permission (or 'public');
 * authorisation asks `roleCan` and nothing else.
 */
export const PERMISSIONS = [
  'session:self', // see and end one's own session, read one's identity
  'keys:manage', // one's own API keys (admins: everyone's)
  'audit:read_own', // one's own audit events
  'jobs:read', // own jobs and artifacts
  'jobs:submit', // upload, submit and cancel own jobs
  'review:edit', // review edits, overrides, imports
  'projects:manage', // own generation projects: rename, delete, restore, publish and share outputs
  'users:manage', // accounts and roles
  'audit:read_all', // everyone's audit events
  'settings:manage', // server settings and models
  'gallery:moderate', // hide anyone's gallery items
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Routes anyone may call (health, setup, login); still rate-limited and validated. */
export const PUBLIC = 'public';
export type RoutePermission = Permission | typeof PUBLIC;

const VIEWER: readonly Permission[] = ['session:self', 'keys:manage', 'audit:read_own', 'jobs:read'];
// Whoever may generate may manage what the generations land in.
const OPERATOR: readonly Permission[] = [...VIEWER, 'jobs:submit', 'projects:manage'];
const EDITOR: readonly Permission[] = [...OPERATOR, 'review:edit'];

export const PERMISSION_MATRIX: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  viewer: new Set(VIEWER),
  operator: new Set(OPERATOR),
  editor: new Set(EDITOR),
  admin: new Set(PERMISSIONS),
};

export function roleCan(role: Role, permission: Permission): boolean {
  return PERMISSION_MATRIX[role].has(permission);
}

export function isRoutePermission(value: unknown): value is RoutePermission {
  return value === PUBLIC || (PERMISSIONS as readonly unknown[]).includes(value);
}

// Each role must include the one below it: the order in ROLES is an order of power.
for (let i = 1; i < ROLES.length; i += 1) {
  const lower = PERMISSION_MATRIX[ROLES[i - 1]!];
  const higher = PERMISSION_MATRIX[ROLES[i]!];
  for (const permission of lower) {
    if (!higher.has(permission)) throw new Error(`role ${ROLES[i]} lacks ${permission} held by ${ROLES[i - 1]}`);
  }
}
