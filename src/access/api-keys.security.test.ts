import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { auditEvents } from '../../test/helpers/audit.js';
import { bearer, createUser, loginWithToken } from '../../test/helpers/auth.js';
import { DAY, manualClock, MINUTE } from '../../test/helpers/clock.js';
import { sha256Hex } from '../crypto/tokens.js';

describe('API keys', () => {
  let t: TestApp;
  const clock = manualClock();
  const ids: Record<string, string> = {};
  before(async () => {
    t = await createTestApp({ now: clock.now });
    for (const [name, role] of [['boss', 'admin'], ['mika', 'viewer'], ['kaito', 'operator'], ['rin', 'admin']] as const) ids[name] = (await createUser(t, name, role)).id;
  });
  after(() => t.close());

  const session = async (name: string) => (await loginWithToken(t, name)).access_token;
  async function createKey(name: string, body: Record<string, unknown>, headers?: Record<string, string>) {
    const response = await t.app.inject({ method: 'POST', url: '/api/keys', headers: headers ?? bearer(await session(name)), payload: { name: 'script', ...body } });
    return response;
  }
  async function keyOf(name: string, body: Record<string, unknown>): Promise<string> {
    const response = await createKey(name, body);
    assert.equal(response.statusCode, 201, response.body);
    return response.json().key;
  }
  const withKey = (key: string, url: string, extra: { method?: 'GET' | 'POST' | 'PATCH' | 'DELETE'; payload?: object; remoteAddress?: string } = {}) =>
    t.app.inject({ method: extra.method ?? 'GET', url, headers: bearer(key), payload: extra.payload, remoteAddress: extra.remoteAddress ?? '127.0.0.1' });
  const code = (response: { json(): { error?: { code: string } } }) => response.json().error?.code;

  test('the key is shown once, ≥ 256-bit secret, only its SHA-256 stored', async () => {
    const created = await createKey('mika', { scopes: ['read:job'] });
    assert.equal(created.statusCode, 201, created.body);
    const { key, id, prefix, expires_at } = created.json();
    assert.match(key, /^sk_[0-9a-f]{16}_[\w-]{43}$/);
    assert.equal(prefix, `sk_${id}`);
    assert.ok(Buffer.from(key.split('_').slice(2).join('_'), 'base64url').length * 8 >= 256);
    assert.equal(Date.parse(expires_at) - clock.now().getTime(), 90 * DAY, 'default 90 days');

    const listed = await t.app.inject({ url: '/api/keys', headers: bearer(await session('mika')) });
    assert.ok(!listed.body.includes(key.slice(20)), 'the list never carries the secret');
    assert.equal(listed.json().keys[0].id, id);
    const rows = await t.services.db.selectFrom('api_keys').selectAll().execute();
    assert.equal(rows.find((row) => row.id === id)?.secret_hash, sha256Hex(key));
    assert.ok(!JSON.stringify(rows).includes(key.slice(20)));
  });

  test('accepted as Authorization: Bearer or X-Api-Key; never from a query string; never two at once', async () => {
    const key = await keyOf('mika', { scopes: ['audit:read'] });
    assert.equal((await withKey(key, '/api/audit/recent')).statusCode, 200);
    assert.equal((await t.app.inject({ url: '/api/audit/recent', headers: { 'x-api-key': key } })).statusCode, 200);
    for (const name of ['api_key', 'key', 'token', 'access_token']) {
      const viaQuery = await t.app.inject({ url: `/api/audit/recent?${name}=${key}` });
      assert.equal(viaQuery.statusCode, 401, name);
      assert.equal(code(viaQuery), 'unauthenticated');
    }
    const both = await t.app.inject({ url: '/api/audit/recent', headers: { 'x-api-key': key, ...bearer(key) } });
    assert.equal(both.statusCode, 401);
    assert.equal((await withKey(`${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`, '/api/audit/recent')).statusCode, 401, 'one character off');
  });

  test('scopes deny what they do not name: a read:job key cannot POST, nor read audit or sessions', async () => {
    const key = await keyOf('kaito', { scopes: ['read:job'] });
    const post = await withKey(key, '/api/keys', { method: 'POST', payload: { name: 'x', scopes: ['read:job'] } });
    assert.equal(post.statusCode, 403);
    assert.equal(code(post), 'forbidden');
    assert.equal((await withKey(key, '/api/audit/recent')).statusCode, 403);
    assert.equal((await withKey(key, '/api/auth/me')).statusCode, 403, 'session routes are never reachable by key');
    assert.equal((await withKey(key, '/api/auth/sessions')).statusCode, 403);
    const denial = auditEvents(t).filter((event) => event.action === 'access.denied').at(-1);
    assert.equal(denial?.details.key_prefix, key.slice(0, 19));
  });

  test('unknown scopes and scopes beyond one\'s role are refused at creation; so is a body naming another user', async () => {
    assert.equal(code(await createKey('mika', { scopes: ['read:jobs'] })), 'unknown_scope');
    assert.equal(code(await createKey('mika', { scopes: ['job:../x:read'] })), 'unknown_scope');
    assert.equal(code(await createKey('mika', { scopes: ['admin:*'] })), 'scope_not_allowed');
    assert.equal(code(await createKey('mika', { scopes: ['submit:job'] })), 'scope_not_allowed');
    const foreign = await createKey('mika', { scopes: ['read:job'], user_id: ids.boss });
    assert.equal(foreign.statusCode, 400);
    assert.equal(code(foreign), 'validation_failed');
    assert.equal(code(await createKey('mika', { scopes: ['read:job'], expires_in_days: 400 })), 'key_lifetime_too_long');
    assert.equal(code(await createKey('mika', { scopes: ['read:job'], allowed_cidrs: ['10.0.0.0/33'] })), 'invalid_cidr');
  });

  test('power is scopes ∩ the owner\'s current role: a demoted admin\'s admin:* key loses admin routes at once', async () => {
    const key = await keyOf('rin', { scopes: ['admin:*'] });
    assert.equal((await withKey(key, '/api/admin/users')).statusCode, 200);
    await t.services.db.updateTable('users').set({ role: 'viewer' }).where('id', '=', ids.rin!).execute();
    assert.equal((await withKey(key, '/api/admin/users')).statusCode, 403);
    await t.services.db.updateTable('users').set({ role: 'admin' }).where('id', '=', ids.rin!).execute();
    // Even admin:* never does what needs a person at a session.
    const reset = await withKey(key, `/api/admin/users/${ids.mika}`, { method: 'PATCH', payload: { password: 'a reset passphrase for the river' } });
    assert.equal(reset.statusCode, 403);
    assert.equal(code(reset), 'session_required');
  });

  test('a key never mints a broader key: scopes, lifetime and address ranges only narrow', async () => {
    const parent = await keyOf('kaito', { scopes: ['keys:manage', 'read:job'], expires_in_days: 30, allowed_cidrs: ['127.0.0.0/8'] });
    const mint = (body: Record<string, unknown>) => createKey('kaito', body, bearer(parent));
    assert.equal(code(await mint({ scopes: ['submit:job'] })), 'key_escalation');
    assert.equal(code(await mint({ scopes: ['read:job'], expires_in_days: 31 })), 'key_escalation');
    assert.equal(code(await mint({ scopes: ['read:job'], allowed_cidrs: ['0.0.0.0/0'] })), 'key_escalation');
    const child = await mint({ scopes: ['job:0b7c1e9a-1111-4d2e-9f00-123456789abc:read'], expires_in_days: 7 });
    assert.equal(child.statusCode, 201, child.body);
    assert.deepEqual(child.json().allowed_cidrs, ['127.0.0.0/8'], 'the parent\'s ranges are inherited');
    assert.equal(auditEvents(t).filter((event) => event.action === 'api_key.create' && event.result === 'denied').length, 3);
  });

  test('creating a key from a session needs sudo mode', async () => {
    const token = await session('mika');
    clock.advance(11 * MINUTE);
    const stale = await createKey('mika', { scopes: ['read:job'] }, bearer(token));
    assert.equal(stale.statusCode, 401);
    assert.equal(code(stale), 'reauth_required');
  });

  test('address ranges: a key used from outside them is refused and audited', async () => {
    const key = await keyOf('mika', { scopes: ['audit:read'], allowed_cidrs: ['10.0.0.0/8'] });
    const outside = await withKey(key, '/api/audit/recent');
    assert.equal(outside.statusCode, 403);
    assert.equal(code(outside), 'key_address_denied');
    assert.equal(auditEvents(t).filter((event) => event.action === 'api_key.address_denied').length, 1);
    assert.equal((await withKey(key, '/api/audit/recent', { remoteAddress: '10.9.8.7' })).statusCode, 200);
  });

  test('expired, revoked and disabled-owner keys are 401 at once', async () => {
    const expiring = await keyOf('mika', { scopes: ['audit:read'], expires_in_days: 1 });
    const revoked = await keyOf('mika', { scopes: ['audit:read'] });
    const ofKaito = await keyOf('kaito', { scopes: ['audit:read'] });
    const revokedId = revoked.slice(3, 19);
    assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/keys/${revokedId}`, headers: bearer(await session('mika')) })).statusCode, 204);
    assert.equal((await withKey(revoked, '/api/audit/recent')).statusCode, 401);

    await t.services.db.updateTable('users').set({ disabled_at: clock.now().toISOString() }).where('id', '=', ids.kaito!).execute();
    assert.equal((await withKey(ofKaito, '/api/audit/recent')).statusCode, 401);
    await t.services.db.updateTable('users').set({ disabled_at: null }).where('id', '=', ids.kaito!).execute();

    assert.equal((await withKey(expiring, '/api/audit/recent')).statusCode, 200);
    clock.advance(DAY + 1000);
    assert.equal((await withKey(expiring, '/api/audit/recent')).statusCode, 401);
  });

  test('someone else\'s key cannot be revoked (404); admins list and revoke anyone\'s', async () => {
    const key = await keyOf('kaito', { scopes: ['audit:read'] });
    const id = key.slice(3, 19);
    const byMika = await t.app.inject({ method: 'DELETE', url: `/api/keys/${id}`, headers: bearer(await session('mika')) });
    assert.equal(byMika.statusCode, 404);
    assert.equal(code(byMika), 'key_not_found');
    assert.ok(!(await t.app.inject({ url: '/api/keys', headers: bearer(await session('mika')) })).body.includes(id));

    const admin = await session('boss');
    const all = await t.app.inject({ url: '/api/admin/keys', headers: bearer(admin) });
    assert.ok(all.json().keys.some((entry: { id: string; user_id: string }) => entry.id === id && entry.user_id === ids.kaito));
    assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/keys/${id}`, headers: bearer(admin) })).statusCode, 204);
    assert.equal((await withKey(key, '/api/audit/recent')).statusCode, 401);
    const revokedEvent = auditEvents(t).filter((event) => event.action === 'api_key.revoked').at(-1);
    assert.deepEqual([revokedEvent?.actor.id, revokedEvent?.details.owner], [ids.boss, ids.kaito]);
  });

  test('audit: created, revoked and used (sampled, once a minute), by prefix only; the secret is never written', async () => {
    const key = await keyOf('mika', { scopes: ['audit:read'] });
    const id = key.slice(3, 19);
    for (let i = 0; i < 5; i += 1) await withKey(key, '/api/audit/recent');
    const uses = () => auditEvents(t).filter((event) => event.action === 'api_key.used' && event.target === `api_key:${id}`).length;
    assert.equal(uses(), 1);
    clock.advance(MINUTE + 1000);
    await withKey(key, '/api/audit/recent');
    assert.equal(uses(), 2);
    const listed = (await t.app.inject({ url: '/api/keys', headers: bearer(await session('mika')) })).json().keys.find((entry: { id: string }) => entry.id === id);
    assert.equal(listed.last_used_ip, '127.0.0.1');
    assert.equal(listed.last_used_at, clock.now().toISOString());

    const everything = JSON.stringify(auditEvents(t)) + t.logs.join('\n');
    assert.ok(!everything.includes(key.slice(20)), 'no key secret in the audit log or the logs');
  });
});
