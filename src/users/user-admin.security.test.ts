import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { bearer, createUser, loginWithCookie, loginWithToken, TEST_PASSWORD } from '../../test/helpers/auth.js';

describe('admin user management', () => {
  let t: TestApp;
  let admin: string;
  before(async () => {
    t = await createTestApp();
    await createUser(t, 'boss', 'admin');
    admin = (await loginWithToken(t, 'boss')).access_token;
  });
  after(() => t.close());

  const patch = (id: string, payload: unknown, token = admin) =>
    t.app.inject({ method: 'PATCH', url: `/api/admin/users/${id}`, headers: bearer(token), payload: payload as object });

  test("disabling a user kills their live sessions on the very next request", async () => {
    const user = await createUser(t, 'mika', 'operator');
    const tokens = await loginWithToken(t, 'mika');
    const cookie = await loginWithCookie(t, 'mika');
    assert.equal((await t.app.inject({ url: '/api/auth/me', headers: bearer(tokens.access_token) })).statusCode, 200);

    assert.equal((await patch(user.id, { disabled: true })).json().user.disabled, true);
    assert.equal((await t.app.inject({ url: '/api/auth/me', headers: bearer(tokens.access_token) })).statusCode, 401);
    assert.equal((await t.app.inject({ url: '/api/auth/me', headers: { cookie: cookie.cookieHeader } })).statusCode, 401);
    const refresh = await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refresh_token: tokens.refresh_token } });
    assert.equal(refresh.statusCode, 401);
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'mika', password: TEST_PASSWORD } });
    assert.equal(login.json().error.code, 'invalid_credentials');

    assert.equal((await patch(user.id, { disabled: false })).json().user.disabled, false);
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'mika', password: TEST_PASSWORD } })).statusCode, 200);
  });

  test('a user disabled by another process (no sessions revoked) is refused on the next request', async () => {
    const user = await createUser(t, 'ren', 'viewer');
    const tokens = await loginWithToken(t, 'ren');
    const cookie = await loginWithCookie(t, 'ren');
    // As a second API process or the CLI would: only the users row changes.
    await t.services.db.updateTable('users').set({ disabled_at: new Date().toISOString() }).where('id', '=', user.id).execute();
    assert.equal((await t.app.inject({ url: '/api/auth/me', headers: bearer(tokens.access_token) })).statusCode, 401);
    assert.equal((await t.app.inject({ url: '/api/auth/me', headers: { cookie: cookie.cookieHeader } })).statusCode, 401);
    const refresh = await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refresh_token: tokens.refresh_token } });
    assert.equal(refresh.statusCode, 401);
  });

  test("a role change applies to the user's very next request", async () => {
    const user = await createUser(t, 'kaito', 'admin');
    const token = (await loginWithToken(t, 'kaito')).access_token;
    assert.equal((await t.app.inject({ url: '/api/admin/users', headers: bearer(token) })).statusCode, 200);
    assert.equal((await patch(user.id, { role: 'viewer' })).statusCode, 200);
    const after = await t.app.inject({ url: '/api/admin/users', headers: bearer(token) });
    assert.equal(after.statusCode, 403);
    assert.equal(after.json().error.code, 'forbidden');
  });

  test('unknown fields are rejected and nothing changes (no mass assignment)', async () => {
    const user = await createUser(t, 'hana', 'viewer');
    for (const payload of [{ role: 'admin', password_hash: 'x' }, { username: 'root' }, { id: 'other' }, {}]) {
      const response = await patch(user.id, payload);
      assert.equal(response.statusCode, 400, JSON.stringify(payload));
      assert.equal(response.json().error.code, 'validation_failed');
    }
    const list = (await t.app.inject({ url: '/api/admin/users', headers: bearer(admin) })).json().users;
    assert.equal(list.find((u: { id: string }) => u.id === user.id).role, 'viewer');
  });

  test('the last active admin cannot be demoted or disabled', async () => {
    const t2 = await createTestApp();
    try {
      const boss = await createUser(t2, 'boss', 'admin');
      const token = (await loginWithToken(t2, 'boss')).access_token;
      for (const payload of [{ role: 'editor' }, { disabled: true }]) {
        const response = await t2.app.inject({ method: 'PATCH', url: `/api/admin/users/${boss.id}`, headers: bearer(token), payload });
        assert.equal(response.statusCode, 409);
        assert.equal(response.json().error.code, 'last_admin');
      }
    } finally {
      await t2.close();
    }
  });

  test('creating users: validated, unique, audited; the list never shows a hash', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/admin/users', headers: bearer(admin), payload: { username: 'Yuki', password: TEST_PASSWORD, role: 'editor' } });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().user.username, 'yuki');
    const duplicate = await t.app.inject({ method: 'POST', url: '/api/admin/users', headers: bearer(admin), payload: { username: 'YUKI', password: TEST_PASSWORD, role: 'viewer' } });
    assert.equal(duplicate.statusCode, 409);
    assert.equal(duplicate.json().error.code, 'username_taken');
    const weak = await t.app.inject({ method: 'POST', url: '/api/admin/users', headers: bearer(admin), payload: { username: 'ren', password: 'password', role: 'viewer' } });
    assert.equal(weak.statusCode, 400);
    const list = await t.app.inject({ url: '/api/admin/users', headers: bearer(admin) });
    assert.doesNotMatch(list.body, /argon2|password/);
    const events = await t.app.inject({ url: '/api/audit/recent', headers: bearer(admin) });
    const actions = events.json().events.map((e: { action: string }) => e.action);
    for (const action of ['user.create', 'user.disable', 'user.enable', 'user.role_change']) assert.ok(actions.includes(action), action);
  });
});
