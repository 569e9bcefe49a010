import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { databaseTargets, type TestDatabase } from '../../test/helpers/databases.js';
import { sha256Hex } from '../crypto/tokens.js';

const PASSWORD = 'correct horse battery staple';

async function pendingToken(t: TestApp): Promise<string> {
  const state = await t.services.setup.prepare();
  if (!state.required) throw new Error('setup should be pending');
  return state.token;
}

function auditLines(t: TestApp): Array<Record<string, unknown>> {
  const dir = join(t.dataDir, 'audit');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((file) =>
    readFileSync(join(dir, file), 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line)),
  );
}

for (const target of await databaseTargets()) {
  describe(`first-run setup on ${target.dialect}`, { skip: target.skip }, () => {
    const databases: TestDatabase[] = [];
    const apps: TestApp[] = [];
    const start = async () => {
      const database = await target.create();
      databases.push(database);
      const t = await createTestApp({ database: database.config });
      apps.push(t);
      return t;
    };
    after(async () => {
      for (const t of apps) await t.close();
      for (const database of databases) await database.drop();
    });

    test('issues a 256-bit token into a 0600 file, storing only its hash', async () => {
      const t = await start();
      const state = await t.services.setup.prepare();
      assert.equal(state.required, true);
      assert.ok(state.required);
      const file = join(t.dataDir, 'setup-token');
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.equal(readFileSync(file, 'utf8').trim(), state.token);
      assert.equal(Buffer.from(state.token, 'base64url').length, 32);
      const row = await t.database.db.selectFrom('setup_token').selectAll().executeTakeFirstOrThrow();
      assert.equal(row.token_hash, sha256Hex(state.token));
      assert.notEqual(row.token_hash, state.token);
      // A restart keeps the same link.
      const again = await t.services.setup.prepare();
      assert.ok(again.required && again.token === state.token);
    });

    test('the right token creates the first admin once, then setup answers 410', async () => {
      const t = await start();
      const state = await t.services.setup.prepare();
      assert.ok(state.required);
      const create = (username: string) =>
        t.app.inject({ method: 'POST', url: '/api/setup', payload: { token: state.token, username, password: PASSWORD } });

      const created = await create('Mika');
      assert.equal(created.statusCode, 201, created.body);
      const { user } = created.json();
      assert.deepEqual(Object.keys(user).sort(), ['created_at', 'id', 'role', 'username']);
      assert.equal(user.username, 'mika');
      assert.equal(user.role, 'admin');

      const row = await t.database.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
      assert.match(row.password_hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      assert.ok(!existsSync(join(t.dataDir, 'setup-token')), 'token file removed');
      assert.equal(await t.database.db.selectFrom('setup_token').selectAll().executeTakeFirst(), undefined);

      const second = await create('someone-else');
      assert.equal(second.statusCode, 410);
      assert.equal(second.json().error.code, 'setup_completed');
      assert.equal((await t.app.inject({ url: '/api/setup' })).json().required, false);
      assert.equal((await t.services.setup.prepare()).required, false);

      const success = auditLines(t).filter((e) => e.action === 'setup.complete' && e.result === 'success');
      assert.equal(success.length, 1);
    });

    test('a wrong token is 403, audited without the token, and creates nothing', async () => {
      const t = await start();
      const state = await t.services.setup.prepare();
      assert.ok(state.required);
      const wrong = `${state.token.slice(0, -2)}xx`;
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/setup',
        payload: { token: wrong, username: 'mallory', password: PASSWORD },
        remoteAddress: '192.0.2.9',
      });
      assert.equal(response.statusCode, 403);
      assert.equal(response.json().error.code, 'setup_token_invalid');
      assert.equal(await t.services.setup.isRequired(), true);

      const denied = auditLines(t).filter((e) => e.action === 'setup.complete');
      assert.equal(denied.length, 1);
      assert.equal(denied[0]!.result, 'denied');
      assert.equal(denied[0]!.ip, '192.0.2.9');
      assert.equal(denied[0]!.request_id, response.headers['x-request-id']);
      const raw = readdirSync(join(t.dataDir, 'audit')).map((f) => readFileSync(join(t.dataDir, 'audit', f), 'utf8')).join('');
      assert.ok(!raw.includes(wrong) && !raw.includes(PASSWORD), 'audit holds no secret');
      assert.ok(!t.logs.join('').includes(wrong), 'log holds no token');
    });

    test('a weak password is refused with a reason and burns nothing', async () => {
      const t = await start();
      const token = await pendingToken(t);
      const cases: Array<[string, string]> = [
        ['short', 'password_too_short'],
        ['mika-mika-mika-mika-mika', 'password_guessable'],
        ['my sakuga password 2026', 'password_guessable'],
      ];
      for (const [password, code] of cases) {
        const response = await t.app.inject({ method: 'POST', url: '/api/setup', payload: { token, username: 'mika', password } });
        assert.equal(response.statusCode, 400, password);
        assert.equal(response.json().error.code, code);
      }
      const badName = await t.app.inject({ method: 'POST', url: '/api/setup', payload: { token, username: '../admin', password: PASSWORD } });
      assert.equal(badName.json().error.code, 'username_invalid');
      assert.equal(await t.services.setup.isRequired(), true);
      assert.ok(existsSync(join(t.dataDir, 'setup-token')), 'the token survives bad input');
    });

    test('concurrent attempts with the right token create exactly one admin', async () => {
      const t = await start();
      const state = await t.services.setup.prepare();
      assert.ok(state.required);
      const responses = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          t.app.inject({ method: 'POST', url: '/api/setup', payload: { token: state.token, username: `admin${i}`, password: PASSWORD } }),
        ),
      );
      const statuses = responses.map((r) => r.statusCode).sort();
      assert.deepEqual(statuses, [201, 410, 410, 410, 410, 410]);
      const users = await t.database.db.selectFrom('users').select('username').execute();
      assert.equal(users.length, 1);
    });
  });
}
