import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { auditEvents } from '../../test/helpers/audit.js';
import { bearer, createUser, loginWithToken, TEST_PASSWORD } from '../../test/helpers/auth.js';
import { DAY, manualClock, MINUTE } from '../../test/helpers/clock.js';
import { startSmtp } from '../../test/helpers/smtp.js';
import { sha256Hex } from '../crypto/tokens.js';
import { consumeMagicLink, insertMagicLink } from './magic-link-store.js';

test('without mail there is nothing to confirm with: the change is refused and says why', async () => {
  const t = await createTestApp({ env: { PUBLIC_URL: 'https://sakuga.example' } });
  try {
    await createUser(t, 'mika', 'viewer');
    const { access_token } = await loginWithToken(t, 'mika');
    const change = await t.app.inject({ method: 'PUT', url: '/api/auth/email', headers: bearer(access_token), payload: { email: 'mika@example.com' } });
    assert.equal(change.statusCode, 404);
    assert.equal(change.json().error.code, 'email_change_unavailable');
    const state = await t.app.inject({ url: '/api/auth/email', headers: bearer(access_token) });
    assert.deepEqual(state.json(), { email: null, email_verified: false });
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
    const verified = clock.now().toISOString();
    await t.services.db.updateTable('users').set({ email: 'mika@old.example', email_verified_at: verified }).where('username', '=', 'mika').execute();
    await t.services.db.updateTable('users').set({ email: 'sora@example.com', email_verified_at: verified }).where('username', '=', 'sora').execute();
    token = (await loginWithToken(t, 'mika')).access_token;
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });

  const change = (email: string | null) => t.app.inject({ method: 'PUT', url: '/api/auth/email', headers: bearer(token), payload: { email } });
  const confirm = (link: string) => t.app.inject({ method: 'POST', url: '/api/auth/email/confirm', payload: { token: link } });
  const state = async () => (await t.app.inject({ url: '/api/auth/email', headers: bearer(token) })).json();

  async function confirmationLink(email: string, nth = 1): Promise<string> {
    const mails = await smtp.mailsTo(email, nth);
    assert.ok(mails.length >= nth, `no mail #${nth} for ${email}`);
    const match = /https:\/\/sakuga\.example\/auth\/confirm-email#token=(sev_[\w-]+)/.exec(mails[nth - 1]!.text ?? '');
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

  test('the new address takes effect only when its mailed link is opened; then the old one is told', async () => {
    const asked = await change('Mika@New.example');
    assert.equal(asked.statusCode, 200, asked.body);
    assert.deepEqual(asked.json(), { email: 'mika@old.example', email_verified: true, confirmation_sent: true });

    // Not yet the account's: sign-in links still go to the old address only.
    const mailsBefore = smtp.received.length;
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: 'mika@new.example' } })).statusCode, 202);
    const link = await confirmationLink('mika@new.example');
    await sleep(300);
    assert.equal(smtp.received.length, mailsBefore + 1, 'the confirmation only, no sign-in link');

    const rows = await t.services.db.selectFrom('magic_links').select(['token_hash', 'purpose']).execute();
    assert.ok(rows.some((row) => row.token_hash === sha256Hex(link) && row.purpose === 'verify_email'), 'only the hash is stored');
    assert.ok(!JSON.stringify(rows).includes(link.slice(4)));

    // A confirmation link is no sign-in link.
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/auth/magic-link/verify', payload: { token: link } })).statusCode, 401);

    const confirmed = await confirm(link);
    assert.equal(confirmed.statusCode, 200, confirmed.body);
    assert.deepEqual(confirmed.json(), { email: 'mika@new.example', email_verified: true });
    assert.deepEqual(await state(), { email: 'mika@new.example', email_verified: true });
    const notice = await smtp.mailsTo('mika@old.example');
    assert.match(notice.at(-1)?.text ?? '', /was changed to mika@new\.example/);
    assert.equal((await confirm(link)).statusCode, 401, 'a link works once');
  });

  test('asking for another account\'s address answers like any other; the change fails only at confirmation', async () => {
    const asked = await change('sora@example.com');
    assert.equal(asked.statusCode, 200, 'no hint that the address is in use');
    assert.equal(asked.json().confirmation_sent, true);
    const link = await confirmationLink('sora@example.com');
    const refused = await confirm(link);
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().error.code, 'email_taken');
    assert.deepEqual(await state(), { email: 'mika@new.example', email_verified: true });
  });

  test('a sign-in link is no confirmation link', async () => {
    await t.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: 'mika@new.example' }, remoteAddress: '127.0.0.7' });
    const mails = await smtp.mailsTo('mika@new.example', 2);
    const signIn = /#token=(sml_[\w-]+)/.exec(mails.at(-1)?.text ?? '')?.[1];
    assert.ok(signIn, 'the confirmed address gets sign-in links');
    assert.equal((await confirm(signIn)).statusCode, 401);
  });

  test('a link expires after a day; removing the address is immediate and audited', async () => {
    token = (await loginWithToken(t, 'mika')).access_token;
    assert.equal((await change('mika@late.example')).statusCode, 200);
    const late = await confirmationLink('mika@late.example');
    clock.advance(DAY + 1000);
    assert.equal((await confirm(late)).statusCode, 401);

    token = (await loginWithToken(t, 'mika')).access_token;
    assert.deepEqual((await change(null)).json(), { email: null, email_verified: false, confirmation_sent: false });
    assert.deepEqual(await state(), { email: null, email_verified: false });
    const actions = auditEvents(t).map((event) => event.action);
    for (const action of ['auth.email_change_requested', 'auth.email_changed', 'auth.email_removed']) assert.ok(actions.includes(action), action);
  });
});

test('a mailed link works only for its own purpose, even when its token has the right shape', async () => {
  const t = await createTestApp();
  try {
    const user = await createUser(t, 'mika', 'viewer');
    const at = new Date();
    const later = new Date(at.getTime() + MINUTE).toISOString();
    await insertMagicLink(t.services.db, { tokenHash: 'sign-in-hash', userId: user.id, email: 'mika@example.com', purpose: 'sign_in', now: at.toISOString(), expiresAt: later });
    await insertMagicLink(t.services.db, { tokenHash: 'confirm-hash', userId: user.id, email: 'mika@example.com', purpose: 'verify_email', now: at.toISOString(), expiresAt: later });
    assert.equal(await consumeMagicLink(t.services.db, 'sign-in-hash', 'verify_email', at.toISOString()), undefined);
    assert.equal(await consumeMagicLink(t.services.db, 'confirm-hash', 'sign_in', at.toISOString()), undefined);
    assert.deepEqual(await consumeMagicLink(t.services.db, 'confirm-hash', 'verify_email', at.toISOString()), { user_id: user.id, email: 'mika@example.com' });
  } finally {
    await t.close();
  }
});
