import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestApp } from '../../test/helpers/app.js';
import { bearer, createUser, loginWithToken } from '../../test/helpers/auth.js';
import { insertFinishedDub } from '../../test/helpers/dub-fixture.js';
import { retireKey, rewrapDataKeys, rotateKey } from './keys/rotation.js';
import { openStorageKeyring } from './keys/storage-keys.js';

test('GET /api/admin/storage: admins see the backend, encryption with its keys, and usage per user; nobody else; no credential in it', async () => {
  const t = await createTestApp({ env: { ENCRYPTION_AT_REST: 'on' } });
  try {
    const aki = (await createUser(t, 'aki', 'operator')).id;
    await createUser(t, 'root', 'admin');
    const job = await insertFinishedDub(t, aki, { 'dubbed.mp4': Buffer.alloc(5_000, 1), 'segments.json': '{}' });
    const admin = (await loginWithToken(t, 'root')).access_token;
    const operator = (await loginWithToken(t, 'aki')).access_token;
    assert.equal((await t.app.inject({ url: '/api/admin/storage', headers: bearer(operator) })).statusCode, 403);
    assert.equal((await t.app.inject({ url: '/api/admin/storage' })).statusCode, 401);
    const reply = await t.app.inject({ url: '/api/admin/storage', headers: bearer(admin) });
    assert.equal(reply.statusCode, 200, reply.body);
    assert.equal(reply.headers['cache-control'], 'private, no-store');
    const status = reply.json();
    assert.equal(status.backend, 'fs');
    assert.equal(status.encryption.enabled, true);
    assert.deepEqual(status.encryption.keys.map((key: { state: string; blobs: number }) => [key.state, key.blobs]), [['active', 2]]);
    assert.deepEqual([status.encryption.plaintext_blobs, status.encryption.rewrap_left], [0, 0]);
    assert.deepEqual(status.totals, { blobs: 2, bytes: 5_002 });
    assert.deepEqual(status.users[0], { user_id: aki, username: 'aki', artifact_bytes: 5_002, upload_bytes: 1_000 }, "the dub fixture's source upload row declares 1,000 bytes");
    assert.deepEqual(status.shredded, { objects: 0, encrypted: 0, in_older_backups: 0, keys: [] });

    // Deleted for good: erased now, yet openable from an older database backup until its key is rotated out and retired.
    const [{ kid }] = status.encryption.keys;
    await t.services.artifacts.shredJob(job, 'project_deleted');
    const after = (await t.app.inject({ url: '/api/admin/storage', headers: bearer(admin) })).json();
    assert.deepEqual(after.shredded, { objects: 2, encrypted: 2, in_older_backups: 2, keys: [kid] });
    const newKid = await rotateKey(t.services.db, t.dataDir, new Date());
    await rewrapDataKeys({ db: t.services.db, keyring: (await openStorageKeyring({ db: t.services.db, dataDir: t.dataDir, encrypted: true, now: () => new Date() }))! });
    await retireKey(t.services.db, kid, new Date(), await t.services.sealers.current());
    const retired = (await t.app.inject({ url: '/api/admin/storage', headers: bearer(admin) })).json();
    assert.deepEqual(retired.shredded, { objects: 2, encrypted: 2, in_older_backups: 0, keys: [] }, `with ${kid} retired (now ${newKid}), no backup opens them`);
  } finally {
    await t.close();
  }
});

test('on S3 the page names the bucket, never the credentials', async () => {
  const t = await createTestApp({ env: { STORAGE: 's3', S3_BUCKET: 'studio-media', S3_PREFIX: 'sakuga/', S3_ENDPOINT: 'http://127.0.0.1:9', S3_ACCESS_KEY_ID: 'AKIA-canary', S3_SECRET_ACCESS_KEY: 'secret-canary' } });
  try {
    await createUser(t, 'root', 'admin');
    const reply = await t.app.inject({ url: '/api/admin/storage', headers: bearer((await loginWithToken(t, 'root')).access_token) });
    assert.equal(reply.json().location, 's3://studio-media/sakuga/');
    assert.doesNotMatch(reply.body, /canary/);
  } finally {
    await t.close();
  }
});
