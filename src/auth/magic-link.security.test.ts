import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { bearer, createUser, loginWithToken } from '../../test/helpers/auth.js';
import { manualClock, MINUTE } from '../../test/helpers/clock.js';
import { startSmtp } from '../../test/helpers/smtp.js';
import { totpCode } from '../../test/helpers/totp.js';
import { sha256Hex } from '../crypto/tokens.js';

test('without SMTP the feature is off and says so', async () => {
  const t = await createTestApp({ env: { PUBLIC_URL: 'https://sakuga.example' } });
  try {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: 'mika@example.com' } });
    assert.equal(response.statusCode, 404);
    assert.equal(response.json().error.code, 'magic_links_disabled');
  } finally {
    await t.close();
  }
});

describe('magic links over a real SMTP server', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let t: TestApp;
  const clock = manualClock();
  before(async () => {
    smtp = await startSmtp();
    t = await createTestApp({ env: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://sakuga.example' }, now: clock.now });
    for (const name of ['mika', 'sora', 'kaito', 'hana']) {
      const user = await createUser(t, name, 'viewer');
      // As an admin sets them: verified (only verified addresses get sign-in links).
      await t.services.db.updateTable('users').set({ email: `${name}@example.com`, email_verified_at: clock.now().toISOString() }).where('id', '=', user.id).execute();
    }
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });

  const ask = (email: string, ip = '127.0.0.1') => t.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email }, remoteAddress: ip });
  const verify = (token: string, extra: Record<string, string> = {}) => t.app.inject({ method: 'POST', url: '/api/auth/magic-link/verify', payload: { token, ...extra } });

  async function linkFor(email: string, nth = 1): Promise<string> {
    const mails = await smtp.mailsTo(email, nth);
    assert.ok(mails.length >= nth, `no mail #${nth} for ${email}`);
    const match = /https:\/\/sakuga\.example\/auth\/magic-link#token=(sml_[\w-]+)/.exec(mails[nth - 1]!.text ?? '');
    assert.ok(match, 'the mail carries the link');
    return match[1]!;
  }

  test('known and unknown addresses get the same 202; only the known one gets mail', async () => {
    const known = await ask('Mika@Example.com');
    const unknown = await ask('nobody@example.com', '127.0.0.2');
    assert.equal(known.statusCode, 202);
    assert.equal(unknown.statusCode, 202);
    assert.equal(known.body, unknown.body);
    await linkFor('mika@example.com');
    await sleep(300);
    assert.equal((await smtp.mailsTo('nobody@example.com', 1, 10)).length, 0);
  });

  test('a link is 128+ bits, stored hashed, works once', async () => {
    await ask('sora@example.com', '127.0.0.3');
    const token = await linkFor('sora@example.com');
    assert.ok(Buffer.from(token.slice(4), 'base64url').length * 8 >= 128);
    const rows = await t.services.db.selectFrom('magic_links').select('token_hash').execute();
    assert.ok(rows.some((row) => row.token_hash === sha256Hex(token)));
    assert.ok(!JSON.stringify(rows).includes(token.slice(4)));

    const first = await verify(token);
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().user.username, 'sora');
    const again = await verify(token);
    assert.equal(again.statusCode, 401);
    assert.equal(again.json().error.code, 'invalid_token');
  });

  test('a link expires after 10 minutes and dies if the address changes', async () => {
    await ask('kaito@example.com', '127.0.0.4');
    const expiring = await linkFor('kaito@example.com');
    clock.advance(10 * MINUTE + 1000);
    assert.equal((await verify(expiring)).statusCode, 401);

    await ask('kaito@example.com', '127.0.0.4');
    const rebound = await linkFor('kaito@example.com', 2);
    await t.services.db.updateTable('users').set({ email: 'kaito@other.example' }).where('username', '=', 'kaito').execute();
    assert.equal((await verify(rebound)).statusCode, 401, 'bound to the address it was sent to');
  });

  test('a link is never a second factor: 2FA accounts still give a code', async () => {
    const { access_token } = await loginWithToken(t, 'hana');
    const { secret } = (await t.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: bearer(access_token) })).json();
    const enable = await t.app.inject({ method: 'POST', url: '/api/auth/totp/enable', headers: bearer(access_token), payload: { code: totpCode(secret, clock.now().getTime()) } });
    assert.equal(enable.statusCode, 200);
    clock.advance(60_000);

    await ask('hana@example.com', '127.0.0.5');
    const token = await linkFor('hana@example.com');
    const bare = await verify(token);
    assert.equal(bare.statusCode, 401);
    assert.equal(bare.json().error.code, 'totp_required');
    const wrong = await verify(token, { totp_code: '000000' });
    assert.equal(wrong.json().error.code, 'second_factor_invalid');
    const right = await verify(token, { totp_code: totpCode(secret, clock.now().getTime()) });
    assert.equal(right.statusCode, 200, right.body);
  });

  test('at most 3 mails per address per 10 minutes, and per client address', async () => {
    clock.advance(11 * MINUTE);
    const before = (await smtp.mailsTo('mika@example.com', 1)).length;
    for (let i = 0; i < 5; i += 1) assert.equal((await ask('mika@example.com', `127.0.1.${i}`)).statusCode, 202);
    await smtp.mailsTo('mika@example.com', before + 4, 1_000);
    assert.equal((await smtp.mailsTo('mika@example.com', before + 3)).length, before + 3);

    clock.advance(11 * MINUTE);
    const total = smtp.received.length;
    // Four different known addresses from one client address: the fourth is not sent.
    for (const email of ['mika@example.com', 'sora@example.com', 'hana@example.com', 'mika@example.com']) {
      assert.equal((await ask(email, '127.0.2.1')).statusCode, 202);
    }
    await sleep(500);
    assert.equal(smtp.received.length, total + 3);
  });

  test('an address Sakuga has not verified gets no sign-in link', async () => {
    clock.advance(11 * MINUTE);
    await t.services.db.updateTable('users').set({ email: 'sora@unverified.example', email_verified_at: null }).where('username', '=', 'sora').execute();
    assert.equal((await ask('sora@unverified.example', '127.0.3.1')).statusCode, 202);
    await sleep(300);
    assert.equal((await smtp.mailsTo('sora@unverified.example', 1, 10)).length, 0);
  });
});
