import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createTestApp } from '../../test/helpers/app.js';
import { bearer, createUser } from '../../test/helpers/auth.js';

test('no secret used in a session of sign-ins reaches the logs or the audit files', async () => {
  // trace: the most verbose level, so nothing is hidden merely by the log level.
  const t = await createTestApp({ env: { LOG_LEVEL: 'trace' } });
  try {
    const password = 'lanterns drift over the night festival';
    const wrongPassword = 'lanterns drift over the day festival';
    await createUser(t, 'mika', 'admin', password);
    const secrets: string[] = [password, wrongPassword];

    const setupState = await t.services.setup.prepare();
    if (setupState.required) secrets.push(setupState.token);

    const login = (await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'mika', password, device_name: 'phone' } })).json();
    secrets.push(login.access_token, login.refresh_token);

    const failed = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'mika', password: wrongPassword, totp_code: '123456' } });
    assert.equal(failed.statusCode, 401);
    secrets.push('123456');

    const refreshed = (await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refresh_token: login.refresh_token } })).json();
    secrets.push(refreshed.access_token, refreshed.refresh_token);
    // Reuse, a bad bearer token and a query-string token: the paths that log rejections.
    await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refresh_token: login.refresh_token } });
    await t.app.inject({ url: `/api/auth/me?access_token=${refreshed.access_token}`, headers: bearer(`sat_${'x'.repeat(43)}`) });
    secrets.push(`sat_${'x'.repeat(43)}`);

    const cookieLogin = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'mika', password, mode: 'cookie' } });
    const cookies = Object.fromEntries(cookieLogin.cookies.map((c) => [c.name, c.value]));
    secrets.push(cookies.sakuga_session!, cookies.sakuga_csrf!);
    const cookieHeader = `sakuga_session=${cookies.sakuga_session}; sakuga_csrf=${cookies.sakuga_csrf}`;
    await t.app.inject({ url: '/api/admin/users', headers: { cookie: cookieHeader } });
    await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: cookieHeader, 'x-csrf-token': 'wrong-token' } });
    await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: cookieHeader, 'x-csrf-token': cookies.sakuga_csrf! } });

    const logs = t.logs.join('\n');
    const auditDir = join(t.dataDir, 'audit');
    const audit = readdirSync(auditDir).map((file) => readFileSync(join(auditDir, file), 'utf8')).join('\n');
    assert.ok(logs.length > 1000 && audit.includes('auth.refresh_reuse'), 'the run produced logs and audit events');
    for (const secret of secrets) {
      // The random part alone, so a log that dropped the prefix would still be caught.
      const needle = secret.replace(/^s(at|rt|sc)_/, '');
      assert.ok(!logs.includes(needle), `log contains a secret (${secret.slice(0, 6)}…)`);
      assert.ok(!audit.includes(needle), `audit contains a secret (${secret.slice(0, 6)}…)`);
    }
  } finally {
    await t.close();
  }
});
