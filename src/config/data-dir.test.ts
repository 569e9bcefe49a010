import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ensurePrivateDir } from './data-dir.js';

const modeOf = (path: string) => statSync(path).mode & 0o777;

test('private dirs lose every access of others; the data dir keeps search only (job processes pass through it)', () => {
  const top = mkdtempSync(join(tmpdir(), 'sakuga-private-'));
  try {
    const dir = join(top, 'd');
    mkdirSync(dir);
    chmodSync(dir, 0o755);
    ensurePrivateDir(dir);
    assert.equal(modeOf(dir), 0o700);
    chmodSync(dir, 0o711);
    ensurePrivateDir(dir);
    assert.equal(modeOf(dir), 0o700, 'search permission is taken from an ordinary private dir');

    chmodSync(dir, 0o711);
    ensurePrivateDir(dir, { searchable: true });
    assert.equal(modeOf(dir), 0o711);
    chmodSync(dir, 0o777);
    ensurePrivateDir(dir, { searchable: true });
    assert.equal(modeOf(dir), 0o711, 'read and write go, search stays');
  } finally {
    rmSync(top, { recursive: true, force: true });
  }
});
