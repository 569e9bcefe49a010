import { describe, expect, test } from 'vitest';
import { type AdminUser, searchUsers, usernamesById } from './admin-users';

const user = (username: string, email: string | null): AdminUser => ({ id: `id-${username}`, username, email, role: 'viewer', disabled: false, created_at: '2026-06-01T00:00:00.000Z' });
const users = [user('kenji', 'k@studio.example'), user('Mika', null), user('hana', 'hana@mika.example')];

describe('searchUsers', () => {
  test('matches username or email, any case', () => {
    expect(searchUsers(users, 'MIKA').map((u) => u.username)).toEqual(['Mika', 'hana']);
    expect(searchUsers(users, ' studio ').map((u) => u.username)).toEqual(['kenji']);
  });
  test('an empty search shows everyone', () => {
    expect(searchUsers(users, '  ')).toHaveLength(3);
  });
});

test('usernamesById', () => {
  expect(usernamesById(users).get('id-kenji')).toBe('kenji');
  expect(usernamesById(undefined).size).toBe(0);
});
