import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestApp } from '../../test/helpers/app.js';

test('/api/openapi.json is generated from the route schemas and lists every public route', async () => {
  const t = await createTestApp();
  try {
    const response = await t.app.inject({ url: '/api/openapi.json' });
    assert.equal(response.statusCode, 200);
    const spec = response.json();
    assert.equal(spec.openapi, '3.1.0');
    assert.equal(spec.info.title, 'Sakuga API');

    // Walk what Fastify actually registered and demand each non-hidden route in the spec.
    const routes = t.app.routeTable;
    const documented = new Set(
      Object.entries(spec.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
        Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
      ),
    );
    const publicRoutes = routes.filter((r) => !r.hidden && r.method !== 'HEAD');
    assert.ok(publicRoutes.length >= 4);
    for (const route of publicRoutes) {
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      assert.ok(documented.has(`${route.method} ${path}`), `${route.method} ${path} missing`);
    }

    const setup = spec.paths['/api/setup'].post;
    assert.deepEqual(setup.requestBody.content['application/json'].schema.required.sort(), ['password', 'token', 'username']);
    assert.equal(setup.requestBody.content['application/json'].schema.additionalProperties, false);
    assert.ok(setup.responses['403'] && setup.responses['410']);
  } finally {
    await t.close();
  }
});

