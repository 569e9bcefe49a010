import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { resolveSecrets } from './generated-secrets.js';
import { loadConfig } from './load.js';

function freshDataDir(): string {
  return join(mkdtempSync(join(tmpdir(), 'sakuga-secrets-')), 'data');
}

test('missing secrets are generated once (0600 in a 0700 dir) and reused', () => {
  const dataDir = freshDataDir();
  const config = loadConfig({ SAKUGA_DATA_DIR: dataDir });
  const first = resolveSecrets(config);
  const second = resolveSecrets(config);
  assert.equal(first.secretKey.reveal(), second.secretKey.reveal());
  assert.notEqual(first.secretKey.reveal(), first.encryptionKey.reveal());
  assert.equal(Buffer.from(first.secretKey.reveal(), 'base64url').length, 32);
  assert.equal(statSync(join(dataDir, 'secrets')).mode & 0o777, 0o700);
  assert.equal(statSync(dataDir).mode & 0o777, 0o700);
  for (const file of ['secret-key', 'encryption-key']) {
    assert.equal(statSync(join(dataDir, 'secrets', file)).mode & 0o777, 0o600);
  }
  assert.equal(readFileSync(join(dataDir, 'secrets', 'secret-key'), 'utf8').trim(), first.secretKey.reveal());
});

test('a supplied secret wins and nothing is written for it', () => {
  const dataDir = freshDataDir();
  const key = 'Zx8Qw2Er4Ty6Ui8Op0As2Df4Gh6Jk8Lz0Xc2Vb4Nm6';
  const secrets = resolveSecrets(loadConfig({ SAKUGA_DATA_DIR: dataDir, SAKUGA_SECRET_KEY: key }));
  assert.equal(secrets.secretKey.reveal(), key);
  assert.throws(() => statSync(join(dataDir, 'secrets', 'secret-key')), { code: 'ENOENT' });
});

test('loosened permissions on a generated secret are tightened again', () => {
  const dataDir = freshDataDir();
  const config = loadConfig({ SAKUGA_DATA_DIR: dataDir });
  resolveSecrets(config);
  const file = join(dataDir, 'secrets', 'secret-key');
  chmodSync(file, 0o644);
  resolveSecrets(config);
  assert.equal(statSync(file).mode & 0o777, 0o600);
});
