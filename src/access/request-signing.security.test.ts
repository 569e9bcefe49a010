import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { auditEvents } from '../../test/helpers/audit.js';
import { bearer, createUser, loginWithToken } from '../../test/helpers/auth.js';
import { manualClock, MINUTE } from '../../test/helpers/clock.js';
import { canonicalRequest, signRequest } from './sign-request.js';

describe('signed requests (keys created with require_signature)', () => {
  let t: TestApp;
  const clock = manualClock(new Date());
  let key: string;
  before(async () => {
    t = await createTestApp({ now: clock.now });
    await createUser(t, 'kaito', 'operator');
    const { access_token } = await loginWithToken(t, 'kaito');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/keys',
      headers: bearer(access_token),
      payload: { name: 'ci', scopes: ['keys:manage', 'audit:read'], require_signature: true },
    });
    assert.equal(created.statusCode, 201, created.body);
    key = created.json().key;
  });
  after(() => t.close());

  type Method = 'GET' | 'POST';
  const send = (method: Method, path: string, headers: Record<string, string>, body?: string) =>
    t.app.inject({ method, url: path, headers: { ...headers, ...(body !== undefined && { 'content-type': 'application/json' }) }, ...(body !== undefined && { payload: body }) });
  const signed = (method: Method, path: string, body?: string, options: { now?: Date; nonce?: string } = {}) =>
    signRequest(key, { method, path, ...(body !== undefined && { body }) }, { now: clock.now(), ...options });
  const code = (response: { json(): { error?: { code: string } } }) => response.json().error?.code;
  const lastFailure = () => auditEvents(t).filter((event) => event.action === 'api_key.signature_failed').at(-1)?.details.reason;

  test('the whole key is refused as a bearer credential: it must sign', async () => {
    const response = await send('GET', '/api/audit/recent', bearer(key));
    assert.equal(response.statusCode, 401);
    assert.equal(code(response), 'signature_required');
  });

  test('a signed GET and a signed POST with a body pass; the secret never travels', async () => {
    const headers = signed('GET', '/api/audit/recent');
    assert.ok(!Object.values(headers).some((value) => value.includes(key.slice(20))));
    assert.equal((await send('GET', '/api/audit/recent', headers)).statusCode, 200);
    const body = JSON.stringify({ name: 'child', scopes: ['audit:read'] });
    const created = await send('POST', '/api/keys', signed('POST', '/api/keys', body), body);
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().require_signature, true, 'a signing key mints signing keys');
  });

  test('a replayed request is refused (401), even within the window', async () => {
    const headers = signed('GET', '/api/audit/recent');
    assert.equal((await send('GET', '/api/audit/recent', headers)).statusCode, 200);
    const replay = await send('GET', '/api/audit/recent', headers);
    assert.equal(replay.statusCode, 401);
    assert.equal(code(replay), 'request_replayed');
    assert.equal(lastFailure(), 'replayed_nonce');
  });

  test('tampering with the body, path, method or secret fails the signature', async () => {
    const body = JSON.stringify({ name: 'child', scopes: ['audit:read'] });
    const cases: Array<[string, () => Promise<{ statusCode: number; json(): { error?: { code: string } } }>]> = [
      ['body', () => send('POST', '/api/keys', signed('POST', '/api/keys', body), body.replace('audit:read', 'keys:manage'))],
      ['path', () => send('GET', '/api/audit/recent?limit=1', signed('GET', '/api/audit/recent'))],
      ['method', () => send('POST', '/api/keys', signed('GET', '/api/keys'), body)],
      ['secret', () => send('GET', '/api/audit/recent', signRequest(`${key.slice(0, 20)}${'A'.repeat(43)}`, { method: 'GET', path: '/api/audit/recent' }, { now: clock.now() }))],
    ];
    for (const [what, attempt] of cases) {
      const response = await attempt();
      assert.equal(response.statusCode, 401, what);
      assert.equal(code(response), 'signature_invalid', what);
    }
    assert.equal(lastFailure(), 'bad_signature');
  });

  test('the timestamp must be within ±5 minutes', async () => {
    const old = signed('GET', '/api/audit/recent', undefined, { now: new Date(clock.now().getTime() - 5 * MINUTE - 2000) });
    const future = signed('GET', '/api/audit/recent', undefined, { now: new Date(clock.now().getTime() + 5 * MINUTE + 2000) });
    for (const headers of [old, future]) {
      const response = await send('GET', '/api/audit/recent', headers);
      assert.equal(response.statusCode, 401);
      assert.equal(code(response), 'signature_invalid');
    }
    assert.equal(lastFailure(), 'stale_timestamp');
  });

  test('an unsigned caller learns nothing about the key\'s power: 401, not 403', async () => {
    const headers = { ...signed('GET', '/api/admin/users'), 'x-sakuga-signature': '0'.repeat(64) };
    assert.equal((await send('GET', '/api/admin/users', headers)).statusCode, 401);
    const properly = await send('GET', '/api/admin/users', signed('GET', '/api/admin/users'));
    assert.equal(properly.statusCode, 403, 'once signed, the scope check applies');
  });

  test('nonces are remembered for the window, then forgotten', async () => {
    const count = async () => (await t.services.db.selectFrom('request_nonces').select('nonce').execute()).length;
    assert.ok((await count()) > 0);
    clock.advance(11 * MINUTE);
    // The next insert prunes now and then; force a few.
    for (let i = 0; i < 64; i += 1) await send('GET', '/api/audit/recent', signed('GET', '/api/audit/recent'));
    const rows = await t.services.db.selectFrom('request_nonces').select('expires_at').execute();
    assert.ok(rows.every((row) => row.expires_at >= new Date(clock.now().getTime() - 1000).toISOString()), 'old nonces are pruned');
  });
});

test('the worked example in docs/request-signing.md is what the helper computes', () => {
  const doc = readFileSync(new URL('../../docs/request-signing.md', import.meta.url), 'utf8');
  const value = (name: string) => new RegExp(`^${name}: (.+)$`, 'm').exec(doc)?.[1]?.trim();
  const headers = signRequest(value('key')!, { method: 'POST', path: value('path')!, body: value('body')! }, { now: new Date(Number(value('timestamp')) * 1000), nonce: value('nonce')! });
  assert.equal(headers['x-sakuga-signature'], value('signature'));
  assert.ok(doc.includes(canonicalRequest({ method: 'POST', path: value('path')!, timestamp: Number(value('timestamp')), nonce: value('nonce')!, bodySha256Hex: value('body sha256')! })));
});
