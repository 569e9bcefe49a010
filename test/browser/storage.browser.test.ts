import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { assertAccessible, browserSkip, launchBrowser, openPage, signInTo } from '../helpers/browser.js';
import { startWebServer, type WebServer } from '../helpers/web-server.js';

const PASSWORD = 'correct horse battery staple sakura';

describe('the admin storage page in Chromium', { skip: browserSkip }, () => {
  let server: WebServer;
  let browser: Browser;

  before(async () => {
    server = await startWebServer({ ENCRYPTION_AT_REST: 'on' });
    browser = await launchBrowser();
    const setup = await fetch(`${server.base}/api/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: server.setupToken(), username: 'boss', password: PASSWORD }) });
    assert.equal(setup.status, 201, await setup.text());
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('phone: an admin finds where files are kept, that encryption is on with its active key, and each person\'s usage', async () => {
    const { page, context, assertNoProblems } = await openPage(browser, 'phone', server.base);
    await signInTo(page, '/admin', 'boss', PASSWORD);
    await page.getByRole('heading', { name: 'Administration' }).waitFor();
    await page.getByRole('link', { name: 'Storage', exact: true }).click();
    await page.getByRole('heading', { name: 'Storage', exact: true }).waitFor();

    await page.getByText('Local disk', { exact: false }).waitFor();
    await page.locator('dd', { hasText: /^On$/ }).waitFor();
    await page.locator('dd', { hasText: /^0 files \(0 encrypted, erased with their keys\)$/ }).waitFor();
    const [kid] = readdirSync(join(server.dataDir, 'secrets', 'storage-keys'));
    const key = page.getByRole('list', { name: 'Storage keys' }).getByRole('listitem').filter({ hasText: kid! });
    await key.getByText(/active: wraps new files/).waitFor();
    await page.getByRole('status').filter({ hasText: 'Every file and sign-in secret is under the active key.' }).waitFor();
    await page.getByRole('table', { name: 'Usage per person' }).getByRole('rowheader', { name: 'boss' }).waitFor();
    const overflow: number = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    assert.ok(overflow <= 0, `the storage page is ${overflow}px wider than the phone`);
    await assertAccessible(page, 'the storage page');
    assertNoProblems();
    await context.close();
  });
});
