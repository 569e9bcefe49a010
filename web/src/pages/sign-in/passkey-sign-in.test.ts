import { describe, expect, test } from 'vitest';
import { ApiError } from '../../api/errors';
import { passkeyProblem } from './passkey-sign-in';
import { asCookieSession } from './use-sign-in-attempt';

const named = (name: string) => Object.assign(new Error('x'), { name });

describe('passkeyProblem', () => {
  test('a closed or timed-out prompt reads as such', () => {
    expect(passkeyProblem(named('NotAllowedError'))).toMatch(/prompt was closed/);
    expect(passkeyProblem(named('SecurityError'))).toMatch(/cannot use a passkey/);
  });
  test('server failures are left to ErrorNotice', () => {
    expect(passkeyProblem(new ApiError('webauthn_failed', 400, ''))).toBeUndefined();
    expect(passkeyProblem(undefined)).toBeUndefined();
  });
});

describe('asCookieSession', () => {
  test('takes a cookie reply, refuses a token reply', () => {
    const reply = { user: { username: 'mika' }, csrf_token: 't' };
    expect(asCookieSession(reply)).toBe(reply);
    expect(() => asCookieSession({ access_token: 'a', user: {} })).toThrow(/CSRF/);
  });
});
