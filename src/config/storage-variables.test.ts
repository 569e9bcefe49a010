import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inspect } from 'node:util';
import { ConfigError, loadConfig } from './load.js';

const names = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((problem) => problem.split(':')[0]!).sort();
    throw error;
  }
  return [];
};

test('storage: local disk, unencrypted by default; S3 needs its bucket and credentials; S3 settings alone are a mistake', () => {
  assert.deepEqual({ ...loadConfig({}).storage }, { encrypted: false, backend: 'fs' });
  assert.deepEqual(names({ STORAGE: 's3' }), ['S3_ACCESS_KEY_ID', 'S3_BUCKET', 'S3_SECRET_ACCESS_KEY']);
  assert.deepEqual(names({ S3_BUCKET: 'sakuga' }), ['S3_BUCKET']);
  assert.deepEqual(names({ STORAGE: 'gcs' }), ['STORAGE']);
  assert.deepEqual(names({ STORAGE: 's3', S3_BUCKET: 'No_Such', S3_ACCESS_KEY_ID: 'a', S3_SECRET_ACCESS_KEY: 'b', S3_PREFIX: '../x' }), ['S3_BUCKET', 'S3_PREFIX']);
  assert.deepEqual(names({ ENCRYPTION_AT_REST: 'maybe' }), ['ENCRYPTION_AT_REST']);
});

test('S3 credentials are secrets: never printed with the config', () => {
  const config = loadConfig({ STORAGE: 's3', S3_BUCKET: 'sakuga', S3_ENDPOINT: 'http://127.0.0.1:9000', S3_ACCESS_KEY_ID: 'AKIA-canary-id', S3_SECRET_ACCESS_KEY: 'canary-secret-key', ENCRYPTION_AT_REST: 'on' });
  assert.equal(config.storage.encrypted, true);
  assert.ok(config.storage.backend === 's3');
  assert.equal(config.storage.s3.accessKeyId.reveal(), 'AKIA-canary-id');
  assert.deepEqual([config.storage.s3.bucket, config.storage.s3.endpoint, config.storage.s3.forcePathStyle], ['sakuga', 'http://127.0.0.1:9000', true]);
  for (const shown of [inspect(config, { depth: 10 }), JSON.stringify(config)]) assert.doesNotMatch(shown, /canary/);
});
