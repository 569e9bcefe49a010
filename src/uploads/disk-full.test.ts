import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createTestApp } from '../../test/helpers/app.js';
import { auditEvents } from '../../test/helpers/audit.js';
import { bearer, createUser, loginWithToken } from '../../test/helpers/auth.js';

/** A tiny tmpfs stands in for a full disk; mounting needs root, which CI has. */
function mountTinyDisk(path: string): string | false {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k,mode=0700', 'tmpfs', path], { stdio: 'ignore' });
    return false;
  } catch {
    const reason = 'cannot mount a small tmpfs here (needs root)';
    if (process.env.CI) throw new Error(`CI must run the disk-full test: ${reason}`);
    return reason;
  }
}

test('a full disk answers 507 and leaves no partial upload behind', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'sakuga-full-'));
  const dataDir = join(root, 'data');
  // Where the blob store keeps its objects on local disk: an upload's bytes go nowhere else.
  const blobs = join(dataDir, 'blobs');
  mkdirSync(blobs, { recursive: true, mode: 0o700 });
  const skip = mountTinyDisk(blobs);
  if (skip) {
    rmSync(root, { recursive: true, force: true });
    return t.skip(skip);
  }
  const app = await createTestApp({ dataDir });
  try {
    await createUser(app, 'kaito', 'operator');
    const token = (await loginWithToken(app, 'kaito')).access_token;
    const size = 1024 * 1024;
    const created = await app.app.inject({
      method: 'POST',
      url: '/api/uploads',
      headers: { ...bearer(token), 'tus-resumable': '1.0.0', 'upload-length': String(size), 'upload-metadata': `filename ${Buffer.from('big.json').toString('base64')},kind ${Buffer.from('data').toString('base64')}` },
    });
    assert.equal(created.statusCode, 201, created.body);
    const id = String(created.headers.location).split('/').pop()!;
    const patch = await app.app.inject({
      method: 'PATCH',
      url: `/api/uploads/${id}`,
      headers: { ...bearer(token), 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      payload: Buffer.alloc(size, 0x20),
    });
    assert.equal(patch.statusCode, 507, patch.body);
    assert.equal(JSON.parse(patch.body).error.code, 'storage_full');
    assert.doesNotMatch(patch.body, /ENOSPC|\/tmp|blobs\//, 'no internals in the answer');
    assert.deepEqual(readdirSync(blobs, { recursive: true }).filter((name) => !/^[0-9a-f]{2}$/.test(String(name))), [], 'no partial object is left (only empty folders)');
    assert.deepEqual(await app.services.blobs.list(`uploads/${id}/`), [], 'and no part of it is named');
    assert.equal((await app.app.inject({ url: `/api/uploads/${id}`, headers: bearer(token) })).statusCode, 404);
    assert.equal(auditEvents(app).find((event) => event.action === 'upload.failed')?.details.reason, 'storage_full');
  } finally {
    await app.close();
    execFileSync('umount', [blobs]);
    rmSync(root, { recursive: true, force: true });
  }
});
