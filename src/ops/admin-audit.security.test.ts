import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { auditEvents } from '../../test/helpers/audit.js';
import { bearer, createUser, loginWithToken } from '../../test/helpers/auth.js';

describe("GET /api/admin/audit: everyone's events, for admins only", () => {
  let t: TestApp;
  let admin: string;
  let viewer: string;
  let viewerId: string;
  before(async () => {
    t = await createTestApp();
    await createUser(t, 'boss', 'admin');
    viewerId = (await createUser(t, 'mika', 'viewer')).id;
    admin = (await loginWithToken(t, 'boss')).access_token;
    viewer = (await loginWithToken(t, 'mika')).access_token;
  });
  after(() => t.close());

  const query = (search: string, token = admin) => t.app.inject({ url: `/api/admin/audit${search}`, headers: bearer(token) });

  test('a non-admin gets 403 and the denial is audited', async () => {
    const response = await query('', viewer);
    assert.equal(response.statusCode, 403);
    assert.equal(response.json().error.code, 'forbidden');
    const denial = auditEvents(t).find((event) => event.action === 'access.denied' && event.target === 'GET /api/admin/audit');
    assert.equal(denial?.actor.id, viewerId);
    assert.equal(denial?.result, 'denied');
  });

  test("an admin sees other users' events with who caused them, filtered", async () => {
    const all = (await query('')).json();
    assert.ok(all.events.some((event: { action: string; actor: { id?: string } }) => event.action === 'auth.login' && event.actor.id === viewerId));
    const mine = (await query(`?actor=${viewerId}&action=auth&result=success`)).json();
    assert.ok(mine.events.length >= 1);
    for (const event of mine.events) {
      assert.equal(event.actor.id, viewerId);
      assert.match(event.action, /^auth\./);
      assert.equal(event.result, 'success');
    }
    const future = (await query(`?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).json();
    assert.deepEqual(future.events, []);
  });

  test('paging: limit and next_cursor', async () => {
    const first = (await query('?limit=1')).json();
    assert.equal(first.events.length, 1);
    assert.match(first.next_cursor, /^\d{4}-\d{2}-\d{2}\.\d+$/);
    const second = (await query(`?limit=1&cursor=${first.next_cursor}`)).json();
    assert.equal(second.events.length, 1);
    assert.notDeepEqual(second.events[0], first.events[0]);
  });

  test('malformed filters are refused by the schema', async () => {
    for (const search of ['?cursor=../../etc', '?result=maybe', '?from=yesterday', '?action=User%20Create', '?limit=1000', '?extra=1']) {
      const response = await query(search);
      assert.equal(response.statusCode, 400, search);
      assert.equal(response.json().error.code, 'validation_failed', search);
    }
  });
});
