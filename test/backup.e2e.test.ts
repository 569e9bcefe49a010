import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { describe, test } from 'node:test';
import { backupKeys } from '../src/backup/keys.js';
import { RestoreError, restoreBackup } from '../src/backup/restore.js';
import { existingEncryptionKey } from '../src/config/generated-secrets.js';
import { loadConfig } from '../src/config/load.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { auditEvents } from './helpers/audit.js';
import { bearer, createUser, loginWithToken, TEST_PASSWORD } from './helpers/auth.js';
import { manualClock } from './helpers/clock.js';
import { databaseTargets, type TestDatabase } from './helpers/databases.js';
import { insertFinishedDub } from './helpers/dub-fixture.js';
import { insertTestFile } from './helpers/jobs.js';
import { totpCode } from './helpers/totp.js';

const ENV = { ENCRYPTION_AT_REST: 'on', ENABLE_HARD_DELETE: 'true', BACKUP_KEEP: '2' };

/** Every blob's key and the SHA-256 of its plaintext, read through the blob store. */
async function plaintextHashes(t: TestApp): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (const { key } of await t.services.db.selectFrom('blobs').select('key').execute()) {
    const blob = (await t.services.blobs.open(key))!;
    hashes.set(key, createHash('sha256').update(await buffer(await blob.read())).digest('hex'));
  }
  return hashes;
}

/** The server's variables for a data dir, its backups and its database (DATABASE_URL for PostgreSQL, the data dir's own file for SQLite). */
const envFor = (backupDir: string, database: TestDatabase): Record<string, string> => ({
  ...ENV,
  BACKUP_DIR: backupDir,
  ...(database.config.kind === 'postgres' && { DATABASE_URL: database.config.url.reveal() }),
});

for (const target of await databaseTargets()) {
  describe(`backups on ${target.dialect}`, { skip: target.skip }, () => {
    test('round trip: accounts with 2FA and keys, uploads, dubs, generations, encrypted blobs → backup → wipe → restore: every blob byte-identical, every account works, a file erased since stays erased', { timeout: 180_000 }, async () => {
      const root = mkdtempSync(join(tmpdir(), 'sakuga-backup-'));
      chmodSync(root, 0o711);
      const backupDir = join(root, 'backups');
      const first = await target.create();
      const second = await target.create();
      // One clock for both servers: a second factor's code is for one moment, and each is used once.
      const clock = manualClock(new Date());
      let t: TestApp | undefined = await createTestApp({ dataDir: join(root, 'data'), env: envFor(backupDir, first), now: clock.now });
      let restored: TestApp | undefined;
      try {
        // People: an admin, an editor with two-factor sign-in, a viewer's API key.
        await createUser(t, 'root', 'admin');
        const mika = (await createUser(t, 'mika', 'editor')).id;
        await createUser(t, 'ren', 'viewer');
        const mikaToken = (await loginWithToken(t, 'mika')).access_token;
        const { secret } = (await t.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: bearer(mikaToken) })).json();
        assert.equal((await t.app.inject({ method: 'POST', url: '/api/auth/totp/enable', headers: bearer(mikaToken), payload: { code: totpCode(secret, clock.now().getTime()) } })).statusCode, 200);
        const renToken = (await loginWithToken(t, 'ren')).access_token;
        const key = (await t.app.inject({ method: 'POST', url: '/api/keys', headers: bearer(renToken), payload: { name: 'tv', scopes: ['read:job'] } })).json().key as string;
        // Work: uploads, dubs with their outputs, a generation's picture.
        const video = await insertTestFile(t, mika, 'video', 'scene.mp4', Buffer.alloc(300_000, 3));
        const subtitles = await insertTestFile(t, mika, 'subtitles', 'scene.srt', '1\n00:00:01,000 --> 00:00:02,000\nOhayou\n');
        const kept = await insertFinishedDub(t, mika, { 'dubbed.mp4': Buffer.alloc(200_000, 5), 'subtitles.en.vtt': 'WEBVTT\n\nhello' });
        const doomed = await insertFinishedDub(t, mika, { 'dubbed.mp4': Buffer.alloc(150_000, 9), 'segments.json': '{"secret":"the doomed one"}' });
        const generation = await insertFinishedDub(t, mika, { 'output-1.png': Buffer.alloc(50_000, 1) });
        await t.services.db.updateTable('jobs').set({ type: 'generate', title: 'a generation' }).where('id', '=', generation).execute();
        const rows = await t.services.db.selectFrom('blobs').select(['key', 'kid']).execute();
        assert.ok(rows.length >= 7 && rows.every((row) => row.kid !== null), 'every blob is encrypted at rest');

        const backup = await t.services.backups.create();
        assert.equal(backup.copied.objects, backup.objects.length, 'the first backup copies every object');
        clock.advance(1_000);
        const incremental = await t.services.backups.create();
        assert.deepEqual(incremental.copied, { objects: 0, bytes: 0 }, 'nothing new: nothing copied again');

        // After the backup: one dub deleted for good (crypto-shredded), then the disaster.
        const before = await plaintextHashes(t);
        const doomedKeys = [...before.keys()].filter((name) => name.startsWith(`artifacts/${doomed}/`));
        assert.equal(doomedKeys.length, 2);
        const rootToken = (await loginWithToken(t, 'root')).access_token;
        assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/jobs/${doomed}/permanently`, headers: bearer(rootToken) })).statusCode, 200);
        await t.close();
        t = undefined;
        const secrets = join(root, 'kept-secrets');
        cpSync(join(root, 'data', 'secrets'), secrets, { recursive: true });
        rmSync(join(root, 'data'), { recursive: true, force: true });
        await first.drop();

        // A new machine: an empty data dir with the kept secrets, a new empty database.
        const dataDir = join(root, 'new-data');
        mkdirSync(dataDir, { mode: 0o700 });
        cpSync(secrets, join(dataDir, 'secrets'), { recursive: true });
        const config = loadConfig({ ...envFor(backupDir, second), SAKUGA_DATA_DIR: dataDir });
        const keys = backupKeys(existingEncryptionKey(config)!);
        const report = await restoreBackup({ config, keys, name: backup.name });
        assert.equal(report.erased, 2, 'the shredded dub is not restored');
        assert.equal(report.removed.jobs, 1);
        await assert.rejects(restoreBackup({ config, keys, name: backup.name }), RestoreError, 'never over a data dir that has a database');

        clock.advance(60_000);
        restored = await createTestApp({ dataDir, env: envFor(backupDir, second), now: clock.now });
        const after = await plaintextHashes(restored);
        for (const [name, hash] of before) {
          if (doomedKeys.includes(name)) assert.equal(after.has(name), false, `${name} stays erased`);
          else assert.equal(after.get(name), hash, `${name} is byte-identical`);
        }
        assert.equal(after.size, before.size - doomedKeys.length);

        // Every account works: a password with its second factor, a password, an API key.
        const login = (payload: object) => restored!.app.inject({ method: 'POST', url: '/api/auth/login', payload });
        assert.equal((await login({ username: 'mika', password: TEST_PASSWORD })).json().error?.code, 'totp_required', 'two-factor sign-in is still on');
        const mikaAgain = await login({ username: 'mika', password: TEST_PASSWORD, totp_code: totpCode(secret, clock.now().getTime()) });
        assert.equal(mikaAgain.statusCode, 200, mikaAgain.body);
        const served = await restored.app.inject({ url: `/api/jobs/${kept}/artifacts/dubbed.mp4`, headers: bearer(mikaAgain.json().access_token) });
        assert.ok(served.rawPayload.equals(Buffer.alloc(200_000, 5)), 'a dub is served whole');
        assert.equal((await restored.app.inject({ url: `/api/jobs/${doomed}`, headers: bearer(mikaAgain.json().access_token) })).statusCode, 404, 'the deleted dub is gone');
        assert.equal((await restored.app.inject({ url: `/api/uploads/${video}`, headers: bearer(mikaAgain.json().access_token) })).json().status, 'accepted');
        assert.ok((await restored.app.inject({ url: `/api/uploads/${subtitles}`, headers: bearer(mikaAgain.json().access_token) })).statusCode === 200);
        assert.equal((await login({ username: 'root', password: TEST_PASSWORD })).statusCode, 200);
        assert.equal((await restored.app.inject({ url: '/api/jobs', headers: bearer(key) })).statusCode, 200, 'the API key works');
        const ledger = await restored.services.db.selectFrom('shred_ledger').select('object_id').execute();
        assert.ok(ledger.length >= 2, 'the shred ledger holds the erasure');

        // The next backup leaves the erased copies out of the backup dir too, and verify says so.
        const next = await restored.services.backups.create();
        assert.deepEqual((await restored.services.backups.list()).map((entry) => entry.name), [incremental.name, next.name], 'BACKUP_KEEP=2: the oldest went');
        // The kept backup from before the deletion still restores, without the erased dub's copies.
        const verified = await restored.services.backups.verify(incremental.name, { full: true });
        assert.equal(verified.erased_since, 2);
        assert.equal(verified.ok, true, verified.problems.join('; '));
        assert.ok((await restored.services.backups.verify(next.name, { full: true })).ok);
      } finally {
        await t?.close().catch(() => undefined);
        await restored?.close().catch(() => undefined);
        await first.drop().catch(() => undefined);
        await second.drop();
        rmSync(root, { recursive: true, force: true });
      }
    });
  });
}

describe('what a backup refuses', () => {
  test('a changed file or manifest fails verify; a backup from a newer Sakuga or another key is not restored', { timeout: 60_000 }, async () => {
    const root = mkdtempSync(join(tmpdir(), 'sakuga-backup-'));
    chmodSync(root, 0o711);
    const backupDir = join(root, 'backups');
    const t = await createTestApp({ dataDir: join(root, 'data'), env: { ...ENV, BACKUP_DIR: backupDir } });
    try {
      const mika = (await createUser(t, 'mika', 'editor')).id;
      await insertFinishedDub(t, mika, { 'dubbed.mp4': Buffer.alloc(100_000, 2) });
      const manifest = await t.services.backups.create();
      assert.ok((await t.services.backups.verify(manifest.name, { full: true })).ok);

      // One byte of an object's copy changed: its hash and its tag say so.
      const object = manifest.objects[0]!;
      const path = join(backupDir, 'files', object.id.slice(0, 2), object.id);
      const bytes = readFileSync(path);
      bytes[200] = bytes[200]! ^ 1;
      writeFileSync(path, bytes);
      const damaged = await t.services.backups.verify(manifest.name, { full: true });
      assert.equal(damaged.ok, false);
      assert.match(damaged.problems.join(' '), new RegExp(`file ${object.id} does not decrypt`));

      // The manifest edited by hand: its MAC no longer verifies.
      const manifestPath = join(backupDir, 'snapshots', `${manifest.name}.json`);
      const text = readFileSync(manifestPath, 'utf8');
      writeFileSync(manifestPath, text.replace('"missing": 0', '"missing": 1').replace('"missing":0', '"missing":1'));
      assert.match((await t.services.backups.verify(manifest.name)).problems[0]!, /does not verify/);
      writeFileSync(manifestPath, text);

      // Newer than this code (a validly MACed manifest naming a migration it does not know): refused before anything is written.
      const keys = backupKeys(existingEncryptionKey(t.config)!);
      const parsed = JSON.parse(text) as { manifest: Record<string, unknown> };
      const newer = { ...parsed.manifest, schema: '9999-from-the-future', sakuga_version: '99.0.0' };
      writeFileSync(manifestPath, JSON.stringify({ manifest: newer, mac: keys.mac(JSON.stringify(newer)) }));
      const emptyDir = join(root, 'empty');
      mkdirSync(emptyDir, { mode: 0o700 });
      cpSync(join(root, 'data', 'secrets'), join(emptyDir, 'secrets'), { recursive: true });
      const config = loadConfig({ ...ENV, SAKUGA_DATA_DIR: emptyDir, BACKUP_DIR: backupDir });
      await assert.rejects(restoreBackup({ config, keys, name: manifest.name }), /made by a newer Sakuga \(99\.0\.0/);
      writeFileSync(manifestPath, text);
      // Another SAKUGA_ENCRYPTION_KEY: the backup is not even listed as good.
      const otherKeys = backupKeys({ reveal: () => 'another-key-entirely-0123456789abcdef' } as never);
      await assert.rejects(restoreBackup({ config, keys: otherKeys, name: manifest.name }), /another SAKUGA_ENCRYPTION_KEY/);
      // Nothing was written by the refused restores.
      assert.deepEqual(readdirSync(emptyDir), ['secrets']);
    } finally {
      await t.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('backups for admins over HTTP', () => {
  test('an admin starts one (in the background, one at a time), sees it with its verify, and verifies it again; nobody else may', { timeout: 60_000 }, async () => {
    const root = mkdtempSync(join(tmpdir(), 'sakuga-backup-'));
    chmodSync(root, 0o711);
    const t = await createTestApp({ dataDir: join(root, 'data'), env: { ...ENV, BACKUP_DIR: join(root, 'backups') } });
    try {
      const rootId = (await createUser(t, 'root', 'admin')).id;
      await createUser(t, 'mika', 'editor');
      const admin = bearer((await loginWithToken(t, 'root')).access_token);
      const editor = bearer((await loginWithToken(t, 'mika')).access_token);
      await insertFinishedDub(t, rootId, { 'dubbed.mp4': Buffer.alloc(10_000, 4) });
      assert.equal((await t.app.inject({ url: '/api/admin/backups', headers: editor })).statusCode, 403);
      assert.equal((await t.app.inject({ method: 'POST', url: '/api/admin/backups', headers: editor })).statusCode, 403);

      const started = await t.app.inject({ method: 'POST', url: '/api/admin/backups', headers: admin });
      assert.equal(started.statusCode, 202, started.body);
      const again = await t.app.inject({ method: 'POST', url: '/api/admin/backups', headers: admin });
      assert.equal(again.statusCode, 409, 'one at a time');
      assert.equal(again.json().error.code, 'backup_running');
      for (const deadline = Date.now() + 30_000; t.services.backupRuns.running(); ) {
        assert.ok(Date.now() < deadline, 'the backup did not finish');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const overview = (await t.app.inject({ url: '/api/admin/backups', headers: admin })).json();
      assert.equal(overview.backups.length, 1);
      const [backup] = overview.backups;
      assert.equal(backup.files, 1);
      assert.equal(backup.verify.ok, true, 'verified once made');
      assert.deepEqual(overview.runs.map((run: { kind: string; trigger: string; ok: boolean }) => [run.kind, run.trigger, run.ok]), [['verify', 'admin', true], ['create', 'admin', true]]);
      const verified = await t.app.inject({ method: 'POST', url: `/api/admin/backups/${backup.name}/verify`, headers: admin });
      assert.equal(verified.statusCode, 200);
      assert.equal(verified.json().ok, true);
      assert.equal((await t.app.inject({ method: 'POST', url: '/api/admin/backups/..%2Fsecrets/verify', headers: admin })).statusCode, 400);
      const audited = auditEvents(t).filter((event) => event.action.startsWith('backup.'));
      assert.deepEqual(audited.map((event) => [event.action, event.actor.type]), [['backup.created', 'user'], ['backup.verified', 'user'], ['backup.verified', 'user']]);
    } finally {
      await t.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
