import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { bearer, createUser, loginWithToken, TEST_PASSWORD } from '../../test/helpers/auth.js';
import { manualClock, MINUTE } from '../../test/helpers/clock.js';
import { totpCode } from '../../test/helpers/totp.js';

type Clock = ReturnType<typeof manualClock>;

/** An app with one user who has just turned 2FA on; returns the secret and recovery codes. */
async function userWithTotp(): Promise<{ t: TestApp; clock: Clock; secret: string; recoveryCodes: string[]; userId: string }> {
  const clock = manualClock();
  const t = await createTestApp({ now: clock.now });
  const user = await createUser(t, 'mika', 'viewer');
  const { access_token } = await loginWithToken(t, 'mika');
  const setup = await t.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: bearer(access_token) });
  assert.equal(setup.statusCode, 200, setup.body);
  const { secret } = setup.json();
  const enable = await t.app.inject({
    method: 'POST',
    url: '/api/auth/totp/enable',
    headers: bearer(access_token),
    payload: { code: totpCode(secret, clock.now().getTime()) },
  });
  assert.equal(enable.statusCode, 200, enable.body);
  clock.advance(60_000); // leave the step used by enable behind
  return { t, clock, secret, recoveryCodes: enable.json().recovery_codes, userId: user.id };
}

const login = (t: TestApp, extra: Record<string, string> = {}, ip = '127.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'mika', password: TEST_PASSWORD, ...extra }, remoteAddress: ip });

test('setup: a 160-bit secret, otpauth URI and SVG QR; sealed at rest; enabled only by a valid code', async () => {
  const clock = manualClock();
  const t = await createTestApp({ now: clock.now });
  try {
    await createUser(t, 'mika', 'viewer');
    const { access_token } = await loginWithToken(t, 'mika');
    const setup = (await t.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: bearer(access_token) })).json();
    assert.match(setup.secret, /^[A-Z2-7]{32}$/, '32 base32 characters = 160 bits');
    assert.match(setup.otpauth_uri, /^otpauth:\/\/totp\/Sakuga:mika\?.*secret=/);
    assert.match(setup.qr_svg, /^<svg[\s\S]*<\/svg>\s*$/);
    const row = await t.services.db.selectFrom('users').select(['totp_pending_sealed', 'totp_enabled_at']).executeTakeFirstOrThrow();
    assert.ok(row.totp_pending_sealed && !row.totp_pending_sealed.includes(setup.secret));
    assert.match(row.totp_pending_sealed, /^v1\./);

    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/totp/enable', headers: bearer(access_token), payload: { code: '000000' } });
    assert.equal(wrong.statusCode, 401);
    assert.equal((await t.app.inject({ url: '/api/auth/totp', headers: bearer(access_token) })).json().enabled, false);

    const right = await t.app.inject({
      method: 'POST',
      url: '/api/auth/totp/enable',
      headers: bearer(access_token),
      payload: { code: totpCode(setup.secret, clock.now().getTime()) },
    });
    assert.equal(right.statusCode, 200);
    const codes: string[] = right.json().recovery_codes;
    assert.equal(codes.length, 10);
    for (const code of codes) assert.match(code, /^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/, '16 base32 characters = 80 bits');
    assert.equal(new Set(codes).size, 10);
    assert.deepEqual((await t.app.inject({ url: '/api/auth/totp', headers: bearer(access_token) })).json(), { enabled: true, recovery_codes_remaining: 10 });
  } finally {
    await t.close();
  }
});

test('setup needs sudo mode', async () => {
  const clock = manualClock();
  const t = await createTestApp({ now: clock.now });
  try {
    await createUser(t, 'mika', 'viewer');
    const { access_token } = await loginWithToken(t, 'mika');
    clock.advance(11 * MINUTE);
    const stale = await t.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: bearer(access_token) });
    assert.equal(stale.statusCode, 401, 'the 11-minute-old sign-in is no longer sudo');
    assert.equal(stale.json().error.code, 'reauth_required');
  } finally {
    await t.close();
  }
});

test('sign-in with 2FA: no code → totp_required; window [T−1, T]; a code is never accepted twice', async () => {
  const { t, clock, secret } = await userWithTotp();
  try {
    const missing = await login(t);
    assert.equal(missing.statusCode, 401);
    assert.equal(missing.json().error.code, 'totp_required');

    const now = clock.now().getTime();
    assert.equal((await login(t, { totp_code: totpCode(secret, now, +1) })).statusCode, 401, 'a future code is refused');
    assert.equal((await login(t, { totp_code: totpCode(secret, now, -2) })).statusCode, 401, 'T−2 is too old');
    const previous = await login(t, { totp_code: totpCode(secret, now, -1) });
    assert.equal(previous.statusCode, 200, 'T−1 is accepted');
    const current = totpCode(secret, now);
    assert.equal((await login(t, { totp_code: current })).statusCode, 200);
    const replay = await login(t, { totp_code: current });
    assert.equal(replay.statusCode, 401, 'the same code twice');
    assert.equal(replay.json().error.code, 'second_factor_invalid');
    assert.equal((await login(t, { totp_code: totpCode(secret, now, -1) })).statusCode, 401, 'an older step after a newer one');
  } finally {
    await t.close();
  }
});

test('5 wrong codes lock the second-factor step for 15 minutes, even for the right code', async () => {
  const { t, clock, secret } = await userWithTotp();
  try {
    for (let i = 0; i < 5; i += 1) assert.equal((await login(t, { totp_code: '000000' }, `127.0.9.${i}`)).statusCode, 401);
    const locked = await login(t, { totp_code: totpCode(secret, clock.now().getTime()) }, '127.0.9.20');
    assert.equal(locked.statusCode, 429);
    assert.equal(locked.json().error.code, 'second_factor_locked');
    assert.ok(Number(locked.headers['retry-after']) > 14 * 60);
    clock.advance(15 * MINUTE + 1000);
    assert.equal((await login(t, { totp_code: totpCode(secret, clock.now().getTime()) }, '127.0.9.21')).statusCode, 200);
  } finally {
    await t.close();
  }
});

test('recovery codes: each works once, concurrent use succeeds exactly once, regeneration voids the old set', async () => {
  const { t, recoveryCodes } = await userWithTotp();
  try {
    const [first, second, third] = recoveryCodes as [string, string, string];
    assert.equal((await login(t, { recovery_code: first.toUpperCase().replaceAll('-', ' ') })).statusCode, 200, 'forgiving about case and separators');
    assert.equal((await login(t, { recovery_code: first })).statusCode, 401, 'used up');

    const racing = await Promise.all([login(t, { recovery_code: second }, '127.0.8.1'), login(t, { recovery_code: second }, '127.0.8.2')]);
    assert.deepEqual(racing.map((r) => r.statusCode).sort(), [200, 401]);

    const session = (await login(t, { recovery_code: third })).json();
    const status = await t.app.inject({ url: '/api/auth/totp', headers: bearer(session.access_token) });
    assert.equal(status.json().recovery_codes_remaining, 7);

    const regenerated = await t.app.inject({ method: 'POST', url: '/api/auth/totp/recovery-codes', headers: bearer(session.access_token) });
    assert.equal(regenerated.statusCode, 200);
    const fresh: string[] = regenerated.json().recovery_codes;
    assert.equal((await login(t, { recovery_code: recoveryCodes[5]! })).statusCode, 401, 'old set void');
    assert.equal((await login(t, { recovery_code: fresh[0]! })).statusCode, 200);
    const rows = await t.services.db.selectFrom('recovery_codes').select('code_hash').execute();
    assert.ok(rows.every((row) => /^[0-9a-f]{64}$/.test(row.code_hash)) && !JSON.stringify(rows).includes(fresh[1]!.replaceAll('-', '')));
  } finally {
    await t.close();
  }
});

test('disabling needs the password and a code; reauth accepts a TOTP code; 2FA users may use 8+ character passwords', async () => {
  const { t, clock, secret } = await userWithTotp();
  try {
    const session = (await login(t, { totp_code: totpCode(secret, clock.now().getTime()) })).json();
    clock.advance(30_000);
    const noPassword = await t.app.inject({
      method: 'POST',
      url: '/api/auth/totp/disable',
      headers: bearer(session.access_token),
      payload: { password: 'not my password', code: totpCode(secret, clock.now().getTime()) },
    });
    assert.equal(noPassword.statusCode, 403);
    const change = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: bearer(session.access_token),
      payload: { current_password: TEST_PASSWORD, new_password: 'Kx9#mQ2v' },
    });
    assert.equal(change.statusCode, 200, change.body);

    clock.advance(11 * MINUTE);
    const reauth = await t.app.inject({ method: 'POST', url: '/api/auth/reauth', headers: bearer(session.access_token), payload: { totp_code: totpCode(secret, clock.now().getTime()) } });
    assert.equal(reauth.statusCode, 204);

    clock.advance(30_000);
    const off = await t.app.inject({
      method: 'POST',
      url: '/api/auth/totp/disable',
      headers: bearer(session.access_token),
      payload: { password: 'Kx9#mQ2v', code: totpCode(secret, clock.now().getTime()) },
    });
    assert.equal(off.statusCode, 204, off.body);
    const plain = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'mika', password: 'Kx9#mQ2v' } });
    assert.equal(plain.statusCode, 200, 'no second factor any more');
  } finally {
    await t.close();
  }
});
