import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ERROR_SENTENCES } from '../../web/src/api/error-messages.js';
import { assertAccessible, browserSkip, launchBrowser, openPage } from '../helpers/browser.js';
import { startOidcProvider, TEST_CLIENT, type TestOidcProvider } from '../helpers/oidc-provider.js';
import { freePort } from '../helpers/process.js';
import { startSmtp } from '../helpers/smtp.js';
import { startWebServer, type WebServer } from '../helpers/web-server.js';

const PASSWORD = 'correct horse battery staple sakura';

/**
 * Every way of signing in besides the password, in real Chromium against the
 * real server: passkeys (a CDP virtual authenticator), mailed links (a real
 * SMTP server), single sign-on (a real OpenID provider) and a phone approving
 * a new device by QR code. The server is reached at http://localhost:<port>,
 * its PUBLIC_URL, because passkeys need a domain and mailed links point there.
 */
describe('sign-in paths in Chromium', { skip: browserSkip }, () => {
  let server: WebServer;
  let browser: Browser;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let provider: TestOidcProvider;
  let base: string;

  /** The API as a script would use it (token mode), for what these tests arrange rather than check. */
  async function call(path: string, options: { method?: string; body?: unknown; token?: string } = {}) {
    const response = await fetch(`${base}${path}`, {
      method: options.method ?? (options.body ? 'POST' : 'GET'),
      headers: { ...(options.body ? { 'content-type': 'application/json' } : {}), ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
      body: options.body ? JSON.stringify(options.body) : undefined,
    });
    const text = await response.text();
    assert.ok(response.ok, `${path} answered ${response.status}: ${text}`);
    return text ? JSON.parse(text) : undefined;
  }
  const tokenFor = async (username: string) => (await call('/api/auth/login', { body: { username, password: PASSWORD } })).access_token as string;

  /** An account whose email address is verified through the mailed link (what sign-in links need). */
  async function accountWithEmail(username: string, email: string) {
    await call('/api/admin/users', { body: { username, password: PASSWORD, role: 'viewer' }, token: await tokenFor('mika') });
    const token = await tokenFor(username);
    await call('/api/auth/email', { method: 'PUT', body: { email }, token });
    return { token, confirmLink: await linkIn(email, '/auth/confirm-email#token=') };
  }

  /** The link in the newest mail to `to` that has one starting with `marker`, waiting for it to arrive. */
  async function linkIn(to: string, marker: string): Promise<string> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const words = (await smtp.mailsTo(to, 1)).flatMap((mail) => (mail.text ?? '').split(/\s+/));
      const link = words.filter((word) => word.includes(marker)).at(-1);
      if (link && !used.has(link)) {
        used.add(link);
        return link;
      }
      assert.ok(Date.now() < deadline, `no new ${marker} link in the mail to ${to}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const used = new Set<string>();

  async function signInWithPassword(page: Page, username: string) {
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }

  before(async () => {
    const port = await freePort();
    base = `http://localhost:${port}`;
    provider = await startOidcProvider(`${base}/api/auth/oidc/callback`);
    smtp = await startSmtp();
    server = await startWebServer({
      PORT: String(port),
      PUBLIC_URL: base,
      SMTP_URL: smtp.url,
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: TEST_CLIENT.id,
      OIDC_CLIENT_SECRET: TEST_CLIENT.secret,
      OIDC_PROVIDER_NAME: 'Test ID',
      OIDC_AUTO_PROVISION: 'true',
    });
    browser = await launchBrowser();
    await call('/api/setup', { body: { token: server.setupToken(), username: 'mika', password: PASSWORD } });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.close();
    await provider?.close();
  });

  test('an emailed link confirms the address, then signs in; the token leaves the address bar', async () => {
    const { page, context, assertNoProblems } = await openPage(browser, 'phone', base);
    const { confirmLink } = await accountWithEmail('sora', 'sora@example.com');
    await page.goto(confirmLink);
    await page.getByRole('status').filter({ hasText: 'Your email address is now sora@example.com.' }).waitFor();
    assert.equal(new URL(page.url()).hash, '', 'the token is wiped from the address bar');
    await assertAccessible(page, 'confirm-email');

    await page.goto('/sign-in');
    await page.getByRole('heading', { name: 'Other ways to sign in' }).waitFor();
    await assertAccessible(page, 'sign-in with other ways');
    await page.getByLabel('Email address').fill('sora@example.com');
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await page.getByRole('status').filter({ hasText: 'If sora@example.com belongs to an account here' }).waitFor();

    const link = await linkIn('sora@example.com', '/auth/magic-link#token=');
    await page.goto(link);
    await page.getByRole('heading', { name: 'Hello, sora' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/');
    assert.ok(!page.url().includes('token'), 'no token left in the address');

    // The link works once: a second visit says so instead of signing in or sending to sign-in silently.
    await context.clearCookies();
    await page.goto(link);
    await page.getByRole('alert').filter({ hasText: 'This link was already used or has expired' }).waitFor();
    await assertAccessible(page, 'spent magic link');
    assertNoProblems();
    await context.close();
  });

  test('an emailed link to a 2FA account stops at the code step (a link is never a second factor)', async () => {
    const { page, context, assertNoProblems } = await openPage(browser, 'phone', base);
    const { token, confirmLink } = await accountWithEmail('hana', 'hana@example.com');
    await call('/api/auth/email/confirm', { body: { token: new URL(confirmLink).hash.slice('#token='.length) } });
    const { secret } = await call('/api/auth/totp/setup', { method: 'POST', body: {}, token });
    const { totpCode } = await import('../helpers/totp.js');
    const { recovery_codes: recoveryCodes } = await call('/api/auth/totp/enable', { body: { code: totpCode(secret, Date.now()) }, token });

    await call('/api/auth/magic-link', { body: { email: 'hana@example.com' } });
    await page.goto(await linkIn('hana@example.com', '/auth/magic-link#token='));
    await page.getByRole('heading', { name: 'Two-factor sign-in' }).waitFor();
    assert.equal(await page.evaluate('document.activeElement?.getAttribute("autocomplete")'), 'one-time-code', 'focus moves to the code');
    await assertAccessible(page, 'magic link code step');

    await page.getByLabel('Code').fill('000000');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('alert').filter({ hasText: 'That code is not right' }).waitFor();
    await page.getByLabel('Code').fill(recoveryCodes[0]);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Hello, hana' }).waitFor();
    assertNoProblems();
    await context.close();
  });

  test('a passkey signs in with no password', async () => {
    const { page, context, assertNoProblems } = await openPage(browser, 'phone', base);
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });

    await page.goto('/sign-in');
    await signInWithPassword(page, 'mika');
    await page.getByRole('heading', { name: 'Hello, mika' }).waitFor();
    // Adding a passkey belongs to the account pages; here the browser's own WebAuthn registers one with the server.
    const registered = await page.evaluate(`(async () => {
      const me = await (await fetch('/api/auth/me')).json();
      const headers = { 'x-csrf-token': me.csrf_token };
      const started = await (await fetch('/api/auth/passkeys/register/options', { method: 'POST', headers })).json();
      const bytes = (text) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
      const o = started.options;
      const credential = await navigator.credentials.create({ publicKey: { ...o, challenge: bytes(o.challenge), user: { ...o.user, id: bytes(o.user.id) },
        excludeCredentials: (o.excludeCredentials || []).map((c) => ({ ...c, id: bytes(c.id) })) } });
      const done = await fetch('/api/auth/passkeys/register/verify', { method: 'POST', headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ challenge_id: started.challenge_id, response: credential.toJSON(), name: 'Test phone' }) });
      return done.status;
    })()`);
    assert.equal(registered, 201);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Sakuga' }).waitFor();
    await page.getByRole('button', { name: 'Use a passkey' }).click();
    await page.getByRole('heading', { name: 'Hello, mika' }).waitFor();

    // A refused prompt (the person does not verify) reads as a sentence, not an error page.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: false });
    await page.getByRole('button', { name: 'Use a passkey' }).click();
    await page.getByRole('alert').filter({ hasText: 'No passkey was used' }).waitFor({ timeout: 20_000 });
    await assertAccessible(page, 'passkey refused');
    assertNoProblems();
    await context.close();
  });

  test('desktop: single sign-on goes to the provider and back, signed in; a refusal there reads as a sentence', async () => {
    provider.addAccount({ sub: 'kai-1', email: 'kai@idp.example', email_verified: true, preferred_username: 'kai' });
    provider.nextLoginAs('kai-1');
    const { page, context, assertNoProblems } = await openPage(browser, 'desktop', base);
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Sign in with Test ID' }).click();
    await page.getByRole('heading', { name: 'Hello, kai' }).waitFor();
    assert.equal(new URL(page.url()).origin, base);
    await assertAccessible(page, 'home after single sign-on');

    assertNoProblems();
    await context.close();

    // Refused at the provider (a fresh browser, so no provider session signs it straight in):
    // the person lands on the app's page with a sentence, never on JSON.
    const refused = await openPage(browser, 'desktop', base);
    provider.nextLoginAs(null);
    await refused.page.goto('/sign-in');
    await refused.page.getByRole('link', { name: 'Sign in with Test ID' }).click();
    await refused.page.getByRole('heading', { name: 'Single sign-on did not work' }).waitFor();
    assert.equal(await refused.page.getByRole('alert').textContent(), ERROR_SENTENCES.oidc_rejected);
    assert.equal(new URL(refused.page.url()).hash, '', 'the code leaves the address bar');
    await assertAccessible(refused.page, 'single sign-on refused');
    refused.assertNoProblems();
    await refused.context.close();
  });

  test('a signed-in phone approves a new device by QR code; a wrong code is refused', async () => {
    const newDevice = await openPage(browser, 'desktop', base);
    const phone = await openPage(browser, 'phone', base);

    await newDevice.page.goto('/sign-in');
    await newDevice.page.getByRole('link', { name: 'Sign in with a phone' }).click();
    await newDevice.page.getByRole('img', { name: /QR code/ }).waitFor();
    await newDevice.page.getByText(/left$/).first().waitFor();
    await assertAccessible(newDevice.page, 'QR sign-in');
    const approveUrl = await newDevice.page.getByText('/auth/qr#id=').textContent();
    const userCode = await newDevice.page.locator('.user-code').textContent();
    assert.match(userCode ?? '', /^[A-Z2-9]{4}-[A-Z2-9]{4}$/);

    // The phone opens the QR's address signed out: sign in first, then back to the approval.
    await phone.page.goto(approveUrl!);
    await phone.page.getByRole('heading', { name: 'Sign in to Sakuga' }).waitFor();
    await signInWithPassword(phone.page, 'mika');
    await phone.page.getByRole('heading', { name: 'Approve a sign-in' }).waitFor();
    await phone.page.getByText('127.0.0.1').waitFor();
    await phone.page.getByText(/HeadlessChrome|Chrome\//).waitFor();
    await assertAccessible(phone.page, 'approve sign-in');

    await phone.page.getByLabel('Code shown on the new device').fill('AAAA-AAAA');
    await phone.page.getByRole('button', { name: 'Approve sign-in' }).click();
    await phone.page.getByRole('alert').filter({ hasText: 'The code does not match' }).waitFor();
    await newDevice.page.waitForTimeout(2_500);
    assert.equal(await newDevice.page.getByRole('heading', { name: 'Sign in with a phone' }).count(), 1, 'a wrong code lets no one in');

    await phone.page.getByLabel('Code shown on the new device').fill(userCode!.toLowerCase().replace('-', ' '));
    await phone.page.getByRole('button', { name: 'Approve sign-in' }).click();
    await phone.page.getByRole('status').filter({ hasText: 'Approved' }).waitFor();
    await newDevice.page.getByRole('heading', { name: 'Hello, mika' }).waitFor();
    const cookies = await newDevice.context.cookies();
    assert.ok(cookies.some((cookie) => cookie.name === 'sakuga_session' && cookie.httpOnly), 'the new device holds its own cookie session');

    newDevice.assertNoProblems();
    phone.assertNoProblems();
    await newDevice.context.close();
    await phone.context.close();
  });
});
