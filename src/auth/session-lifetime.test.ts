import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestApp } from '../../test/helpers/app.js';
import { bearer, createUser, loginWithToken } from '../../test/helpers/auth.js';
import { DAY, manualClock, MINUTE } from '../../test/helpers/clock.js';

test('access tokens expire after ACCESS_TOKEN_TTL; the refresh token renews them', async () => {
  const clock = manualClock();
  const t = await createTestApp({ env: { ACCESS_TOKEN_TTL: '15m' }, now: clock.now });
  try {
    await createUser(t, 'mika', 'viewer');
    const tokens = await loginWithToken(t, 'mika');
    assert.equal(tokens.expires_in, 900);
    clock.advance(14 * MINUTE);
    assert.equal((await t.app.inject({ url: '/api/auth/me', headers: bearer(tokens.access_token) })).statusCode, 200);
    clock.advance(2 * MINUTE);
    assert.equal((await t.app.inject({ url: '/api/auth/me', headers: bearer(tokens.access_token) })).statusCode, 401);
    const renewed = await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refresh_token: tokens.refresh_token } });
    assert.equal(renewed.statusCode, 200);
    assert.equal((await t.app.inject({ url: '/api/auth/me', headers: bearer(renewed.json().access_token) })).statusCode, 200);
  } finally {
    await t.close();
  }
});

test('an idle session ends; use keeps it alive, but never past the max age', async () => {
  const clock = manualClock();
  const t = await createTestApp({ env: { SESSION_IDLE_TIMEOUT: '2d', SESSION_MAX_AGE: '5d' }, now: clock.now });
  try {
    await createUser(t, 'mika', 'viewer');
    const idle = await loginWithToken(t, 'mika');
    clock.advance(2 * DAY + MINUTE);
    const late = await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refresh_token: idle.refresh_token } });
    assert.equal(late.statusCode, 401, 'idle past the timeout');

    let tokens = await loginWithToken(t, 'mika');
    for (let day = 1; day <= 6; day += 1) {
      clock.advance(DAY);
      const response = await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refresh_token: tokens.refresh_token } });
      if (day < 5) {
        assert.equal(response.statusCode, 200, `day ${day}: daily use keeps the session`);
        tokens = response.json();
      } else {
        assert.equal(response.statusCode, 401, `day ${day}: past the max age`);
        break;
      }
    }
  } finally {
    await t.close();
  }
});

test('an idle timeout longer than the max age is a configuration error', async () => {
  await assert.rejects(createTestApp({ env: { SESSION_IDLE_TIMEOUT: '40d', SESSION_MAX_AGE: '30d' } }), /SESSION_IDLE_TIMEOUT/);
});
