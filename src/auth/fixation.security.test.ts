import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestApp } from '../../test/helpers/app.js';
import { createUser, loginWithCookie, TEST_PASSWORD } from '../../test/helpers/auth.js';

test('a planted session cookie is replaced at sign-in and never becomes valid', async () => {
  const t = await createTestApp();
  try {
    await createUser(t, 'mika', 'viewer');
    const planted = `ssc_${'A'.repeat(43)}`;
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { cookie: `sakuga_session=${planted}` },
      payload: { username: 'mika', password: TEST_PASSWORD, mode: 'cookie' },
    });
    assert.equal(login.statusCode, 200);
    const issued = login.cookies.find((c) => c.name === 'sakuga_session')!;
    assert.notEqual(issued.value, planted);
    assert.equal((await t.app.inject({ url: '/api/auth/me', headers: { cookie: `sakuga_session=${planted}` } })).statusCode, 401);
  } finally {
    await t.close();
  }
});

test("signing in over someone else's live session ends it and issues a new one", async () => {
  const t = await createTestApp();
  try {
    await createUser(t, 'mika', 'viewer');
    await createUser(t, 'mallory', 'viewer');
    // The attacker plants their own valid session cookie in the victim's browser…
    const attacker = await loginWithCookie(t, 'mallory');
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { cookie: attacker.cookieHeader },
      payload: { username: 'mika', password: TEST_PASSWORD, mode: 'cookie' },
    });
    assert.equal(login.statusCode, 200);
    const issued = login.cookies.find((c) => c.name === 'sakuga_session')!;
    assert.notEqual(issued.value, attacker.cookies.sakuga_session);
    // …and the session the browser carried before sign-in no longer works for anyone.
    assert.equal((await t.app.inject({ url: '/api/auth/me', headers: { cookie: attacker.cookieHeader } })).statusCode, 401);
    const me = await t.app.inject({ url: '/api/auth/me', headers: { cookie: `sakuga_session=${issued.value}` } });
    assert.equal(me.json().user.username, 'mika');
  } finally {
    await t.close();
  }
});

test('cookie attributes: HttpOnly, SameSite=Lax; Secure and __Host- over HTTPS', async () => {
  for (const [env, secure] of [[{}, false], [{ PUBLIC_URL: 'https://sakuga.example' }, true]] as const) {
    const t = await createTestApp({ env });
    try {
      await createUser(t, 'mika', 'viewer');
      const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'mika', password: TEST_PASSWORD, mode: 'cookie' } });
      const session = login.cookies.find((c) => c.name.endsWith('sakuga_session'))!;
      const csrf = login.cookies.find((c) => c.name.endsWith('sakuga_csrf'))!;
      assert.equal(session.name, secure ? '__Host-sakuga_session' : 'sakuga_session');
      assert.equal(session.httpOnly, true);
      assert.equal(session.sameSite, 'Lax');
      assert.equal(session.path, '/');
      assert.equal(session.domain, undefined);
      assert.equal(Boolean(session.secure), secure);
      assert.equal(csrf.httpOnly, true, 'the page learns the CSRF token from replies, never from a cookie');
      if (secure) {
        // Over HTTPS only the __Host- cookie counts; a plain-named one could have been planted.
        const plain = await t.app.inject({ url: '/api/auth/me', headers: { cookie: `sakuga_session=${session.value}` } });
        assert.equal(plain.statusCode, 401);
        const prefixed = await t.app.inject({ url: '/api/auth/me', headers: { cookie: `__Host-sakuga_session=${session.value}` } });
        assert.equal(prefixed.statusCode, 200);
      }
    } finally {
      await t.close();
    }
  }
});
