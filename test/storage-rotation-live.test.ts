import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { createTestApp } from './helpers/app.js';
import { bearer, createUser, loginWithToken, TEST_PASSWORD } from './helpers/auth.js';
import { manualClock } from './helpers/clock.js';
import { insertFinishedDub } from './helpers/dub-fixture.js';
import { runCli } from './helpers/process.js';
import { totpCode } from './helpers/totp.js';

/**
 * `sakuga keys rotate` and `retire` run beside a running server, as an admin
 * would: the server keeps serving files and signing people in with 2FA
 * without a restart, wraps new files under the new key, and starts again
 * afterwards with the old key retired.
 */
test('a rotation beside a running server: files still served, 2FA still works, new files under the new key, and the old key retires', { timeout: 120_000 }, async () => {
  const env = { ENCRYPTION_AT_REST: 'on' };
  const clock = manualClock(new Date());
  const root = mkdtempSync(join(tmpdir(), 'sakuga-rotation-'));
  chmodSync(root, 0o711);
  const dataDir = join(root, 'data');
  const t = await createTestApp({ dataDir, env, now: clock.now });
  const cliEnv = { SAKUGA_DATA_DIR: t.dataDir, ...env };
  let again: Awaited<ReturnType<typeof createTestApp>> | undefined;
  try {
    const mika = (await createUser(t, 'mika', 'viewer')).id;
    const { access_token } = await loginWithToken(t, 'mika');
    const { secret } = (await t.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: bearer(access_token) })).json();
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/auth/totp/enable', headers: bearer(access_token), payload: { code: totpCode(secret, clock.now().getTime()) } })).statusCode, 200);
    const job = await insertFinishedDub(t, mika, { 'dubbed.mp4': 'the dubbed film, encrypted' });
    const oldKid = (await t.services.blobs.stat(`artifacts/${job}/dubbed.mp4`)) && t.services.storage.keyring!.activeKid;

    const rotated = await runCli(['keys', 'rotate'], cliEnv);
    assert.equal(rotated.code, 0, rotated.stderr);
    assert.match(rotated.stdout, /re-sealed 1 secrets/);
    const [, newKid] = /New active key ([0-9a-f]{16})/.exec(rotated.stdout)!;
    assert.notEqual(newKid, oldKid);

    // The running server has not met the new key: the file and the TOTP secret are under it now.
    const served = await t.app.inject({ url: `/api/jobs/${job}/artifacts/dubbed.mp4`, headers: bearer(access_token) });
    assert.equal(served.statusCode, 200, served.body);
    assert.equal(served.body, 'the dubbed film, encrypted');
    const login = (code: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'mika', password: TEST_PASSWORD, totp_code: code } });
    clock.advance(60_000);
    const signedIn = await login(totpCode(secret, clock.now().getTime()));
    assert.equal(signedIn.statusCode, 200, signedIn.body);
    await t.services.blobs.put(`artifacts/${job}/later.txt`, Readable.from([Buffer.from('written after the rotation')]));
    const later = await t.services.db.selectFrom('blobs').select('kid').where('key', '=', `artifacts/${job}/later.txt`).executeTakeFirstOrThrow();
    assert.equal(later.kid, newKid, 'a new file is wrapped under the new key');

    const retired = await runCli(['keys', 'retire', '--kid', oldKid!], cliEnv);
    assert.equal(retired.code, 0, retired.stderr + retired.stdout);
    await t.close();
    clock.advance(60_000);
    again = await createTestApp({ dataDir, env, now: clock.now });
    const passwordOnly = await again.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'mika', password: TEST_PASSWORD } });
    assert.equal(passwordOnly.json().error?.code, 'totp_required', `a password alone does not sign in, 2FA is on: ${passwordOnly.body}`);
    const back = await again.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'mika', password: TEST_PASSWORD, totp_code: totpCode(secret, clock.now().getTime()) } });
    assert.equal(back.statusCode, 200, back.body);
    const file = await again.app.inject({ url: `/api/jobs/${job}/artifacts/dubbed.mp4`, headers: bearer(back.json().access_token) });
    assert.equal(file.body, 'the dubbed film, encrypted');
  } finally {
    await (again ?? t).close().catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
  }
});
