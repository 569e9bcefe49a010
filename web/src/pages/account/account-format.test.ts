import { describe, expect, test } from 'vitest';
import { grantableScopes, passwordChangedSentence, recoveryCodesFile, revokedOthersSentence, timeAgo } from './account-format';

describe('timeAgo', () => {
  const now = new Date('2026-03-12T12:00:00Z');
  test.each([
    ['2026-03-12T11:59:30Z', 'just now'],
    ['2026-03-12T11:55:00Z', '5 minutes ago'],
    ['2026-03-12T09:00:00Z', '3 hours ago'],
    ['2026-03-11T11:00:00Z', 'yesterday'],
    ['2026-03-02T12:00:00Z', '10 days ago'],
  ])('%s reads as %s', (iso, expected) => {
    expect(timeAgo(iso, now)).toBe(expected);
  });
  test('a time that does not parse', () => {
    expect(timeAgo('not a date', now)).toBe('unknown');
  });
});

describe('grantableScopes', () => {
  const scopes = [
    { scope: 'read:job', min_role: 'viewer' },
    { scope: 'submit:job', min_role: 'operator' },
    { scope: 'admin:*', min_role: 'admin' },
    { scope: 'job:<id>:read', min_role: 'viewer' },
  ];
  test('a viewer sees only viewer scopes, never the per-resource ones', () => {
    expect(grantableScopes(scopes, 'viewer').map((s) => s.scope)).toEqual(['read:job']);
  });
  test('an admin sees every global scope', () => {
    expect(grantableScopes(scopes, 'admin').map((s) => s.scope)).toEqual(['read:job', 'submit:job', 'admin:*']);
  });
  test('an unknown role sees nothing', () => {
    expect(grantableScopes(scopes, 'guest')).toEqual([]);
  });
});

describe('sentences', () => {
  test('password change', () => {
    expect(passwordChangedSentence(0)).toBe('Password changed.');
    expect(passwordChangedSentence(1)).toBe('Password changed. One other device was signed out.');
    expect(passwordChangedSentence(3)).toBe('Password changed. 3 other devices were signed out.');
  });
  test('sign out everywhere else', () => {
    expect(revokedOthersSentence(0)).toBe('No other device was signed in.');
    expect(revokedOthersSentence(1)).toBe('One other device was signed out.');
    expect(revokedOthersSentence(2)).toBe('2 other devices were signed out.');
  });
  test('the recovery codes file names the account and lists every code', () => {
    const text = recoveryCodesFile(['aaaa-bbbb', 'cccc-dddd'], 'mika', 'https://sakuga.example');
    expect(text).toContain('mika at https://sakuga.example');
    expect(text.split('\n')).toEqual(expect.arrayContaining(['aaaa-bbbb', 'cccc-dddd']));
  });
});
