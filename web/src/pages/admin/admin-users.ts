import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { Reply } from '../../api/types';

export type AdminUser = Reply<'/api/admin/users', 'get'>['users'][number];

/** The roles an admin can give, each with what it allows. */
export const ROLE_OPTIONS = [
  { value: 'viewer', label: 'Viewer: sees their own jobs' },
  { value: 'operator', label: 'Operator: uploads and runs jobs' },
  { value: 'editor', label: 'Editor: also reviews and edits dubs' },
  { value: 'admin', label: 'Admin: everything, including users' },
] as const;

export async function loadUsers(): Promise<AdminUser[]> {
  return unwrap(await api.GET('/api/admin/users')).users;
}

/** Users whose name or email contains the search text (any case); all of them for an empty search. */
export function searchUsers(users: readonly AdminUser[], text: string): AdminUser[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return [...users];
  return users.filter((user) => user.username.toLowerCase().includes(needle) || (user.email ?? '').toLowerCase().includes(needle));
}

/** id → username, for audit events and targets. */
export function usernamesById(users: readonly AdminUser[] | undefined): Map<string, string> {
  return new Map((users ?? []).map((user) => [user.id, user.username]));
}
