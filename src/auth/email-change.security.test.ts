import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { bearer, createUser, loginWithToken, TEST_PASSWORD } from '../../test/helpers/auth.js';
import { DAY, manualClock, MINUTE } from '../../test/helpers/clock.js';
import { startSmtp } from '../../test/helpers/smtp.js';
import { sha256Hex } from '../crypto/tokens.js';

test('without SMTP an address can be set but stays unverified, and says no mail went out', async () => {
  const t = await createTestApp({ env: { PUBLIC_URL: 'https://sakuga.example' } });
  try {
    await createUser(t, 'mika', 'viewer');
    const { access_token } = await loginWithToken(t, 'mika');
    const change = await t.app.inject({ method: 'PUT', url: '/api/auth/email', headers: bearer(access_token), payload: { email: 'Mika@Example.com' } });
    assert.equal(change.statusCode, 200, change.body);
    assert.deepEqual(change.json(), { email: 'mika@example.com', email_verified: false, verification_sent: false });
  } finally {
    await t.close();
  }
});

describe('changing one\'s own email address, over a real SMTP server', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let t: TestApp;
  const clock = manualClock();
  let token: string;
  before(async () => {
    smtp = await startSmtp();
    t = await createTestApp({ env: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://sakuga.example' }, now: clock.now });
    for (const name of ['mika', 'sora']) await createUser(t, name, 'viewer');
    await t.services.db.updateTable('users').set({ email: 'mika@old.example', email_verified_at: clock.now().toISOString() }).where('username', '=', 'mika').execute();
    await t.services.db.updateTable('users').set({ email: 'sora@example.com', email_verified_at: clock.now().toISOString() }).where('username', '=', 'sora').execute();
    token = (await loginWithToken(t, 'mika')).access_token;
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });

  const change = (email: string | null) => t.app.inject({ method: 'PUT', url: '/api/auth/email', headers: bearer(token), payload: { email } });
  const verify = (link: string) => t.app.inject({ method: 'POST', url: '/api/auth/email/verify', payload: { token: link } });

  async function verificationLink(email: string, nth = 1): Promise<string> {
    const mails = await smtp.mailsTo(email, nth);
    assert.ok(mails.length >= nth, `no mail #${nth} for ${email}`);
    const match = /https:\/\/sakuga\.example\/auth\/verify-email#token=(sev_[\w-]+)/.exec(mails[nth - 1]!.text ?? '');
    assert.ok(match, 'the mail carries the link');
    return match[1]!;
  }

  test('needs sudo mode', async () => {
    clock.advance(11 * MINUTE);
    const stale = await change('mika@new.example');
    assert.equal(stale.statusCode, 401);
    assert.equal(stale.json().error.code, 'reauth_required');
    const reauth = await t.app.inject({ method: 'POST', url: '/api/auth/reauth', headers: bearer(token), payload: { password: TEST_PASSWORD } });
    assert.equal(reauth.statusCode, 204);
  });

  test('another account\'s address is refused', async () => {
    const taken = await change('sora@example.com');
    assert.equal(taken.statusCode, 409);
    assert.equal(taken.json().error.code, 'email_taken');
  });

  test('the new address is unverified until its mailed link is opened; the old address is told', async () => {
    const changed = await change('mika@new.example');
    assert.deepEqual(changed.json(), { email: 'mika@new.example', email_verified: false, verification_sent: true });
    const notice = await smtp.mailsTo('mika@old.example');
    assert.match(notice[0]?.text ?? '', /was changed to mika@new\.example/);

    // Unverified: no sign-in link goes to it.
    const mailsBefore = smtp.received.length;
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: 'mika@new.example' } })).statusCode, 202);
    await sleep(300);
    assert.equal(smtp.received.length, mailsBefore, 'no sign-in link for an unverified address');

    const link = await verificationLink('mika@new.example');
    const rows = await t.services.db.selectFrom('magic_links').select(['token_hash', 'purpose']).execute();
    assert.ok(rows.some((row) => row.token_hash === sha256Hex(link) && row.purpose === 'verify_email'), 'only the hash is stored');

    // A verification link is no sign-in link.
    const asSignIn = await t.app.inject({ method: 'POST', url: '/api/auth/magic-link/verify', payload: { token: link } });
    assert.equal(asSignIn.statusCode, 401);

    const verified = await verify(link);
    assert.equal(verified.statusCode, 200, verified.body);
    assert.deepEqual(verified.json(), { email: 'mika@new.example', email_verified: true });
    assert.deepEqual((await t.app.inject({ url: '/api/auth/email', headers: bearer(token) })).json(), { email: 'mika@new.example', email_verified: true });
    assert.equal((await verify(link)).statusCode, 401, 'a link works once');
  });

  test('a sign-in link is no verification link', async () => {
    await t.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: 'mika@new.example' }, remoteAddress: '127.0.0.7' });
    const mails = await smtp.mailsTo('mika@new.example', 2);
    const signIn = /#token=(sml_[\w-]+)/.exec(mails.at(-1)?.text ?? '')?.[1];
    assert.ok(signIn, 'a verified address gets sign-in links');
    assert.equal((await verify(signIn)).statusCode, 401);
  });

  test('a link dies when the address changes again before it is opened, and after a day', async () => {
    token = (await loginWithToken(t, 'mika')).access_token;
    assert.equal((await change('mika@first.example')).statusCode, 200);
    const stale = await verificationLink('mika@first.example');
    await change('mika@second.example');
    assert.equal((await verify(stale)).statusCode, 401);
    assert.deepEqual((await t.app.inject({ url: '/api/auth/email', headers: bearer(token) })).json(), { email: 'mika@second.example', email_verified: false });

    const late = await verificationLink('mika@second.example');
    clock.advance(DAY + 1000);
    assert.equal((await verify(late)).statusCode, 401);
  });
});
