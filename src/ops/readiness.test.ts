import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { test } from 'node:test';
import { createTestApp } from '../../test/helpers/app.js';

test('/readyz is 200 while the database answers and the data dir takes writes', async () => {
  const t = await createTestApp();
  try {
    const response = await t.app.inject({ url: '/readyz' });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { status: 'ready', checks: { database: true, data_dir: true } });
  } finally {
    await t.close();
  }
});

test('/readyz is 503 not_ready naming the data dir when it is gone', async () => {
  const t = await createTestApp({ database: { kind: 'sqlite', file: ':memory:' } });
  try {
    rmSync(t.dataDir, { recursive: true, force: true });
    const response = await t.app.inject({ url: '/readyz' });
    assert.equal(response.statusCode, 503);
    assert.equal(response.json().error.code, 'not_ready');
    assert.match(response.json().error.message, /data_dir/);
    assert.doesNotMatch(response.json().error.message, /database/);
    // Liveness is unaffected: the process still answers.
    assert.equal((await t.app.inject({ url: '/healthz' })).statusCode, 200);
  } finally {
    await t.close();
  }
});

test('/readyz is 503 not_ready naming the database when it stops answering', async () => {
  const t = await createTestApp();
  try {
    await t.database.close();
    const response = await t.app.inject({ url: '/readyz' });
    assert.equal(response.statusCode, 503);
    assert.match(response.json().error.message, /database/);
  } finally {
    await t.app.close();
  }
});
