import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { assertAccessible, browserSkip, launchBrowser, openPage } from '../helpers/browser.js';
import { totpCode } from '../helpers/totp.js';
import { startWebServer, type WebServer } from '../helpers/web-server.js';

const USERNAME = 'mika';
const FIRST_PASSWORD = 'correct horse battery staple sakura';
const NEW_PASSWORD = 'Lantern festival, 2026: moon rabbit!';

describe('account security pages in Chromium', { skip: browserSkip }, () => {
  let server: WebServer;
  let browser: Browser;
  let password = FIRST_PASSWORD;

  /** Signs in from Node with a bearer token, as another device would. */
  async function tokenLogin(deviceName: string): Promise<string> {
    const response = await fetch(`${server.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: USERNAME, password, device_name: deviceName }),
    });
    assert.equal(response.status, 200, await response.clone().text());
    return ((await response.json()) as { access_token: string }).access_token;
  }

  const meStatus = async (token: string) => (await fetch(`${server.base}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } })).status;

  /** From the sign-in page (with ?next=/account) through the password step, and the code step when one is given. */
  async function signIn(page: Page, secondFactor?: string) {
    await page.getByRole('heading', { name: 'Sign in to Sakuga' }).waitFor();
    await page.getByLabel('Username').fill(USERNAME);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    if (secondFactor) {
      await page.getByRole('heading', { name: 'Two-factor sign-in' }).waitFor();
      await page.getByLabel('Code').fill(secondFactor);
      await page.getByRole('button', { name: 'Continue' }).click();
    }
    await page.getByRole('heading', { name: 'Your account' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/account');
  }

  /** The sudo window passing, without waiting for it: this account's last credential becomes old. */
  function ageLastCredential() {
    const db = new Database(join(server.dataDir, 'sakuga.db'));
    try {
      db.prepare('UPDATE sessions SET reauth_at = ? WHERE revoked_at IS NULL').run('2000-01-01T00:00:00.000Z');
    } finally {
      db.close();
    }
  }

  before(async () => {
    server = await startWebServer();
    browser = await launchBrowser();
    const setup = await fetch(`${server.base}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: server.setupToken(), username: USERNAME, password }),
    });
    assert.equal(setup.status, 201, await setup.text());
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('phone: devices, password change, two-factor sign-in with a code and a recovery code', async () => {
    const tablet = await tokenLogin('Studio tablet');
    const { page, context, assertNoProblems } = await openPage(browser, 'phone', server.base);
    await page.goto('/account');
    await page.waitForURL(/\/sign-in\?next=%2Faccount$/);
    await signIn(page);
    await assertAccessible(page, 'account');

    // Devices: the other device is listed and can be signed out; this one is marked.
    const devices = page.getByRole('region', { name: 'Devices' });
    await devices.getByText('This device').waitFor();
    await devices.getByRole('button', { name: 'Sign out Studio tablet' }).click();
    await devices.getByRole('status').filter({ hasText: 'Studio tablet was signed out.' }).waitFor();
    assert.equal(await meStatus(tablet), 401, 'the revoked device is signed out on the server');
    assert.equal(await devices.getByRole('button', { name: 'Sign out Studio tablet' }).count(), 0);

    // Password: repeated wrong is caught on the page; a change ends the other sessions, and the page says so.
    const laptop = await tokenLogin('Laptop');
    const passwordForm = page.getByRole('form', { name: 'Password' });
    await passwordForm.getByLabel('Current password').fill(password);
    await passwordForm.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await passwordForm.getByLabel('Repeat the new password').fill(`${NEW_PASSWORD}?`);
    await passwordForm.getByRole('button', { name: 'Change password' }).click();
    await passwordForm.getByRole('alert').filter({ hasText: 'do not match' }).waitFor();
    await passwordForm.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
    await passwordForm.getByRole('button', { name: 'Change password' }).click();
    await passwordForm.getByRole('status').filter({ hasText: 'Password changed. One other device was signed out.' }).waitFor();
    password = NEW_PASSWORD;
    assert.equal(await meStatus(laptop), 401, 'changing the password ended the other session');

    // Two-factor sign-in: scan (or type the key), confirm a code, save the recovery codes.
    const twoFactor = page.getByRole('region', { name: 'Two-factor sign-in' });
    await twoFactor.getByText('Two-factor sign-in is off.').waitFor();
    await twoFactor.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    await twoFactor.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    const secret = await twoFactor.getByLabel('Secret key').inputValue();
    assert.match(secret, /^[A-Z2-7]{32}$/);
    await assertAccessible(page, 'two-factor set-up');
    const enabledAt = Date.now();
    await twoFactor.getByLabel('Code from the app').fill(totpCode(secret, enabledAt));
    await twoFactor.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    const codesHeading = twoFactor.getByRole('heading', { name: 'Your recovery codes' });
    await codesHeading.waitFor();
    assert.equal(await page.evaluate('document.activeElement?.textContent'), 'Your recovery codes', 'focus moves to the codes');
    const codes = (await twoFactor.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').allTextContents()).map((code) => code.trim());
    assert.ok(codes.length >= 8, `recovery codes shown: ${codes.length}`);
    await assertAccessible(page, 'recovery codes');

    const [download] = await Promise.all([page.waitForEvent('download'), twoFactor.getByRole('link', { name: 'Download the codes' }).click()]);
    assert.equal(download.suggestedFilename(), 'sakuga-recovery-codes.txt');
    const saved = readFileSync((await download.path())!, 'utf8');
    for (const code of codes) assert.ok(saved.includes(code), 'the file holds every code');
    await twoFactor.getByRole('button', { name: 'I have saved them' }).click();
    await twoFactor.getByRole('status').filter({ hasText: 'Two-factor sign-in is on.' }).waitFor();
    assert.equal(await twoFactor.getByRole('list', { name: 'Recovery codes' }).count(), 0, 'the codes leave the screen');

    // Signing in now takes a second step: a recovery code works once…
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.goto('/account');
    await signIn(page, codes[0]);
    await twoFactor.getByText(`${codes.length - 1} recovery codes left.`).waitFor();

    // …and so does a code from the app (a later time step than the one that turned 2FA on: codes never replay).
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.goto('/account');
    const nextStepAt = (Math.floor(enabledAt / 30_000) + 1) * 30_000;
    if (Date.now() < nextStepAt) await page.waitForTimeout(nextStepAt - Date.now() + 200);
    await signIn(page, totpCode(secret, Date.now()));

    // New recovery codes replace the old ones.
    await twoFactor.getByRole('button', { name: 'Make new recovery codes' }).click();
    await codesHeading.waitFor();
    const fresh = (await twoFactor.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').allTextContents()).map((code) => code.trim());
    assert.equal(fresh.filter((code) => codes.includes(code)).length, 0, 'every code is new');
    await twoFactor.getByRole('button', { name: 'I have saved them' }).click();
    await twoFactor.getByRole('status').filter({ hasText: 'the old ones no longer work' }).waitFor();

    // Turning it off takes the password and a code: an old recovery code is refused, a new one works.
    const disable = page.getByRole('form', { name: 'Turn two-factor sign-in off' });
    await disable.getByLabel('Password').fill(password);
    await disable.getByLabel('Code or recovery code').fill(codes[1]!);
    await disable.getByRole('button', { name: 'Turn off two-factor sign-in' }).click();
    await disable.getByRole('alert').filter({ hasText: 'not right' }).waitFor();
    await disable.getByLabel('Code or recovery code').fill(fresh[0]!);
    await disable.getByRole('button', { name: 'Turn off two-factor sign-in' }).click();
    await twoFactor.getByRole('status').filter({ hasText: 'Two-factor sign-in is off.' }).waitFor();
    await assertAccessible(page, 'account with two-factor off');
    assertNoProblems();
    await context.close();
  });

  test('phone: a passkey is added with the device authenticator, renamed and removed', async () => {
    // Passkeys are bound to a domain name (the default relying party is localhost), never to an IP address.
    const base = server.base.replace('127.0.0.1', 'localhost');
    const { page, context, assertNoProblems } = await openPage(browser, 'phone', base);
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
    });
    await page.goto('/account');
    await signIn(page);

    const passkeys = page.getByRole('region', { name: 'Passkeys' });
    await passkeys.getByText('You have no passkeys yet.').waitFor();
    await passkeys.getByLabel('Name for the new passkey').fill('My phone');
    await passkeys.getByRole('button', { name: 'Add a passkey' }).click();
    await passkeys.getByRole('status').filter({ hasText: 'Passkey “My phone” added.' }).waitFor();
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    assert.equal(credentials.length, 1, 'the authenticator holds the new credential');
    const list = passkeys.getByRole('list', { name: 'Your passkeys' });
    await list.getByRole('heading', { name: 'My phone' }).waitFor();
    await assertAccessible(page, 'passkeys');

    await list.getByRole('button', { name: 'Rename My phone' }).click();
    await list.getByLabel('New name').fill('Pocket phone');
    await list.getByRole('button', { name: 'Save name' }).click();
    await list.getByRole('heading', { name: 'Pocket phone' }).waitFor();

    await list.getByRole('button', { name: 'Remove Pocket phone' }).click();
    await list.getByRole('button', { name: 'Yes, remove it' }).click();
    await passkeys.getByText('You have no passkeys yet.').waitFor();
    const listed = await page.evaluate(async () => (await (await fetch('/api/auth/passkeys')).json()) as { passkeys: unknown[] });
    assert.deepEqual(listed.passkeys, [], 'the server no longer has it');
    assertNoProblems();
    await context.close();
  });

  test('desktop: an API key works with its scope until revoked; a stale session is asked to confirm first; email needs mail', async () => {
    const { page, context, assertNoProblems } = await openPage(browser, 'desktop', server.base);
    await page.goto('/account');
    await signIn(page);

    // The sudo window has passed: creating a key asks for the password first, then goes ahead.
    ageLastCredential();
    const keys = page.getByRole('region', { name: 'API keys' });
    await keys.getByText('You have no API keys.').waitFor();
    await keys.getByLabel('Key name').fill('Backup script');
    await keys.getByRole('checkbox', { name: 'read:job', exact: true }).check();
    await keys.getByLabel('Expires after').selectOption({ label: '7 days' });
    await keys.getByRole('button', { name: 'Create key' }).click();
    const prompt = page.getByRole('dialog', { name: 'Confirm it is you' });
    await prompt.waitFor();
    await assertAccessible(page, 'sudo prompt');
    await prompt.getByLabel('Your password').fill('not my password at all');
    await prompt.getByRole('button', { name: 'Confirm' }).click();
    await prompt.getByRole('alert').filter({ hasText: 'That password is not right.' }).waitFor();
    await prompt.getByLabel('Your password').fill(password);
    await prompt.getByRole('button', { name: 'Confirm' }).click();
    await keys.getByRole('heading', { name: 'Key “Backup script” created' }).waitFor();
    assert.equal(await prompt.count(), 0, 'the prompt closes');
    const key = await keys.getByLabel('Your new key').inputValue();
    await assertAccessible(page, 'new API key');

    const withKey = (path: string, init: RequestInit = {}) => fetch(`${server.base}${path}`, { ...init, headers: { authorization: `Bearer ${key}` } });
    assert.equal((await withKey('/api/jobs')).status, 200, 'read:job reads jobs');
    assert.equal((await withKey('/api/keys')).status, 403, 'but cannot manage keys');
    const listed = keys.getByRole('list', { name: 'Your API keys' });
    await listed.getByText('read:job').waitFor();
    await keys.getByRole('button', { name: 'Done' }).click();
    await listed.getByRole('button', { name: 'Revoke Backup script' }).click();
    await keys.getByRole('status').filter({ hasText: 'Key “Backup script” was revoked' }).waitFor();
    assert.equal((await withKey('/api/jobs')).status, 401, 'a revoked key is refused');

    // A cancelled prompt leaves things as they were, with no error.
    ageLastCredential();
    const twoFactor = page.getByRole('region', { name: 'Two-factor sign-in' });
    await twoFactor.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    await prompt.waitFor();
    await prompt.getByRole('button', { name: 'Cancel' }).click();
    await prompt.waitFor({ state: 'detached' });
    assert.equal(await twoFactor.getByRole('alert').count(), 0);
    await twoFactor.getByText('Two-factor sign-in is off.').waitFor();

    // Email: this server has no outgoing mail, and the page says what that means.
    const email = page.getByRole('region', { name: 'Email' });
    await email.getByText('Your account has no email address.').waitFor();
    await email.getByLabel('New email address').fill('mika@studio.example');
    await email.getByRole('button', { name: 'Send confirmation link' }).click();
    await prompt.waitFor();
    await prompt.getByRole('button', { name: 'Use a code instead' }).click();
    await prompt.getByRole('button', { name: 'Use my password instead' }).click();
    await prompt.getByLabel('Your password').fill(password);
    await prompt.getByRole('button', { name: 'Confirm' }).click();
    await email.getByRole('alert').filter({ hasText: 'Changing your email needs outgoing mail' }).waitFor();
    assertNoProblems();
    await context.close();
  });

  test('phone: a session ended elsewhere sends the person to sign in, then back to the account page', async () => {
    const other = await tokenLogin('Desk computer');
    const { page, context, assertNoProblems } = await openPage(browser, 'phone', server.base);
    await page.goto('/account');
    await signIn(page);

    // The other device signs every other session out, this phone's included.
    const ended = await fetch(`${server.base}/api/auth/sessions/revoke-others`, { method: 'POST', headers: { authorization: `Bearer ${other}` } });
    assert.equal(ended.status, 200);

    await page.getByRole('region', { name: 'Devices' }).getByRole('button', { name: 'Sign out everywhere else' }).click();
    await page.waitForURL(/\/sign-in\?next=%2Faccount$/);
    await assertAccessible(page, 'sign-in after a lost session');
    await signIn(page);
    await page.getByRole('region', { name: 'Devices' }).getByText('This device').waitFor();
    assertNoProblems();
    await context.close();
  });
});
