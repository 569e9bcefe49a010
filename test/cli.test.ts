import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, test } from 'node:test';
import { loadConfig } from '../src/config/load.js';
import { resolveSecrets } from '../src/config/generated-secrets.js';
import { openDatabase } from '../src/db/database.js';
import { createSecretSealers, sealingKeys } from '../src/storage/keys/sealed-secrets.js';
import { openStorage } from '../src/storage/open-storage.js';
import { runCli, startServer } from './helpers/process.js';

const PASSWORD = 'a long passphrase for scripted installs';

/** A data dir to be, in a directory job processes may pass through (mkdtemp makes it 0700), as a real install's parent is. */
function freshDataDir(): string {
  const parent = mkdtempSync(join(tmpdir(), 'sakuga-cli-'));
  chmodSync(parent, 0o711);
  return join(parent, 'data');
}

describe('configuration errors stop the process with exit code 2', () => {
  test('every bad variable is named at once', async () => {
    const result = await runCli(['serve'], { SAKUGA_DATA_DIR: freshDataDir(), PORT: 'http', CORS_ORIGINS: '*', DATABASE_URL: 'mysql://db' });
    assert.equal(result.code, 2);
    for (const name of ['PORT', 'CORS_ORIGINS', 'DATABASE_URL']) assert.match(result.stderr, new RegExp(`- ${name}: `));
  });

  test('an unreadable *_FILE is named', async () => {
    const result = await runCli(['doctor'], { DATABASE_URL_FILE: '/nonexistent/db-url' });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /DATABASE_URL_FILE: cannot read the file it names \(ENOENT\)/);
  });

  test('a malformed DATABASE_URL is named without its password', async () => {
    const result = await runCli(['serve'], { DATABASE_URL: 'postgres://sakuga:pa55word-x@' });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /DATABASE_URL: /);
    assert.doesNotMatch(result.stderr, /pa55word/);
  });
});

test('an unreachable database stops the start with exit 1, naming it without the password', async () => {
  const result = await runCli(['serve'], { SAKUGA_DATA_DIR: freshDataDir(), DATABASE_URL: 'postgres://sakuga:pa55word-y@127.0.0.1:1/sakuga' });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /cannot reach PostgreSQL \(DATABASE_URL\): connect ECONNREFUSED/);
  assert.doesNotMatch(result.stderr + result.stdout, /pa55word/);
});

describe('user create', () => {
  test('creates an admin from a piped password, retires the setup token, and is audited', async () => {
    const dataDir = freshDataDir();
    const env = { SAKUGA_DATA_DIR: dataDir };
    // A server run first leaves a pending setup token behind.
    const server = await startServer(env);
    server.child.kill('SIGTERM');
    assert.equal(await server.exited, 0);
    assert.ok(existsSync(join(dataDir, 'setup-token')));

    const created = await runCli(['user', 'create', '--username', 'Mika', '--role', 'admin', '--password-stdin'], env, `${PASSWORD}\n`);
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /Created user mika \(admin\)/);
    assert.ok(!existsSync(join(dataDir, 'setup-token')), 'setup token retired');

    const again = await runCli(['user', 'create', '--username', 'mika', '--role', 'viewer', '--password-stdin'], env, PASSWORD);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /username_taken/);

    const audit = readdirSync(join(dataDir, 'audit')).map((f) => readFileSync(join(dataDir, 'audit', f), 'utf8')).join('');
    assert.match(audit, /"action":"user.create"/);
    assert.ok(!audit.includes(PASSWORD));

    // With a user present the server no longer offers setup.
    const restarted = await startServer(env);
    try {
      const status = await fetch(`http://127.0.0.1:${restarted.port}/api/setup`);
      assert.deepEqual(await status.json(), { required: false });
      assert.doesNotMatch(restarted.output(), /Create the first admin/);
    } finally {
      restarted.child.kill('SIGTERM');
      await restarted.exited;
    }
  });

  test('refuses a password on the command line, a weak password and an unknown role', async () => {
    const env = { SAKUGA_DATA_DIR: freshDataDir() };
    const noStdin = await runCli(['user', 'create', '--username', 'mika', '--role', 'admin'], env);
    assert.equal(noStdin.code, 2);
    assert.match(noStdin.stderr, /--password-stdin/);

    const weak = await runCli(['user', 'create', '--username', 'mika', '--role', 'admin', '--password-stdin'], env, 'short');
    assert.equal(weak.code, 1);
    assert.match(weak.stderr, /password_too_short/);

    const role = await runCli(['user', 'create', '--username', 'mika', '--role', 'root', '--password-stdin'], env, PASSWORD);
    assert.equal(role.code, 2);
    assert.match(role.stderr, /--role must be one of/);
  });
});

describe('doctor', () => {
  test('a fresh install warns about what the first start creates, then reports ok', async () => {
    const dataDir = freshDataDir();
    const env = { SAKUGA_DATA_DIR: dataDir };
    const before = await runCli(['doctor'], env);
    assert.equal(before.code, 0, before.stdout);
    assert.match(before.stdout, /warn +data dir +.* does not exist yet/);
    assert.ok(!existsSync(dataDir), 'doctor changes nothing');

    const server = await startServer(env);
    server.child.kill('SIGTERM');
    await server.exited;

    const after = await runCli(['doctor'], env);
    assert.equal(after.code, 0, after.stdout);
    assert.match(after.stdout, /ok +data dir/);
    assert.match(after.stdout, /ok +secret secret-key/);
    assert.match(after.stdout, /ok +database +SQLite .*schema up to date/);
    assert.match(after.stdout, /ok +ffmpeg +\/.*ffmpeg \((bundled static build|from PATH)\): ffmpeg version/);
    assert.match(after.stdout, /ok +ffprobe +\/.*ffprobe \((bundled static build|from PATH)\): ffprobe version/);
    // bwrap is installed in CI; on a developer's machine it may be absent, which is only a warning.
    assert.match(after.stdout, /ok +job access +/);
    assert.match(after.stdout, process.env.CI === 'true' ? /ok +job sandbox +\/.*bwrap \(from PATH\): bubblewrap / : /(ok|warn) +job sandbox +/);
  });

  test('as root, a data dir the job uid cannot reach fails, naming the directory in the way and how to open it', async (t) => {
    if (process.getuid?.() !== 0) return t.skip('jobs run as another uid only under root');
    const closed = mkdtempSync(join(tmpdir(), 'sakuga-cli-'));
    const result = await runCli(['doctor'], { SAKUGA_DATA_DIR: join(closed, 'data') });
    assert.equal(result.code, 1);
    assert.match(result.stdout, new RegExp(`fail +job access +job processes run as uid 65534 and cannot reach .*, because ${closed} is closed to them: make ${closed} traversable \\(chmod o\\+x\\), set SAKUGA_DATA_DIR to a directory outside it, or run Sakuga as an ordinary user`));
  });

  test('a configured BWRAP_PATH that is not a binary fails the sandbox check', async () => {
    const result = await runCli(['doctor'], { SAKUGA_DATA_DIR: freshDataDir(), BWRAP_PATH: '/nonexistent/bwrap' });
    assert.equal(result.code, 1);
    assert.match(result.stdout, /fail +job sandbox +the configured bwrap path \/nonexistent\/bwrap is not an executable file/);
  });

  test('a configured FFMPEG_PATH that is not a binary fails the check', async () => {
    const result = await runCli(['doctor'], { SAKUGA_DATA_DIR: freshDataDir(), FFMPEG_PATH: '/nonexistent/ffmpeg' });
    assert.equal(result.code, 1);
    assert.match(result.stdout, /fail +ffmpeg +FFMPEG_PATH is not an executable file/);
  });

  test('loose permissions and a corrupted secret are failures (exit 1)', async () => {
    const dataDir = freshDataDir();
    const env = { SAKUGA_DATA_DIR: dataDir };
    const server = await startServer(env);
    server.child.kill('SIGTERM');
    await server.exited;

    chmodSync(dataDir, 0o755);
    writeFileSync(join(dataDir, 'secrets', 'encryption-key'), 'changeme\n');
    const result = await runCli(['doctor'], env);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /fail +data dir +.*mode 755/);
    assert.match(result.stdout, /fail +secret encryption-key +.*at least 32 characters/);
    assert.doesNotMatch(result.stdout, /changeme/);
  });
});

describe('keys and the fail-safe start', () => {
  test('status, rotate and retire; with the active key gone, serve refuses to start and says why', async () => {
    const dataDir = freshDataDir();
    const env = { SAKUGA_DATA_DIR: dataDir, ENCRYPTION_AT_REST: 'on' };
    const first = await runCli(['keys', 'status'], env);
    assert.equal(first.code, 0, first.stderr);
    const [, oldKid] = /\n {2}([0-9a-f]{16}) {2}active/.exec(first.stdout) ?? [];
    assert.ok(oldKid, first.stdout);
    // A person with 2FA: their TOTP secret sealed under the active storage key, as the server seals it.
    const sealers = createSecretSealers(sealingKeys({ dataDir, serverKey: resolveSecrets(loadConfig(env)).encryptionKey, activeKid: oldKid }));
    const database = openDatabase({ kind: 'sqlite', file: join(dataDir, 'sakuga.db') });
    const at = new Date().toISOString();
    await database.db.insertInto('users').values({ id: 'u1', username: 'kaito', password_hash: 'x', role: 'operator', disabled_at: null, created_at: at, updated_at: at, totp_secret_sealed: sealers.totp.seal('JBSWY3DPEHPK3PXP', 'totp:u1'), totp_pending_sealed: null, totp_enabled_at: at, totp_last_step: null, email: null, email_verified_at: null, display_name: null }).execute();
    await database.close();
    assert.equal((await runCli(['keys', 'retire', '--kid', oldKid], env)).code, 1, 'the active key is never retired');

    const rotated = await runCli(['keys', 'rotate'], env);
    assert.equal(rotated.code, 0, rotated.stderr);
    assert.match(rotated.stdout, /New active key [0-9a-f]{16}/);
    assert.match(rotated.stdout, /re-sealed 1 secrets/, 'the TOTP secret moved to the new key');
    assert.match(rotated.stdout, new RegExp(`${oldKid} {2}decrypt .* 0 secrets`));
    assert.match(rotated.stdout, /active .* 1 secrets/);
    const retired = await runCli(['keys', 'retire', '--kid', oldKid], env);
    assert.equal(retired.code, 0, retired.stderr);
    assert.match(retired.stdout, new RegExp(`${oldKid} {2}retired`));
    assert.equal((await runCli(['keys', 'retire'], env)).code, 2, '--kid is required');

    const keysDir = join(dataDir, 'secrets', 'storage-keys');
    const [, newKid] = /New active key ([0-9a-f]{16})/.exec(rotated.stdout)!;
    const keyFile = join(keysDir, newKid!);
    const saved = readFileSync(keyFile);
    rmSync(keyFile);
    const refused = await runCli(['serve'], { ...env, PORT: '0' });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, new RegExp(`the active storage key ${newKid} is not in secrets/storage-keys`));
    assert.match(refused.stderr, /will not write blobs unencrypted/);
    writeFileSync(keyFile, saved, { mode: 0o600 });
    assert.equal((await runCli(['keys', 'status'], env)).code, 0);
    assert.equal((await runCli(['keys', 'status'], { SAKUGA_DATA_DIR: dataDir })).code, 0, 'status works with encryption off too');
    assert.ok(existsSync(keyFile));
  });

  test('turning encryption off is an explicit command: decrypt --yes rewrites every blob in plaintext and re-seals the secrets, then the server runs with it off', async () => {
    const dataDir = freshDataDir();
    const env = { SAKUGA_DATA_DIR: dataDir, ENCRYPTION_AT_REST: 'on' };
    const [, kid] = /\n {2}([0-9a-f]{16}) {2}active/.exec((await runCli(['keys', 'status'], env)).stdout) ?? [];
    const database = openDatabase({ kind: 'sqlite', file: join(dataDir, 'sakuga.db') });
    try {
      const sealed = await openStorage({ config: { backend: 'fs', encrypted: true }, dataDir, db: database.db, now: () => new Date() });
      for (const i of [1, 2, 3]) await sealed.blobs.put(`artifacts/${'a'.repeat(32)}/file-${i}.txt`, Readable.from([Buffer.from(`film ${i}`)]));
      const sealers = createSecretSealers(sealingKeys({ dataDir, serverKey: resolveSecrets(loadConfig(env)).encryptionKey, activeKid: kid! }));
      const at = new Date().toISOString();
      await database.db.insertInto('users').values({ id: 'u1', username: 'kaito', password_hash: 'x', role: 'operator', disabled_at: null, created_at: at, updated_at: at, totp_secret_sealed: sealers.totp.seal('JBSWY3DPEHPK3PXP', 'totp:u1'), totp_pending_sealed: null, totp_enabled_at: at, totp_last_step: null, email: null, email_verified_at: null, display_name: null }).execute();

      assert.equal((await runCli(['keys', 'status'], { SAKUGA_DATA_DIR: dataDir })).code, 1, 'with blobs encrypted, encryption cannot just be switched off');
      const unconfirmed = await runCli(['keys', 'decrypt'], env);
      assert.equal(unconfirmed.code, 2);
      assert.match(unconfirmed.stderr, /plaintext .* --yes/);
      const decrypted = await runCli(['keys', 'decrypt', '--yes'], env);
      assert.equal(decrypted.code, 0, decrypted.stderr);
      assert.match(decrypted.stdout, /Decrypted 3 blobs and re-sealed 1 secrets under SAKUGA_ENCRYPTION_KEY/);

      const off = await runCli(['keys', 'status'], { SAKUGA_DATA_DIR: dataDir });
      assert.equal(off.code, 0, off.stderr);
      assert.match(off.stdout, /off; 3 blobs in plaintext; 1 secrets under SAKUGA_ENCRYPTION_KEY/);
      const plain = await openStorage({ config: { backend: 'fs', encrypted: false }, dataDir, db: database.db, now: () => new Date() });
      for (const i of [1, 2, 3]) assert.equal((await buffer((await plain.blobs.read(`artifacts/${'a'.repeat(32)}/file-${i}.txt`))!.body)).toString(), `film ${i}`);
      const row = await database.db.selectFrom('users').select('totp_secret_sealed').executeTakeFirstOrThrow();
      const serverOnly = createSecretSealers({ active: { kid: 'server', kek: resolveSecrets(loadConfig(env)).encryptionKey.reveal() }, others: [] });
      assert.equal(serverOnly.totp.open(row.totp_secret_sealed!, 'totp:u1'), 'JBSWY3DPEHPK3PXP', 'the secret opens without the storage keys');
    } finally {
      await database.close();
    }
  });
});
