import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { test } from 'node:test';
import { openDatabase } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { openStorage } from '../open-storage.js';
import { Secret } from '../../config/secret.js';
import { keyStatus, retireKey, rewrapDataKeys, rotateKey } from './rotation.js';
import { createSecretSealers, resealSecrets, sealingKeys } from './sealed-secrets.js';
import { openStorageKeyring, readKeyFiles, StorageKeyError } from './storage-keys.js';

const serverKey = new Secret('q7Vd0aXk3mWcLr9TnB2yPzHs5uGfJe8C_-1oKi4wQxE');

test('rotation: a new active key, data keys re-wrapped in resumable batches without touching a blob, secrets re-sealed, then the old key retired', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sakuga-rotate-'));
  const handle = openDatabase({ kind: 'sqlite', file: join(dataDir, 'sakuga.db') });
  const now = () => new Date();
  const open = () => openStorage({ config: { backend: 'fs', encrypted: true }, dataDir, db: handle.db, now });
  const keyringNow = async () => (await openStorageKeyring({ db: handle.db, dataDir, encrypted: true, now }))!;
  const sealersNow = async () => createSecretSealers(sealingKeys({ dataDir, serverKey, activeKid: (await keyringNow()).activeKid }));
  try {
    await migrateToLatest(handle.db);
    const { blobs, objects } = await open();
    for (let i = 0; i < 1_203; i++) await blobs.put(`uploads/u${i}`, Readable.from([Buffer.from(`film ${i}`)]));
    const objectIds = async () => {
      const ids: string[] = [];
      for await (const { id } of objects.list()) ids.push(id);
      return ids.sort();
    };
    const before = await objectIds();
    // A TOTP secret and an API key's signing secret, sealed under the first storage key (as the services seal them).
    const sealedBefore = await sealersNow();
    const at = now().toISOString();
    await handle.db.insertInto('users').values({ id: 'u1', username: 'kaito', password_hash: 'x', role: 'operator', disabled_at: null, created_at: at, updated_at: at, totp_secret_sealed: sealedBefore.totp.seal('JBSWY3DPEHPK3PXP', 'totp:u1'), totp_pending_sealed: null, totp_enabled_at: at, totp_last_step: null, email: null, email_verified_at: null, display_name: null }).execute();
    await handle.db.insertInto('api_keys').values({ id: 'k1', user_id: 'u1', name: 'ci', secret_hash: 'h', scopes: '[]', allowed_cidrs: null, require_signature: 1, signing_secret_sealed: sealedBefore.apiKeySigning.seal('signing secret', 'api-key:k1'), created_by_key_id: null, created_at: at, expires_at: at, revoked_at: null, last_used_at: null, last_used_ip: null }).execute();
    const [first] = (await keyStatus(handle.db, sealedBefore)).keys;
    assert.deepEqual([first!.state, first!.blobs, first!.secrets], ['active', 1_203, 2]);

    const second = await rotateKey(handle.db, dataDir, now());
    assert.deepEqual((await keyStatus(handle.db, await sealersNow())).keys.map((key) => [key.kid, key.state]), [[first!.kid, 'decrypt'], [second, 'active']]);
    // The old key cannot be retired while it still wraps data keys.
    await assert.rejects(retireKey(handle.db, first!.kid, now(), await sealersNow()), StorageKeyError);

    // Stopped after the first batch: the rest is still readable under the old key, and the next run finishes.
    const stop = new AbortController();
    const seen: number[] = [];
    const partial = await rewrapDataKeys({ db: handle.db, keyring: await keyringNow(), signal: stop.signal, progress: (left) => (seen.push(left), stop.abort()) });
    assert.deepEqual([partial.rewrapped, partial.left], [500, 703]);
    const reading = (await open()).blobs;
    assert.equal((await buffer((await reading.read('uploads/u1202'))!.body)).toString(), 'film 1202');
    const done = await rewrapDataKeys({ db: handle.db, keyring: await keyringNow(), progress: (left) => seen.push(left) });
    assert.deepEqual([done.rewrapped, done.left], [703, 0]);
    assert.deepEqual(seen, [703, 203, 0], 'progress after each batch');
    assert.deepEqual(await objectIds(), before, 'no blob was rewritten');

    // Nor while it still seals secrets; once they are re-sealed, they open under the new key alone.
    await assert.rejects(retireKey(handle.db, first!.kid, now(), await sealersNow()), /2 secrets .* still sealed under/);
    const sealers = await sealersNow();
    assert.deepEqual(await resealSecrets(handle.db, sealers), { resealed: 2 });
    assert.deepEqual(await resealSecrets(handle.db, sealers), { resealed: 0 }, 'a second run has nothing to do');
    const onlyNew = createSecretSealers({ active: { kid: second, kek: readKeyFiles(join(dataDir, 'secrets', 'storage-keys')).get(second)! }, others: [] });
    const user = await handle.db.selectFrom('users').select('totp_secret_sealed').executeTakeFirstOrThrow();
    const key = await handle.db.selectFrom('api_keys').select('signing_secret_sealed').executeTakeFirstOrThrow();
    assert.equal(onlyNew.totp.open(user.totp_secret_sealed!, 'totp:u1'), 'JBSWY3DPEHPK3PXP');
    assert.equal(onlyNew.apiKeySigning.open(key.signing_secret_sealed!, 'api-key:k1'), 'signing secret');

    await retireKey(handle.db, first!.kid, now(), sealers);
    await assert.rejects(retireKey(handle.db, second, now(), sealers), /active key/);
    const after = (await open()).blobs;
    for (const i of [0, 600, 1_202]) assert.equal((await buffer((await after.read(`uploads/u${i}`))!.body)).toString(), `film ${i}`);
    assert.deepEqual((await keyStatus(handle.db, sealers)).keys.map((key) => [key.state, key.blobs, key.secrets]), [['retired', 0, 0], ['active', 1_203, 2]]);
  } finally {
    await handle.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
