import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestApp } from '../../test/helpers/app.js';
import { AppError } from './app-error.js';
import { httpErrors } from './errors.js';

const LEAKY_MESSAGE =
  "SQLITE_ERROR: no such column: password_hash in \"SELECT password_hash FROM users WHERE username = 'mika'\" at /srv/sakuga/data/sakuga.db";

test('a raw error reaches the client as a bare 500: no message, stack, SQL or path', async () => {
  const t = await createTestApp({
    extend: (app) => {
      app.get('/boom', { config: { permission: 'public' } }, async () => {
        throw new Error(LEAKY_MESSAGE);
      });
      app.get('/boom-with-status', { config: { permission: 'public' } }, async () => {
        throw Object.assign(new Error(LEAKY_MESSAGE), { statusCode: 502, code: 'ECONNREFUSED' });
      });
    },
  });
  try {
    for (const url of ['/boom', '/boom-with-status']) {
      const response = await t.app.inject({ url });
      assert.equal(response.statusCode, 500, url);
      const body = response.json();
      assert.deepEqual(Object.keys(body.error).sort(), ['code', 'message', 'request_id']);
      assert.equal(body.error.code, 'internal_error');
      for (const leak of ['SELECT', 'SQLITE', '/srv/sakuga', 'password_hash', 'at ', '.ts:', 'ECONNREFUSED']) {
        assert.ok(!response.body.includes(leak), `${url} leaked "${leak}": ${response.body}`);
      }
    }
    // The operator still gets the detail, tied to the request id, in the server log.
    const logged = t.logs.filter((line) => line.includes('request failed'));
    assert.equal(logged.length, 2);
    assert.ok(logged[0]!.includes('no such column'));
    assert.ok(logged[0]!.includes('"request_id"'));
  } finally {
    await t.close();
  }
});

test('an AppError keeps its catalogued status, code and message', async () => {
  const t = await createTestApp({
    extend: (app) => {
      app.get('/not-ready', { config: { permission: 'public' } }, async () => {
        throw new AppError(httpErrors.not_ready, 'Not ready: database unavailable.');
      });
    },
  });
  try {
    const response = await t.app.inject({ url: '/not-ready' });
    assert.equal(response.statusCode, 503);
    assert.equal(response.json().error.code, 'not_ready');
    assert.equal(response.json().error.message, 'Not ready: database unavailable.');
  } finally {
    await t.close();
  }
});
