import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { test } from 'node:test';
import { createTestApp } from '../../test/helpers/app.js';

test('/readyz is 200 while the database answers and the data dir takes writes', async () => {
  const t = await createTestApp();
  try {
    const response = await t.app.inject({ url: '/readyz' });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { status: 'ready', checks: { database: true, data_dir: true, storage: true } });
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

test('/readyz is 503 not_ready naming the storage when S3 does not answer', async () => {
  const t = await createTestApp({ env: { STORAGE: 's3', S3_BUCKET: 'sakuga', S3_ENDPOINT: 'http://127.0.0.1:9', S3_ACCESS_KEY_ID: 'id', S3_SECRET_ACCESS_KEY: 'secret' } });
  try {
    const response = await t.app.inject({ url: '/readyz' });
    assert.equal(response.statusCode, 503);
    assert.match(response.json().error.message, /storage/);
    assert.doesNotMatch(response.json().error.message, /database|data_dir/);
  } finally {
    await t.close();
  }
});
