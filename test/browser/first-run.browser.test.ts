import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { assertAccessible, browserSkip, launchBrowser, openPage, type ViewportName } from '../helpers/browser.js';
import { startWebServer, type WebServer } from '../helpers/web-server.js';

const PASSWORD = 'correct horse battery staple sakura';

describe('first run and password sign-in in Chromium', { skip: browserSkip }, () => {
  let server: WebServer;
  let browser: Browser;
  before(async () => {
    server = await startWebServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('setup from the printed link creates the admin; the token leaves the address bar', async () => {
    const { page, context, assertNoProblems } = await openPage(browser, 'phone', server.base);
    await page.goto(`/setup#token=${server.setupToken()}`);
    await page.getByRole('heading', { name: 'Welcome to Sakuga' }).waitFor();
    assert.equal(new URL(page.url()).hash, '', 'the token is wiped from the address bar');
    assert.equal(await page.getByLabel('Setup token').inputValue(), server.setupToken());
    await assertAccessible(page, 'setup');

    await page.getByLabel('Username').fill('mika');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Repeat password').fill(`${PASSWORD}!`);
    await page.getByRole('button', { name: 'Create admin' }).click();
    await page.getByRole('alert').filter({ hasText: 'do not match' }).waitFor();

    await page.getByLabel('Repeat password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create admin' }).click();
    await page.getByRole('status').filter({ hasText: 'mika is the administrator' }).waitFor();
    assertNoProblems();
    await context.close();
  });

  for (const viewport of ['phone', 'desktop'] as ViewportName[]) {
    test(`${viewport}: a wrong password reads as a sentence; the right one signs in and back to where the person was`, async () => {
      const { page, context, assertNoProblems } = await openPage(browser, viewport, server.base);
      await page.goto('/');
      await page.waitForURL(/\/sign-in$/);
      await page.getByRole('heading', { name: 'Sign in to Sakuga' }).waitFor();
      await assertAccessible(page, 'sign-in');

      await page.getByLabel('Username').fill('mika');
      await page.getByLabel('Password', { exact: true }).fill('not the password at all');
      await page.getByRole('button', { name: 'Sign in' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      assert.equal(await alert.textContent(), 'Wrong username or password.');

      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Hello, mika' }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/');
      await assertAccessible(page, 'home');

      // A reload keeps the session (HttpOnly cookie; the CSRF token comes from /api/auth/me).
      await page.reload();
      await page.getByRole('heading', { name: 'Hello, mika' }).waitFor();
      const cookies = await context.cookies();
      assert.ok(cookies.length >= 2 && cookies.every((cookie) => cookie.httpOnly), 'every cookie is HttpOnly');

      // Signing out ends the session on the server; the app asks to sign in again.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in to Sakuga' }).waitFor();
      await page.goto('/');
      await page.waitForURL(/\/sign-in$/);
      assertNoProblems();
      await context.close();
    });
  }

  test('sign-in returns to the page in ?next, never to another site', async () => {
    const { page, context, assertNoProblems } = await openPage(browser, 'phone', server.base);
    await page.goto('/sign-in?next=%2F%3Ffrom%3Dlink');
    await page.getByLabel('Username').fill('mika');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Hello, mika' }).waitFor();
    assert.equal(new URL(page.url()).search, '?from=link');

    // An open redirect is refused: next must be a path on this server.
    await context.clearCookies();
    await page.goto('/sign-in?next=%2F%2Fevil.example%2F');
    await page.getByLabel('Username').fill('mika');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Hello, mika' }).waitFor();
    assert.equal(new URL(page.url()).origin, server.base);
    assertNoProblems();
    await context.close();
  });

  test('by keyboard alone: the skip link, signing in with Tab and Enter, the navigation', async () => {
    const { page, context, assertNoProblems } = await openPage(browser, 'desktop', server.base);
    await page.goto('/sign-in');
    await page.getByRole('heading', { name: 'Sign in to Sakuga' }).waitFor();
    const focused = () => page.evaluate('document.activeElement && (document.activeElement.labels?.[0]?.textContent || document.activeElement.textContent)');

    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'Skip to content', 'the first stop is the skip link');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate('document.activeElement.id'), 'main', 'it moves focus to the page');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'Username');
    await page.keyboard.type('mika');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'Password');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Hello, mika' }).waitFor();

    // The main navigation is reachable and works from the keyboard.
    for (let i = 0; i < 10 && (await focused()) !== 'Jobs'; i += 1) await page.keyboard.press('Tab');
    assert.equal(await focused(), 'Jobs');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/jobs$/);
    assertNoProblems();
    await context.close();
  });
});
