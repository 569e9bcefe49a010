import { describe, expect, test } from 'vitest';
import { describeAction, describeResult, describeTarget, describeValue, humanise } from './audit-words';

describe('audit words', () => {
  test('known actions read as words, unknown ones still readable', () => {
    expect(describeAction('user.role_change')).toBe('Role changed');
    expect(describeAction('auth.oidc_linked')).toBe('Oidc linked');
    expect(describeAction('weird')).toBe('Weird');
  });
  test('results', () => {
    expect(describeResult('denied')).toBe('Refused');
    expect(describeResult('partial_thing')).toBe('Partial thing');
  });
  test('targets: usernames where known, short session ids', () => {
    const names = new Map([['u1', 'kenji']]);
    expect(describeTarget('user:u1', names)).toBe('Account kenji');
    expect(describeTarget('user:zz', names)).toBe('Account zz');
    expect(describeTarget('session:abcdefghijkl', names)).toBe('Session abcdefgh');
    expect(describeTarget('GET /api/admin/users', names)).toBe('GET /api/admin/users');
    expect(describeTarget(null, names)).toBeUndefined();
  });
  test('detail values are text, never JSON', () => {
    expect(describeValue({ from: 'viewer', to_role: 'operator' })).toBe('From: viewer; To role: operator');
    expect(describeValue(['a', 2, true])).toBe('a, 2, yes');
    expect(describeValue(null)).toBe('—');
    expect(humanise('sessions_ended')).toBe('Sessions ended');
  });
});
