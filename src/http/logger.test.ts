import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestApp } from '../../test/helpers/app.js';

test('request logs are JSON lines with the request id, and carry no credentials or query strings', async () => {
  const t = await createTestApp();
  try {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/setup?token=query-secret-123',
      headers: { authorization: 'Bearer header-secret-456', cookie: 'session=cookie-secret-789', 'x-api-key': 'key-secret-000' },
      payload: { token: 'body-secret-abc', username: 'mika', password: 'password-secret-def' },
    });
    const requestId = response.headers['x-request-id'];
    const lines = t.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    const mine = lines.filter((line) => line.request_id === requestId);
    assert.ok(mine.length >= 2, 'incoming and completed lines carry the request id');
    assert.ok(mine.some((line) => (line.req as { url?: string } | undefined)?.url === '/api/setup'));
    const everything = t.logs.join('\n');
    for (const secret of ['query-secret-123', 'header-secret-456', 'cookie-secret-789', 'key-secret-000', 'body-secret-abc', 'password-secret-def']) {
      assert.ok(!everything.includes(secret), `logged ${secret}`);
    }
  } finally {
    await t.close();
  }
});
