import { describe, expect, test } from 'vitest';
import { safeNextPath, signInPath } from './next-path';

describe('safeNextPath', () => {
  test('keeps a path on this server', () => {
    expect(safeNextPath('/jobs/42?tab=log')).toBe('/jobs/42?tab=log');
  });
  test.each(['//evil.example/x', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '', null, '/sign-in?next=/x', '/a\nb'])(
    'refuses %s',
    (next) => {
      expect(safeNextPath(next)).toBe('/');
    },
  );
});

describe('signInPath', () => {
  test('carries where the person was', () => {
    expect(signInPath({ pathname: '/jobs/7', search: '?x=1', hash: '' })).toBe('/sign-in?next=%2Fjobs%2F7%3Fx%3D1');
  });
  test('no loop back to sign-in, no next for the home page', () => {
    expect(signInPath({ pathname: '/sign-in', search: '?next=%2Fa', hash: '' })).toBe('/sign-in');
    expect(signInPath({ pathname: '/', search: '', hash: '' })).toBe('/sign-in');
  });
});
