import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestApp } from '../../test/helpers/app.js';
import { createUser, TEST_PASSWORD } from '../../test/helpers/auth.js';
import { databaseTargets } from '../../test/helpers/databases.js';
import { NO_PASSWORD } from './passwords.js';

test('argon2id with the configured cost, at least OWASP minimums', async () => {
  const t = await createTestApp();
  try {
    const hash = await t.services.passwords.hash('a passphrase long enough');
    assert.match(hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.equal(await t.services.passwords.verify(hash, 'a passphrase long enough'), true);
    assert.equal(await t.services.passwords.verify(hash, 'a passphrase long enougH'), false);
    assert.equal(t.services.passwords.needsRehash(hash), false);
  } finally {
    await t.close();
  }
});

test('an account without a password (single sign-on) verifies nothing, not even the marker itself', async () => {
  const t = await createTestApp();
  try {
    for (const attempt of [NO_PASSWORD, '', 'a passphrase long enough']) assert.equal(await t.services.passwords.verify(NO_PASSWORD, attempt), false);
  } finally {
    await t.close();
  }
});

test('settings below the OWASP minimum are refused at start', async () => {
  await assert.rejects(createTestApp({ env: { ARGON2_MEMORY_KIB: '4096' } }), /ARGON2_MEMORY_KIB/);
  await assert.rejects(createTestApp({ env: { ARGON2_TIME_COST: '1' } }), /ARGON2_TIME_COST/);
});

test('changed parameters re-hash the password transparently at the next sign-in', async () => {
  const [sqlite] = await databaseTargets();
  const database = await sqlite!.create();
  const before = await createTestApp({ database: database.config });
  const user = await createUser(before, 'mika', 'viewer');
  await before.close();
  const after = await createTestApp({ database: database.config, env: { ARGON2_TIME_COST: '3' } });
  try {
    const stored = async () =>
      (await after.services.db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow()).password_hash;
    assert.match(await stored(), /t=2/);
    const login = await after.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'mika', password: TEST_PASSWORD } });
    assert.equal(login.statusCode, 200);
    assert.match(await stored(), /^\$argon2id\$v=19\$m=19456,t=3,p=1\$/);
    const again = await after.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'mika', password: TEST_PASSWORD } });
    assert.equal(again.statusCode, 200, 'the upgraded hash verifies');
  } finally {
    await after.close();
    await database.drop();
  }
});

test('a login storm is hashed a few at a time and the overflow gets 503 with Retry-After', async () => {
  const t = await createTestApp({ env: { PASSWORD_HASH_CONCURRENCY: '1' } });
  try {
    await createUser(t, 'mika', 'viewer');
    const storm = await Promise.all(
      Array.from({ length: 230 }, (_, i) =>
        t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: `storm${i}`, password: 'wrong wrong wrong wrong' }, remoteAddress: `127.2.${i % 200}.1` }),
      ),
    );
    const busy = storm.filter((r) => r.statusCode === 503);
    assert.ok(busy.length > 0, 'the queue is bounded');
    assert.equal(busy[0]!.json().error.code, 'server_busy');
    assert.equal(busy[0]!.headers['retry-after'], '1');
    assert.ok(storm.filter((r) => r.statusCode === 401).length >= 200, 'queued attempts were still answered');
  } finally {
    await t.close();
  }
});
