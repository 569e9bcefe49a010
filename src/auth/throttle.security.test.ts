import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { bearer, createUser, loginWithToken, TEST_PASSWORD } from '../../test/helpers/auth.js';
import { manualClock, MINUTE } from '../../test/helpers/clock.js';
import { databaseTargets, type TestDatabase } from '../../test/helpers/databases.js';

const WRONG = 'definitely not the right password';

for (const target of await databaseTargets()) {
  describe(`login throttling on ${target.dialect}`, { skip: target.skip }, () => {
    const cleanups: Array<() => Promise<void>> = [];
    after(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });
    async function start() {
      const database: TestDatabase = await target.create();
      const clock = manualClock();
      const t = await createTestApp({ database: database.config, now: clock.now });
      cleanups.push(() => database.drop(), () => t.close());
      return { t, clock };
    }
    const attempt = (t: TestApp, username: string, password: string, ip = '127.0.0.1') =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });

    test('after 5 failures the account backs off; the right password gets the same answer', async () => {
      const { t } = await start();
      await createUser(t, 'mika', 'viewer');
      for (let i = 0; i < 5; i += 1) {
        assert.equal((await attempt(t, 'mika', WRONG, `127.0.1.${i}`)).statusCode, 401);
      }
      const wrong = await attempt(t, 'mika', WRONG, '127.0.1.50');
      const right = await attempt(t, 'mika', TEST_PASSWORD, '127.0.1.51');
      for (const response of [wrong, right]) {
        assert.equal(response.statusCode, 429);
        assert.equal(response.json().error.code, 'login_throttled');
        assert.ok(Number(response.headers['retry-after']) > 0);
      }
      assert.equal(wrong.json().error.message, right.json().error.message);
    });

    test('failures during a lock do not extend it; once it passes, the right password works', async () => {
      const { t, clock } = await start();
      await createUser(t, 'mika', 'viewer');
      for (let i = 0; i < 5; i += 1) await attempt(t, 'mika', WRONG, `127.0.2.${i}`);
      const firstWait = Number((await attempt(t, 'mika', WRONG, '127.0.2.9')).headers['retry-after']);
      // Hammer the locked account; none of this may count.
      for (let i = 0; i < 20; i += 1) await attempt(t, 'mika', WRONG, `127.0.3.${i}`);
      const laterWait = Number((await attempt(t, 'mika', WRONG, '127.0.2.10')).headers['retry-after']);
      assert.ok(laterWait <= firstWait, `lock grew from ${firstWait}s to ${laterWait}s`);
      clock.advance(firstWait * 1000 + 1);
      assert.equal((await attempt(t, 'mika', TEST_PASSWORD, '127.0.2.11')).statusCode, 200);
    });

    test('a success resets the account count', async () => {
      const { t } = await start();
      await createUser(t, 'mika', 'viewer');
      for (let i = 0; i < 4; i += 1) await attempt(t, 'mika', WRONG, `127.0.4.${i}`);
      assert.equal((await attempt(t, 'mika', TEST_PASSWORD, '127.0.4.10')).statusCode, 200);
      for (let i = 0; i < 4; i += 1) assert.equal((await attempt(t, 'mika', WRONG, `127.0.4.${20 + i}`)).statusCode, 401);
      assert.equal((await attempt(t, 'mika', TEST_PASSWORD, '127.0.4.30')).statusCode, 200);
    });

    test('unknown names are throttled exactly like real ones (no enumeration)', async () => {
      const { t } = await start();
      for (let i = 0; i < 5; i += 1) await attempt(t, 'ghost', WRONG, `127.0.5.${i}`);
      assert.equal((await attempt(t, 'ghost', WRONG, '127.0.5.9')).statusCode, 429);
    });

    test('10 failures from one address block it for ~10 minutes; other addresses are unaffected', async () => {
      const { t, clock } = await start();
      await createUser(t, 'mika', 'viewer');
      for (let i = 0; i < 10; i += 1) {
        assert.equal((await attempt(t, `nobody${i}`, WRONG, '127.0.6.1')).statusCode, 401);
      }
      const blocked = await attempt(t, 'mika', TEST_PASSWORD, '127.0.6.1');
      assert.equal(blocked.statusCode, 429);
      const wait = Number(blocked.headers['retry-after']);
      assert.ok(wait > 9 * 60 && wait <= 10 * 60, `Retry-After ${wait}`);
      assert.equal((await attempt(t, 'mika', TEST_PASSWORD, '127.0.6.2')).statusCode, 200);
      clock.advance(10 * MINUTE + 1000);
      assert.equal((await attempt(t, 'mika', TEST_PASSWORD, '127.0.6.1')).statusCode, 200);
    });

    test('100 failures hard-lock the account until an admin unlocks it', async () => {
      const { t, clock } = await start();
      await createUser(t, 'mika', 'viewer');
      await createUser(t, 'boss', 'admin');
      for (let i = 0; i < 100; i += 1) {
        assert.equal((await attempt(t, 'mika', WRONG, '127.0.7.1')).statusCode, 401, `failure ${i + 1}`);
        clock.advance(16 * MINUTE); // past any backoff and any address window
      }
      clock.advance(24 * 60 * MINUTE);
      assert.equal((await attempt(t, 'mika', TEST_PASSWORD, '127.0.7.2')).statusCode, 429, 'still locked a day later');

      const admin = await loginWithToken(t, 'boss', TEST_PASSWORD, '127.0.7.3');

      const users = (await t.app.inject({ url: '/api/admin/users', headers: bearer(admin.access_token) })).json().users;
      const mika = users.find((u: { username: string }) => u.username === 'mika');
      const unlock = await t.app.inject({
        method: 'PATCH',
        url: `/api/admin/users/${mika.id}`,
        headers: bearer(admin.access_token),
        payload: { unlock_login: true },
      });
      assert.equal(unlock.statusCode, 200, unlock.body);
      assert.equal((await attempt(t, 'mika', TEST_PASSWORD, '127.0.7.2')).statusCode, 200);
    });

    test('the counts live in the database: a second app on the same database sees the lock', async () => {
      const database = await target.create();
      const clock = manualClock();
      const first = await createTestApp({ database: database.config, now: clock.now });
      const second = await createTestApp({ database: database.config, now: clock.now });
      cleanups.push(() => database.drop(), () => first.close(), () => second.close());
      await createUser(first, 'mika', 'viewer');
      for (let i = 0; i < 5; i += 1) await attempt(first, 'mika', WRONG, `127.0.8.${i}`);
      assert.equal((await attempt(second, 'mika', TEST_PASSWORD, '127.0.8.9')).statusCode, 429);
    });
  });
}
