import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { createUser, loginWithCookie, TEST_PASSWORD } from '../../test/helpers/auth.js';

describe('CSRF protection for cookie sessions', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
    await createUser(t, 'mika', 'viewer');
    await createUser(t, 'mallory', 'viewer');
  });
  after(() => t.close());

  const logout = (headers: Record<string, string>) => t.app.inject({ method: 'POST', url: '/api/auth/logout', headers });
  const isSignedIn = async (cookieHeader: string) => (await t.app.inject({ url: '/api/auth/me', headers: { cookie: cookieHeader } })).statusCode === 200;

  async function expectRejected(headers: Record<string, string>, victimCookies: string) {
    const response = await logout(headers);
    assert.equal(response.statusCode, 403, response.body);
    assert.equal(response.json().error.code, 'csrf_failed');
    assert.ok(await isSignedIn(victimCookies), 'the session survived');
  }

  test('missing token', async () => {
    const victim = await loginWithCookie(t, 'mika');
    await expectRejected({ cookie: victim.cookieHeader }, victim.cookieHeader);
  });

  test('wrong token', async () => {
    const victim = await loginWithCookie(t, 'mika');
    await expectRejected({ cookie: victim.cookieHeader, 'x-csrf-token': 'not-a-token' }, victim.cookieHeader);
  });

  test("another session's valid token, with its cookie planted", async () => {
    const victim = await loginWithCookie(t, 'mika');
    const attacker = await loginWithCookie(t, 'mallory');
    // The attacker's own token is properly signed, but for the attacker's session.
    const cookie = `sakuga_session=${victim.cookies.sakuga_session}; sakuga_csrf=${attacker.csrfToken}`;
    await expectRejected({ cookie, 'x-csrf-token': attacker.csrfToken }, victim.cookieHeader);
  });

  test('a planted CSRF cookie without a valid HMAC', async () => {
    const victim = await loginWithCookie(t, 'mika');
    const forged = 'chosenByAttacker.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    const cookie = `sakuga_session=${victim.cookies.sakuga_session}; sakuga_csrf=${forged}`;
    await expectRejected({ cookie, 'x-csrf-token': forged }, victim.cookieHeader);
  });

  test('a foreign Origin, even with the right token', async () => {
    const victim = await loginWithCookie(t, 'mika');
    await expectRejected({ cookie: victim.cookieHeader, 'x-csrf-token': victim.csrfToken, origin: 'https://evil.example' }, victim.cookieHeader);
  });

  test('a cross-site fetch without Origin (Sec-Fetch-Site), even with the right token', async () => {
    const victim = await loginWithCookie(t, 'mika');
    await expectRejected({ cookie: victim.cookieHeader, 'x-csrf-token': victim.csrfToken, 'sec-fetch-site': 'cross-site' }, victim.cookieHeader);
  });

  test('the right token from our own origin works', async () => {
    const victim = await loginWithCookie(t, 'mika');
    const response = await logout({ cookie: victim.cookieHeader, 'x-csrf-token': victim.csrfToken, origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin' });
    assert.equal(response.statusCode, 204, response.body);
    assert.equal(await isSignedIn(victim.cookieHeader), false, 'logout is server-side');
  });

  test('no cookie is readable by script; a reloaded page gets its token from /api/auth/me', async () => {
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'mika', password: TEST_PASSWORD, mode: 'cookie' } });
    assert.ok(login.cookies.length >= 2);
    for (const cookie of login.cookies) assert.equal(cookie.httpOnly, true, `${cookie.name} is readable by script`);
    const cookieHeader = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');

    const me = await t.app.inject({ url: '/api/auth/me', headers: { cookie: cookieHeader } });
    assert.equal(me.json().csrf_token, login.json().csrf_token);
    const response = await logout({ cookie: cookieHeader, 'x-csrf-token': me.json().csrf_token });
    assert.equal(response.statusCode, 204, response.body);
  });

  test('a session whose CSRF cookie went missing gets a new, working one from /api/auth/me', async () => {
    const victim = await loginWithCookie(t, 'mika');
    const sessionOnly = `sakuga_session=${victim.cookies.sakuga_session}`;
    const me = await t.app.inject({ url: '/api/auth/me', headers: { cookie: sessionOnly } });
    const token = me.json().csrf_token;
    assert.notEqual(token, victim.csrfToken);
    const reissued = me.cookies.find((c) => c.name === 'sakuga_csrf');
    assert.equal(reissued?.value, token);
    assert.equal(reissued?.httpOnly, true);
    const response = await logout({ cookie: `${sessionOnly}; sakuga_csrf=${token}`, 'x-csrf-token': token });
    assert.equal(response.statusCode, 204, response.body);
  });

  test('bearer sessions get no CSRF token from /api/auth/me', async () => {
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'mika', password: TEST_PASSWORD } });
    const me = await t.app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${login.json().access_token}` } });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().csrf_token, undefined);
  });

  test('sign-in from a foreign origin is refused (login CSRF)', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'https://evil.example' },
      payload: { username: 'mallory', password: TEST_PASSWORD, mode: 'cookie' },
    });
    assert.equal(response.statusCode, 403);
    assert.equal(response.json().error.code, 'csrf_failed');
    assert.equal(response.cookies.length, 0);
  });

  test('the session is never taken from a query string', async () => {
    const victim = await loginWithCookie(t, 'mika');
    for (const query of [`sakuga_session=${victim.cookies.sakuga_session}`, `session=${victim.cookies.sakuga_session}`]) {
      const response = await t.app.inject({ url: `/api/auth/me?${query}` });
      assert.equal(response.statusCode, 401, query);
    }
  });

  test('bearer requests need no CSRF token (browsers never attach them on their own)', async () => {
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'mika', password: TEST_PASSWORD } });
    const response = await logout({ authorization: `Bearer ${login.json().access_token}` });
    assert.equal(response.statusCode, 204);
  });

  test('rejections are audited', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dir = join(t.dataDir, 'audit');
    const text = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')).join('');
    const reasons = text.trim().split('\n').map((l) => JSON.parse(l)).filter((e) => e.action === 'auth.csrf_failed').map((e) => e.details.reason);
    for (const reason of ['missing_token', 'token_mismatch', 'bad_signature', 'foreign_origin', 'cross_site_fetch']) {
      assert.ok(reasons.includes(reason), `no audit event for ${reason}: ${reasons.join(',')}`);
    }
  });
});
