import { describe, expect, test } from 'vitest';
import { meansSessionLost } from './session-lost';

describe('meansSessionLost', () => {
  test('an ended session on an ordinary route', () => {
    expect(meansSessionLost('/api/jobs', 'unauthenticated')).toBe(true);
    expect(meansSessionLost('/api/auth/qr/abc/approve', 'invalid_token')).toBe(true);
  });
  test('not a wrong password, nor a second-factor step', () => {
    expect(meansSessionLost('/api/auth/login', 'invalid_credentials')).toBe(false);
    expect(meansSessionLost('/api/auth/qr/abc', 'totp_required')).toBe(false);
  });
  test.each(['/api/auth/magic-link/verify', '/api/auth/email/confirm', '/api/auth/oidc/complete', '/api/auth/passkeys/login/verify', '/api/auth/qr/abc', '/api/auth/me'])(
    'a spent credential of its own at %s',
    (path) => {
      expect(meansSessionLost(path, 'invalid_token')).toBe(false);
    },
  );
});
