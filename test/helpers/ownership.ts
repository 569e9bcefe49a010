import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import type { Role } from '../../src/access/roles.js';
import { createTestApp, type TestApp, type TestAppOptions } from './app.js';
import { bearer, createUser, loginWithToken } from './auth.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One kind of user-owned resource and the routes that reach one by id. */
export interface OwnedResource {
  readonly name: string;
  readonly app?: TestAppOptions;
  /** Role of both users (default operator). */
  readonly role?: Role;
  /** Creates one as its owner (given a fresh session token) and returns its id. */
  create(t: TestApp, ownerToken: string): Promise<string>;
  readonly routes: ReadonlyArray<{ readonly method: Method; readonly url: (id: string) => string; readonly payload?: object }>;
  /**
   * Scopes for the other user's API key. Null when no key may reach these
   * routes at all (session-only routes): then the key must get 403.
   */
  readonly keyScopes: readonly string[] | null;
  /** An id of the same shape that does not exist, to compare answers with. */
  readonly missingId?: () => string;
  /** Whether the owner still has it, untouched. */
  stillThere(t: TestApp, ownerToken: string, id: string): Promise<boolean>;
}

/**
 * "Cannot touch another user's X", for every route of a resource type: user B,
 * signed in and through B's own API key, gets exactly what a missing id gets
 * (404, same code), so B learns nothing about A's resource, and A's resource
 * is unchanged afterwards. Use it for each resource type as it is added.
 */
export function ownershipTest(resource: OwnedResource): void {
  test(`${resource.name}: another user gets 404 on every route (so does their API key, or 403 where keys never reach), the owner keeps it`, async () => {
    const t = await createTestApp(resource.app);
    try {
      const role = resource.role ?? 'operator';
      await createUser(t, 'owner-a', role);
      await createUser(t, 'other-b', role);
      const ownerToken = (await loginWithToken(t, 'owner-a')).access_token;
      const id = await resource.create(t, ownerToken);
      const missing = resource.missingId?.() ?? randomUUID();

      const otherKey = await keyFor(t, resource.keyScopes);
      for (const route of resource.routes) {
        const other = (await loginWithToken(t, 'other-b')).access_token;
        const send = (headers: Record<string, string>, target: string) =>
          t.app.inject({ method: route.method, url: route.url(target), headers, ...(route.payload && { payload: route.payload }) });
        const where = `${route.method} ${route.url(id)}`;

        const foreign = await send(bearer(other), id);
        const absent = await send(bearer(other), missing);
        assert.equal(foreign.statusCode, 404, `${where} by another user: ${foreign.body}`);
        assert.equal(foreign.json().error.code, absent.json().error.code, `${where}: a foreign id must look like a missing one`);

        if (otherKey) {
          const byKey = await send(bearer(otherKey), id);
          assert.equal(byKey.statusCode, resource.keyScopes === null ? 403 : 404, `${where} by another user's key: ${byKey.body}`);
        }
      }
      assert.ok(await resource.stillThere(t, ownerToken, id), `${resource.name} changed by someone else`);
    } finally {
      await t.close();
    }
  });
}

/** B's API key: with the given scopes, or (for session-only routes) a key with every scope B's role may hold. */
async function keyFor(t: TestApp, scopes: readonly string[] | null): Promise<string | undefined> {
  const token = (await loginWithToken(t, 'other-b')).access_token;
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/keys',
    headers: bearer(token),
    payload: { name: 'other user', scopes: scopes ?? ['read:job', 'submit:job', 'audit:read', 'keys:manage', 'notifications:manage'] },
  });
  assert.equal(response.statusCode, 201, response.body);
  return response.json().key;
}
