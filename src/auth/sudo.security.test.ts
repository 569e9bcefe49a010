import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestApp } from '../../test/helpers/app.js';
import { bearer, createUser, loginWithToken, TEST_PASSWORD } from '../../test/helpers/auth.js';
import { manualClock, MINUTE } from '../../test/helpers/clock.js';

test('sudo mode: sensitive actions need a credential within SUDO_WINDOW; reauth renews it', async () => {
  const clock = manualClock();
  const t = await createTestApp({ env: { SUDO_WINDOW: '10m', SESSION_IDLE_TIMEOUT: '7d' }, now: clock.now });
  try {
    const user = await createUser(t, 'mika', 'viewer');
    await createUser(t, 'boss', 'admin');
    const admin = await loginWithToken(t, 'boss');
    const reset = () =>
      t.app.inject({ method: 'PATCH', url: `/api/admin/users/${user.id}`, headers: bearer(admin.access_token), payload: { password: 'a reset passphrase for spring' } });

    clock.advance(11 * MINUTE);
    // The access token (15 min) is still valid, but the sign-in is no longer recent.
    const stale = await reset();
    assert.equal(stale.statusCode, 401);
    assert.equal(stale.json().error.code, 'reauth_required');
    // Non-sensitive changes still work without sudo.
    const role = await t.app.inject({ method: 'PATCH', url: `/api/admin/users/${user.id}`, headers: bearer(admin.access_token), payload: { role: 'operator' } });
    assert.equal(role.statusCode, 200);

    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/reauth', headers: bearer(admin.access_token), payload: { password: 'not the password!' } });
    assert.equal(wrong.statusCode, 403);
    assert.equal((await reset()).statusCode, 401, 'a failed reauth grants nothing');

    const reauth = await t.app.inject({ method: 'POST', url: '/api/auth/reauth', headers: bearer(admin.access_token), payload: { password: TEST_PASSWORD } });
    assert.equal(reauth.statusCode, 204);
    assert.equal((await reset()).statusCode, 200);
  } finally {
    await t.close();
  }
});
