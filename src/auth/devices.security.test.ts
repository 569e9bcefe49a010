import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { bearer, createUser, loginWithToken, TEST_PASSWORD } from '../../test/helpers/auth.js';

const me = (t: TestApp, token: string) => t.app.inject({ url: '/api/auth/me', headers: bearer(token) });
const NEW_PASSWORD = 'a brand new passphrase for spring';

async function withApp(run: (t: TestApp) => Promise<void>) {
  const t = await createTestApp();
  try {
    await run(t);
  } finally {
    await t.close();
  }
}

test('my devices: listed with device, agent, times and IP; the current one is marked', () =>
  withApp(async (t) => {
    await createUser(t, 'mika', 'viewer');
    const phone = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'user-agent': 'SakugaPhone/1.0' },
      payload: { username: 'mika', password: TEST_PASSWORD, device_name: 'Pixel' },
      remoteAddress: '127.0.0.7',
    });
    const laptop = await loginWithToken(t, 'mika');
    const list = await t.app.inject({ url: '/api/auth/sessions', headers: bearer(laptop.access_token) });
    assert.equal(list.statusCode, 200);
    const sessions = list.json().sessions as Array<Record<string, unknown>>;
    assert.equal(sessions.length, 2);
    const pixel = sessions.find((s) => s.device_name === 'Pixel')!;
    assert.equal(pixel.user_agent, 'SakugaPhone/1.0');
    assert.equal(pixel.created_ip, '127.0.0.7');
    assert.equal(pixel.current, false);
    assert.equal(pixel.id, phone.json().session_id);
    assert.equal(sessions.find((s) => s.id === laptop.session_id)!.current, true);
    assert.ok(!JSON.stringify(sessions).includes(laptop.access_token.slice(4)));
  }));

test("revoking device B from device A makes B's next request 401", () =>
  withApp(async (t) => {
    await createUser(t, 'mika', 'viewer');
    const a = await loginWithToken(t, 'mika');
    const b = await loginWithToken(t, 'mika');
    const revoke = await t.app.inject({ method: 'DELETE', url: `/api/auth/sessions/${b.session_id}`, headers: bearer(a.access_token) });
    assert.equal(revoke.statusCode, 204);
    assert.equal((await me(t, b.access_token)).statusCode, 401);
    const refresh = await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refresh_token: b.refresh_token } });
    assert.equal(refresh.statusCode, 401);
    assert.equal((await me(t, a.access_token)).statusCode, 200);
  }));

test("another user's session cannot be revoked: the same 404 as an unknown id", () =>
  withApp(async (t) => {
    await createUser(t, 'mika', 'viewer');
    await createUser(t, 'mallory', 'viewer');
    const victim = await loginWithToken(t, 'mika');
    const attacker = await loginWithToken(t, 'mallory');
    for (const id of [victim.session_id, '00000000-0000-0000-0000-000000000000']) {
      const response = await t.app.inject({ method: 'DELETE', url: `/api/auth/sessions/${id}`, headers: bearer(attacker.access_token) });
      assert.equal(response.statusCode, 404);
      assert.equal(response.json().error.code, 'session_not_found');
    }
    assert.equal((await me(t, victim.access_token)).statusCode, 200);
  }));

test('revoke-others keeps only the calling session', () =>
  withApp(async (t) => {
    await createUser(t, 'mika', 'viewer');
    const others = [await loginWithToken(t, 'mika'), await loginWithToken(t, 'mika')];
    const keeper = await loginWithToken(t, 'mika');
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/sessions/revoke-others', headers: bearer(keeper.access_token) });
    assert.deepEqual(response.json(), { revoked: 2 });
    for (const other of others) assert.equal((await me(t, other.access_token)).statusCode, 401);
    assert.equal((await me(t, keeper.access_token)).statusCode, 200);
  }));

test('changing the password needs the current one and ends every other session', () =>
  withApp(async (t) => {
    await createUser(t, 'mika', 'viewer');
    const other = await loginWithToken(t, 'mika');
    const current = await loginWithToken(t, 'mika');
    const change = (currentPassword: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/password', headers: bearer(current.access_token), payload: { current_password: currentPassword, new_password: NEW_PASSWORD } });

    const wrong = await change('not my password at all');
    assert.equal(wrong.statusCode, 403);
    assert.equal(wrong.json().error.code, 'password_incorrect');
    assert.equal((await me(t, other.access_token)).statusCode, 200, 'nothing changed');

    const ok = await change(TEST_PASSWORD);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.json(), { other_sessions_ended: 1 });
    assert.equal((await me(t, other.access_token)).statusCode, 401);
    assert.equal((await me(t, current.access_token)).statusCode, 200);
    const oldLogin = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'mika', password: TEST_PASSWORD } });
    assert.equal(oldLogin.statusCode, 401);
    await loginWithToken(t, 'mika', NEW_PASSWORD);
  }));

test('wrong current passwords are throttled like sign-ins', () =>
  withApp(async (t) => {
    await createUser(t, 'mika', 'viewer');
    const session = await loginWithToken(t, 'mika');
    const statuses = [];
    for (let i = 0; i < 6; i += 1) {
      const response = await t.app.inject({ method: 'POST', url: '/api/auth/reauth', headers: bearer(session.access_token), payload: { password: 'guess number x' } });
      statuses.push(response.statusCode);
    }
    assert.deepEqual(statuses, [403, 403, 403, 403, 403, 429]);
  }));

test('an admin can list and end any user’s sessions (audited); a reset password ends them all', () =>
  withApp(async (t) => {
    const user = await createUser(t, 'mika', 'viewer');
    await createUser(t, 'boss', 'admin');
    const admin = await loginWithToken(t, 'boss');
    const first = await loginWithToken(t, 'mika');
    const second = await loginWithToken(t, 'mika');

    const listed = await t.app.inject({ url: `/api/admin/users/${user.id}/sessions`, headers: bearer(admin.access_token) });
    assert.equal(listed.json().sessions.length, 2);
    const ended = await t.app.inject({ method: 'DELETE', url: `/api/admin/users/${user.id}/sessions/${first.session_id}`, headers: bearer(admin.access_token) });
    assert.equal(ended.statusCode, 204);
    assert.equal((await me(t, first.access_token)).statusCode, 401);

    const reset = await t.app.inject({ method: 'PATCH', url: `/api/admin/users/${user.id}`, headers: bearer(admin.access_token), payload: { password: NEW_PASSWORD } });
    assert.equal(reset.statusCode, 200, reset.body);
    assert.equal((await me(t, second.access_token)).statusCode, 401);
    await loginWithToken(t, 'mika', NEW_PASSWORD);

    const events = (await t.app.inject({ url: '/api/audit/recent', headers: bearer(admin.access_token) })).json().events.map((e: { action: string }) => e.action);
    assert.ok(events.includes('auth.session_revoked') && events.includes('user.password_reset'));
  }));
