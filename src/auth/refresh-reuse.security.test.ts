import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { bearer, createUser, loginWithToken } from '../../test/helpers/auth.js';
import { databaseTargets, type TestDatabase } from '../../test/helpers/databases.js';

for (const target of await databaseTargets()) {
  describe(`refresh tokens on ${target.dialect}`, { skip: target.skip }, () => {
    const cleanups: Array<() => Promise<void>> = [];
    after(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });
    async function start(): Promise<TestApp> {
      const database: TestDatabase = await target.create();
      const t = await createTestApp({ database: database.config });
      cleanups.push(() => database.drop(), () => t.close());
      await createUser(t, 'mika', 'viewer');
      return t;
    }
    const refresh = (t: TestApp, token: string) => t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refresh_token: token } });
    const me = (t: TestApp, token: string) => t.app.inject({ url: '/api/auth/me', headers: bearer(token) });

    test('RT1 → RT2; reusing RT1 revokes the session: RT1 401, then RT2 401, access tokens dead', async () => {
      const t = await start();
      const first = await loginWithToken(t, 'mika');
      const rotated = await refresh(t, first.refresh_token);
      assert.equal(rotated.statusCode, 200);
      const second = rotated.json();
      assert.notEqual(second.refresh_token, first.refresh_token);
      assert.notEqual(second.access_token, first.access_token);
      assert.equal(second.session_id, first.session_id);
      assert.equal((await me(t, first.access_token)).statusCode, 401, 'the old access token died with the rotation');
      assert.equal((await me(t, second.access_token)).statusCode, 200);

      const reuse = await refresh(t, first.refresh_token);
      assert.equal(reuse.statusCode, 401);
      assert.equal(reuse.json().error.code, 'refresh_token_reused');

      const newest = await refresh(t, second.refresh_token);
      assert.equal(newest.statusCode, 401, 'the newest refresh token dies too');
      assert.equal((await me(t, second.access_token)).statusCode, 401, 'and so does the newest access token');

      const audit = readdirSync(join(t.dataDir, 'audit')).map((f) => readFileSync(join(t.dataDir, 'audit', f), 'utf8')).join('');
      const events = audit.trim().split('\n').map((line) => JSON.parse(line));
      const reuseEvents = events.filter((e) => e.action === 'auth.refresh_reuse');
      assert.equal(reuseEvents.length, 1);
      assert.equal(reuseEvents[0].target, `session:${first.session_id}`);
    });

    test('a refresh token is not a bearer token, and an access token cannot refresh', async () => {
      const t = await start();
      const tokens = await loginWithToken(t, 'mika');
      const asBearer = await me(t, tokens.refresh_token);
      assert.equal(asBearer.statusCode, 401);
      assert.equal(asBearer.json().error.code, 'invalid_token');
      const asRefresh = await refresh(t, tokens.access_token);
      assert.equal(asRefresh.statusCode, 401);
      assert.equal((await me(t, tokens.access_token)).statusCode, 200, 'the failed attempts revoked nothing');
    });

    test('only hashes are stored: no token appears in the database', async () => {
      const t = await start();
      const tokens = await loginWithToken(t, 'mika');
      const accessRows = await t.services.db.selectFrom('access_tokens').select('token_hash').execute();
      const refreshRows = await t.services.db.selectFrom('refresh_tokens').select('token_hash').execute();
      const stored = JSON.stringify([accessRows, refreshRows]);
      assert.ok(!stored.includes(tokens.access_token.slice(4)) && !stored.includes(tokens.refresh_token.slice(4)));
      assert.match(accessRows[0]!.token_hash, /^[0-9a-f]{64}$/);
    });

    test('two racing refreshes with one token: one wins, and the loser ends the session', async () => {
      const t = await start();
      const tokens = await loginWithToken(t, 'mika');
      const [a, b] = await Promise.all([refresh(t, tokens.refresh_token), refresh(t, tokens.refresh_token)]);
      assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 401]);
      const winner = (a.statusCode === 200 ? a : b).json();
      assert.equal((await me(t, winner.access_token)).statusCode, 401);
    });
  });
}
