import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { bearer, createUser, loginWithToken } from '../../test/helpers/auth.js';
import { PERMISSION_MATRIX, PUBLIC, type Permission } from './permissions.js';
import { ROLES } from './roles.js';

describe('every route × every role follows the permission matrix', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
    for (const role of ROLES) await createUser(t, `user-${role}`, role);
  });
  after(() => t.close());

  const protectedRoutes = () => t.app.routeTable.filter((route) => route.method !== 'HEAD' && route.permission !== PUBLIC && route.method !== 'OPTIONS');

  function send(route: { method: string; url: string }, headers: Record<string, string>) {
    const url = route.url.replace(/:[A-Za-z_]+/g, () => randomUUID());
    const hasBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
    return t.app.inject({ method: route.method as 'GET', url, headers, ...(hasBody && { payload: {} }) });
  }

  test('every registered route declares a known permission', () => {
    assert.ok(t.app.routeTable.length > 10);
    for (const route of t.app.routeTable) assert.ok(route.permission, `${route.method} ${route.url}`);
    assert.ok(protectedRoutes().length >= 6);
  });

  test('anonymous callers get 401 on every protected route', async () => {
    for (const route of protectedRoutes()) {
      const response = await send(route, {});
      assert.equal(response.statusCode, 401, `${route.method} ${route.url}`);
      assert.equal(response.json().error.code, 'unauthenticated');
    }
  });

  for (const role of ROLES) {
    test(`${role}: allowed routes pass authorisation, the others are 403 forbidden`, async () => {
      let denied = 0;
      for (const route of protectedRoutes()) {
        // A fresh session per request: some routes (logout) end the one they are called with.
        const { access_token } = await loginWithToken(t, `user-${role}`);
        const response = await send(route, bearer(access_token));
        const allowed = PERMISSION_MATRIX[role].has(route.permission as Permission);
        const where = `${role} ${route.method} ${route.url} → ${response.statusCode} ${response.body.slice(0, 120)}`;
        if (allowed) {
          assert.ok(response.statusCode !== 401 && response.statusCode !== 403, where);
        } else {
          denied += 1;
          assert.equal(response.statusCode, 403, where);
          assert.equal(response.json().error.code, 'forbidden', where);
        }
      }
      if (role !== 'admin') assert.ok(denied > 0, `${role} was denied nothing`);
    });
  }

  test('denials are audited with the role and the permission', () => {
    const dir = join(t.dataDir, 'audit');
    const events = readdirSync(dir)
      .flatMap((file) => readFileSync(join(dir, file), 'utf8').trim().split('\n'))
      .map((line) => JSON.parse(line))
      .filter((event) => event.action === 'access.denied');
    assert.ok(events.length >= 3);
    assert.ok(events.some((event) => event.details.role === 'viewer' && event.details.permission === 'users:manage'));
  });
});
