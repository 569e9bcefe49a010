import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestApp } from '../../test/helpers/app.js';

test('by default no origin gets CORS access', async () => {
  const t = await createTestApp();
  try {
    const response = await t.app.inject({ url: '/healthz', headers: { origin: 'https://evil.example' } });
    assert.equal(response.headers['access-control-allow-origin'], undefined);
    assert.equal(response.headers['access-control-allow-credentials'], undefined);
    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/setup',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    assert.equal(preflight.headers['access-control-allow-origin'], undefined);
  } finally {
    await t.close();
  }
});

test('an allowlisted origin is echoed with credentials; others get nothing, never *', async () => {
  const t = await createTestApp({ env: { CORS_ORIGINS: 'https://studio.example,http://192.168.1.20:5173' } });
  try {
    const allowed = await t.app.inject({ url: '/healthz', headers: { origin: 'https://studio.example' } });
    assert.equal(allowed.headers['access-control-allow-origin'], 'https://studio.example');
    assert.equal(allowed.headers['access-control-allow-credentials'], 'true');
    assert.match(String(allowed.headers.vary), /origin/i);

    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/setup',
      headers: { origin: 'http://192.168.1.20:5173', 'access-control-request-method': 'POST' },
    });
    assert.equal(preflight.statusCode, 204);
    assert.equal(preflight.headers['access-control-allow-origin'], 'http://192.168.1.20:5173');

    for (const origin of ['https://evil.example', 'https://studio.example.evil.example', 'null']) {
      const denied = await t.app.inject({ url: '/healthz', headers: { origin } });
      assert.equal(denied.headers['access-control-allow-origin'], undefined, origin);
    }
  } finally {
    await t.close();
  }
});
