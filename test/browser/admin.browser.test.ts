import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import type { Browser, Locator, Page } from 'playwright-core';
import { ACCOUNT_FREE_FAILURES } from '../../src/auth/login-throttle.js';
import { assertAccessible, browserSkip, launchBrowser, openPage } from '../helpers/browser.js';
import { startWebServer, type WebServer } from '../helpers/web-server.js';

const ADMIN_PASSWORD = 'correct horse battery staple sakura';
const KENJI_PASSWORD = 'lanterns drift along the night river';
const KENJI_NEW_PASSWORD = 'paper cranes fold into the morning';

/** Polls until `check` holds (a list re-rendering after a new query), failing with `message` after a while. */
async function waitUntil(check: () => Promise<boolean>, message: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    assert.ok(Date.now() < deadline, message);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** At phone width nothing may push the page sideways (tables and long ids wrap or scroll inside their box). */
async function assertFitsWidth(page: Page, label: string): Promise<void> {
  // Page-side code as text: it runs in the browser, not under this file's (Node) types.
  const overflow: number = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
  assert.ok(overflow <= 0, `${label} is ${overflow}px wider than the phone`);
}

const waitForCount = (locator: Locator, count: number) => waitUntil(async () => (await locator.count()) === count, `expected ${count} items`);

describe('administration and the audit log in Chromium', { skip: browserSkip }, () => {
  let server: WebServer;
  let browser: Browser;

  const login = (username: string, password: string, extra: Record<string, string> = {}) =>
    fetch(`${server.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password, ...extra }),
    });

  /** As if the admin signed in long ago: sudo mode lapses without the test waiting for it. */
  function ageCredentialsOf(username: string) {
    const db = new Database(join(server.dataDir, 'sakuga.db'));
    try {
      db.pragma('busy_timeout = 5000');
      const past = new Date(Date.now() - 60 * 60_000).toISOString();
      db.prepare('UPDATE sessions SET reauth_at = ? WHERE user_id = (SELECT id FROM users WHERE username = ?)').run(past, username);
    } finally {
      db.close();
    }
  }

  async function signIn(page: Page, next: string, username: string, password: string) {
    await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  before(async () => {
    server = await startWebServer({ SUDO_WINDOW: '1m' });
    browser = await launchBrowser();
    const setup = await fetch(`${server.base}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: server.setupToken(), username: 'boss', password: ADMIN_PASSWORD }),
    });
    assert.equal(setup.status, 201, await setup.text());
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('phone: an admin creates, promotes, unlocks, resets, signs out and disables a user, then finds it all in the audit log', async () => {
    const admin = await openPage(browser, 'phone', server.base);
    const { page } = admin;
    await signIn(page, '/admin', 'boss', ADMIN_PASSWORD);
    await page.getByRole('heading', { name: 'Administration' }).waitFor();
    await assertAccessible(page, 'admin landing');

    // Create an operator.
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { name: 'Users', exact: true }).waitFor();
    await page.getByLabel('Username').fill('kenji');
    await page.getByLabel('Role', { exact: true }).selectOption('operator');
    await page.getByLabel('First password').fill(KENJI_PASSWORD);
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByRole('status').filter({ hasText: 'Created kenji (operator).' }).waitFor();
    await page.getByRole('list', { name: 'Users' }).getByRole('link', { name: 'kenji' }).waitFor();
    await assertAccessible(page, 'admin users');
    await assertFitsWidth(page, 'admin users');

    // Change the role.
    await page.getByRole('link', { name: 'kenji' }).click();
    await page.getByRole('heading', { name: 'kenji' }).waitFor();
    await page.getByLabel('Role', { exact: true }).selectOption('editor');
    await page.getByRole('button', { name: 'Change role' }).click();
    await page.getByRole('status').filter({ hasText: 'kenji is now editor.' }).waitFor();
    await assertAccessible(page, 'admin user');
    await assertFitsWidth(page, 'admin user');

    // The new user signs in on their own phone.
    const kenji = await openPage(browser, 'phone', server.base);
    await signIn(kenji.page, '/', 'kenji', KENJI_PASSWORD);
    await kenji.page.getByRole('heading', { name: 'Hello, kenji' }).waitFor();

    // Someone guesses kenji's password until the account locks; the admin unlocks it on the page.
    for (let attempt = 0; attempt < ACCOUNT_FREE_FAILURES; attempt += 1) {
      assert.equal((await login('kenji', 'not kenji password at all')).status, 401);
    }
    const locked = await login('kenji', KENJI_PASSWORD);
    assert.equal(locked.status, 429);
    assert.equal(((await locked.json()) as { error: { code: string } }).error.code, 'login_throttled');
    await page.getByRole('button', { name: 'Unlock sign-in' }).click();
    await page.getByRole('status').filter({ hasText: 'kenji can try signing in again right away.' }).waitFor();
    const script = await login('kenji', KENJI_PASSWORD, { device_name: 'render script' });
    assert.equal(script.status, 200, 'the unlock lets the right password in at once');
    const { access_token: scriptToken } = (await script.json()) as { access_token: string };

    // The admin sees both sessions and ends the script's.
    await page.getByRole('button', { name: 'Refresh sessions' }).click();
    const sessions = page.getByRole('list', { name: "kenji's sessions" });
    const scriptSession = sessions.getByRole('listitem').filter({ hasText: 'render script' });
    await scriptSession.waitFor();
    await waitForCount(sessions.getByRole('listitem'), 2);
    await scriptSession.getByRole('button', { name: 'End session' }).click();
    await page.getByRole('status').filter({ hasText: "Ended kenji's session on render script." }).waitFor();
    await waitForCount(sessions.getByRole('listitem'), 1);
    const me = await fetch(`${server.base}/api/auth/me`, { headers: { authorization: `Bearer ${scriptToken}` } });
    assert.equal(me.status, 401, 'the ended session is dead on the server');

    // A password reset needs sudo: the admin's sign-in is too old, so the page asks for the password first.
    ageCredentialsOf('boss');
    await page.getByLabel('New password').fill(KENJI_NEW_PASSWORD);
    await page.getByRole('button', { name: 'Reset password' }).click();
    await page.getByRole('heading', { name: 'Confirm it is you' }).waitFor();
    await assertAccessible(page, 'sudo prompt');
    await assertFitsWidth(page, 'sudo prompt');
    await page.getByLabel('Your password').fill('not the admin password');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('alert').filter({ hasText: 'That password is not right.' }).waitFor();
    await page.getByLabel('Your password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('status').filter({ hasText: "kenji's password is reset and all their sessions have ended." }).waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Confirm it is you' }).count(), 0);
    await page.getByText('kenji is not signed in anywhere.').waitFor();

    // Kenji's phone is signed out; the new password works.
    await kenji.page.reload();
    await kenji.page.getByRole('heading', { name: 'Sign in to Sakuga' }).waitFor();
    await signIn(kenji.page, '/', 'kenji', KENJI_NEW_PASSWORD);
    await kenji.page.getByRole('heading', { name: 'Hello, kenji' }).waitFor();

    // Disabling ends that session too, and kenji cannot sign in again.
    await page.getByRole('button', { name: 'Refresh sessions' }).click();
    await sessions.getByRole('listitem').first().waitFor();
    await page.getByRole('button', { name: 'Disable account' }).click();
    await page.getByRole('status').filter({ hasText: 'kenji is disabled and signed out everywhere.' }).waitFor();
    await page.getByRole('button', { name: 'Enable account' }).waitFor();
    await page.getByText('kenji is not signed in anywhere.').waitFor();
    await kenji.page.reload();
    await kenji.page.getByRole('heading', { name: 'Sign in to Sakuga' }).waitFor();
    assert.equal((await login('kenji', KENJI_NEW_PASSWORD)).status, 401);
    kenji.assertNoProblems();
    await kenji.context.close();

    // The audit log has all of it, and its filters narrow it down.
    await page.getByRole('link', { name: 'Admin', exact: true }).click();
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    const events = page.getByRole('list', { name: 'Events' }).getByRole('listitem');
    await events.first().waitFor();
    for (const words of ['Account created', 'Role changed', 'Sign-in unlocked', 'Password reset by an admin', 'Account disabled', 'Session ended']) {
      assert.ok((await events.filter({ hasText: words }).count()) >= 1, `the log shows "${words}"`);
    }
    await assertAccessible(page, 'admin audit');
    await assertFitsWidth(page, 'admin audit');

    await page.getByLabel('Action', { exact: true }).selectOption('user.role_change');
    await page.getByRole('button', { name: 'Show events' }).click();
    await page.waitForURL(/action=user\.role_change/);
    await waitForCount(events, 1);
    const roleChange = events.first();
    assert.match((await roleChange.textContent()) ?? '', /Account kenji/);
    assert.match((await roleChange.textContent()) ?? '', /Byboss/);
    assert.match((await roleChange.textContent()) ?? '', /Fromoperator/);

    // kenji's failed sign-ins (the guesses, and the one after being disabled), not the admin's or anyone's successes.
    await page.getByLabel('Action', { exact: true }).selectOption('auth.login');
    await page.getByLabel('Person').selectOption({ label: 'kenji' });
    await page.getByLabel('Result').selectOption('failure');
    await page.getByRole('button', { name: 'Show events' }).click();
    await page.waitForURL(/result=failure/);
    await waitForCount(events, 6);
    for (const text of await events.allTextContents()) {
      assert.match(text, /^Sign-in Failed/);
      assert.match(text, /Usernamekenji/);
    }
    await assertAccessible(page, 'admin audit filtered');
    await assertFitsWidth(page, 'admin audit filtered');

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL((url) => url.search === '');
    await page.getByLabel('Result').selectOption('denied');
    await page.getByRole('button', { name: 'Show events' }).click();
    await page.waitForURL(/result=denied/);
    await waitUntil(async () => {
      const texts = await events.allTextContents();
      return texts.length > 0 && texts.every((text) => /Refused/.test(text));
    }, 'only refused events are listed');
    assert.ok((await events.filter({ hasText: 'Sign-in' }).count()) >= 1, 'the locked-out sign-in was refused');

    // A time range: nothing has happened tomorrow yet.
    const tomorrow = new Date(Date.now() + 24 * 60 * 60_000);
    const local = (time: Date) => new Date(time.getTime() - time.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await page.getByLabel('From').fill(local(tomorrow));
    await page.getByRole('button', { name: 'Show events' }).click();
    await page.waitForURL(/from=/);
    await page.getByText('No events match.').waitFor();
    admin.assertNoProblems();
    await admin.context.close();
  });

  test('phone: a non-admin sees their own activity, and admin pages are not for their account', async () => {
    const token = (await (await login('boss', ADMIN_PASSWORD)).json()) as { access_token: string };
    const created = await fetch(`${server.base}/api/admin/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token.access_token}` },
      body: JSON.stringify({ username: 'hana', password: KENJI_PASSWORD, role: 'viewer' }),
    });
    assert.equal(created.status, 201, await created.text());

    const { page, context, assertNoProblems } = await openPage(browser, 'phone', server.base);
    await signIn(page, '/', 'hana', KENJI_PASSWORD);
    await page.getByRole('heading', { name: 'Hello, hana' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Admin', exact: true }).count(), 0, 'no Admin link for a viewer');

    await page.getByRole('link', { name: 'Activity' }).click();
    await page.getByRole('heading', { name: 'Your activity' }).waitFor();
    const signInEvent = page.getByRole('list', { name: 'Events' }).getByRole('listitem').filter({ hasText: 'Sign-in' });
    await signInEvent.first().waitFor();
    assert.match((await signInEvent.first().textContent()) ?? '', /Succeeded/);
    assert.equal(await page.getByText('Account created').count(), 0, "the admin's events are not in hana's activity");
    await assertAccessible(page, 'own activity');

    for (const path of ['/admin', '/admin/users', '/admin/audit']) {
      await page.goto(path);
      await page.getByRole('heading', { name: 'Not for your account' }).waitFor();
      await assertAccessible(page, `${path} as a viewer`);
    }
    assertNoProblems();
    await context.close();
  });

  test("desktop: the only admin cannot demote or disable themselves, and reads the server's reason", async () => {
    const { page, context, assertNoProblems } = await openPage(browser, 'desktop', server.base);
    await signIn(page, '/admin/users', 'boss', ADMIN_PASSWORD);
    await page.getByRole('list', { name: 'Users' }).getByRole('link', { name: 'boss' }).click();
    await page.getByRole('heading', { name: 'boss' }).waitFor();
    await page.getByLabel('Role', { exact: true }).selectOption('viewer');
    await page.getByRole('button', { name: 'Change role' }).click();
    await page.getByRole('alert').filter({ hasText: 'This is the last active admin; make someone else admin first.' }).waitFor();
    await page.getByRole('button', { name: 'Disable account' }).click();
    await page.getByRole('alert').filter({ hasText: 'This is the last active admin' }).waitFor();
    await assertAccessible(page, 'own user page, refused');
    await page.reload();
    await page.getByRole('heading', { name: 'boss' }).waitFor();
    assert.match((await page.getByRole('main').textContent()) ?? '', /admin · active/, 'nothing changed');
    assertNoProblems();
    await context.close();
  });
});
