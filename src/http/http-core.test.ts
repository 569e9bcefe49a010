import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';

describe('HTTP core', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  test('every response carries a fresh request id, also in error bodies', async () => {
    const a = await t.app.inject({ url: '/healthz' });
    const b = await t.app.inject({ url: '/api/nope' });
    assert.match(a.headers['x-request-id'] as string, /^[0-9a-f-]{36}$/);
    assert.notEqual(a.headers['x-request-id'], b.headers['x-request-id']);
    assert.equal(b.json().error.request_id, b.headers['x-request-id']);
  });

  test('a client cannot choose its request id', async () => {
    const response = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'forged\nline' } });
    assert.notEqual(response.headers['x-request-id'], 'forged\nline');
  });

  for (const [label, url, status] of [
    ['a 200', '/healthz', 200],
    ['a 404', '/api/no/such/page', 404],
    ['a 405', '/healthz', 405],
  ] as const) {
    test(`security headers on ${label}`, async () => {
      const response = await t.app.inject({ url, method: status === 405 ? 'DELETE' : 'GET' });
      assert.equal(response.statusCode, status);
      const csp = response.headers['content-security-policy'] as string;
      assert.ok(csp, 'CSP missing');
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "script-src 'self';", "media-src 'self' blob:;", "img-src 'self' data:;"]) {
        assert.ok(csp.includes(directive), `CSP lacks ${directive}: ${csp}`);
      }
      assert.equal(response.headers['x-content-type-options'], 'nosniff');
      assert.equal(response.headers['x-frame-options'], 'DENY');
      assert.equal(response.headers['referrer-policy'], 'no-referrer');
      assert.equal(response.headers['cross-origin-opener-policy'], 'same-origin');
      assert.equal(response.headers['cache-control'], 'no-store');
      assert.equal(response.headers['x-powered-by'], undefined);
      assert.equal(response.headers.server, undefined);
      assert.equal(response.headers['strict-transport-security'], undefined, 'no HSTS over plain HTTP');
    });
  }

  test('unknown path: 404 not_found in the error shape', async () => {
    const response = await t.app.inject({ url: '/api/does-not-exist' });
    assert.equal(response.statusCode, 404);
    assert.equal(response.json().error.code, 'not_found');
    assert.equal(typeof response.json().error.message, 'string');
  });

  test('known path, wrong method: 405 with Allow', async () => {
    const response = await t.app.inject({ url: '/api/setup', method: 'PATCH' });
    assert.equal(response.statusCode, 405);
    assert.equal(response.json().error.code, 'method_not_allowed');
    assert.equal(response.headers.allow, 'GET, HEAD, POST');
  });

  test('TRACE is refused everywhere, even on unknown paths', async () => {
    for (const url of ['/healthz', '/anything']) {
      const response = await t.app.inject({ url, method: 'TRACE' as 'GET' });
      assert.equal(response.statusCode, 405, url);
      assert.equal(response.json().error.code, 'method_not_allowed');
    }
  });

  describe('bad input is a stable 4xx and writes nothing', () => {
    const post = (payload: string, contentType = 'application/json') =>
      t.app.inject({ method: 'POST', url: '/api/setup', payload, headers: { 'content-type': contentType } });
    const valid = () => ({ token: 'x'.repeat(43), username: 'mika', password: 'a long enough password here' });

    const cases: Array<[string, () => ReturnType<typeof post>, number, string]> = [
      ['invalid JSON', () => post('{"token": '), 400, 'invalid_json'],
      ['empty JSON body', () => post(''), 400, 'invalid_json'],
      ['prototype pollution', () => post('{"__proto__": {"admin": true}, "token": "x", "username": "y", "password": "z"}'), 400, 'invalid_json'],
      ['wrong content type', () => post(JSON.stringify(valid()), 'text/plain'), 415, 'unsupported_media_type'],
      ['form encoding', () => post('token=x&username=y', 'application/x-www-form-urlencoded'), 415, 'unsupported_media_type'],
      ['unknown field', () => post(JSON.stringify({ ...valid(), role: 'admin' })), 400, 'validation_failed'],
      ['missing field', () => post(JSON.stringify({ token: 'x', username: 'mika' })), 400, 'validation_failed'],
      ['wrong type', () => post(JSON.stringify({ ...valid(), password: 12345 })), 400, 'validation_failed'],
      ['oversized body', () => post(JSON.stringify({ ...valid(), password: 'p'.repeat(2 * 1024 * 1024) })), 413, 'body_too_large'],
    ];

    for (const [label, send, status, code] of cases) {
      test(label, async () => {
        const response = await send();
        assert.equal(response.statusCode, status, response.body);
        assert.equal(response.json().error.code, code);
        assert.equal(await t.services.setup.isRequired(), true, 'nothing was created');
      });
    }
  });
});

describe('HSTS only over HTTPS', () => {
  test('from a trusted proxy saying https, not from anyone else', async () => {
    const t = await createTestApp({ env: { TRUST_PROXY: '127.0.0.1' } });
    try {
      const viaProxy = await t.app.inject({ url: '/healthz', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-proto': 'https' } });
      assert.match(viaProxy.headers['strict-transport-security'] as string, /max-age=\d{8}/);
      const spoofed = await t.app.inject({ url: '/healthz', remoteAddress: '192.0.2.7', headers: { 'x-forwarded-proto': 'https' } });
      assert.equal(spoofed.headers['strict-transport-security'], undefined);
    } finally {
      await t.close();
    }
  });

  test('always when PUBLIC_URL is https://', async () => {
    const t = await createTestApp({ env: { PUBLIC_URL: 'https://sakuga.example' } });
    try {
      const response = await t.app.inject({ url: '/nope' });
      assert.match(response.headers['strict-transport-security'] as string, /max-age=/);
    } finally {
      await t.close();
    }
  });
});
