import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { assertAccessible, browserSkip, launchBrowser, openPage, signInTo } from '../helpers/browser.js';
import { callApi, firstAdminToken, startWebServer, type WebServer } from '../helpers/web-server.js';

const PASSWORD = 'correct horse battery staple sakura';

describe('the admin retention page in Chromium', { skip: browserSkip }, () => {
  let server: WebServer;
  let browser: Browser;
  let token: string;

  before(async () => {
    server = await startWebServer({ RETENTION_UNUSED_UPLOAD_DAYS: '7', TRASH_DAYS: '14' });
    browser = await launchBrowser();
    token = await firstAdminToken(server, 'boss', PASSWORD);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('phone: an admin reads the ages and the scheduled run, counts with a dry run, then runs retention after confirming', { timeout: 90_000 }, async () => {
    const { page, context, assertNoProblems } = await openPage(browser, 'phone', server.base);
    await signInTo(page, '/admin', 'boss', PASSWORD);
    await page.getByRole('heading', { name: 'Administration' }).waitFor();
    await page.getByRole('link', { name: 'Retention', exact: true }).click();
    await page.getByRole('heading', { name: 'Retention', exact: true }).waitFor();
    await page.locator('dd', { hasText: /^7 days$/ }).waitFor();
    await page.locator('dd', { hasText: /^14 days$/ }).waitFor();
    await page.locator('dd', { hasText: /^kept until deleted$/ }).first().waitFor();
    const runs = page.getByRole('list', { name: 'Latest runs' }).getByRole('listitem');
    // The server ran one when it started.
    await runs.filter({ hasText: 'Scheduled' }).first().waitFor();
    const before = await runs.count();
    await assertAccessible(page, 'the retention page');

    await page.getByRole('button', { name: 'Dry run' }).click();
    await page.getByRole('status').filter({ hasText: 'Asked for here, dry run: Nothing would be removed.' }).waitFor();
    await runs.nth(before).waitFor();
    assert.match((await runs.first().textContent()) ?? '', /Asked for here, dry run/, 'newest first');

    await page.getByRole('button', { name: 'Run now' }).click();
    await page.getByRole('button', { name: 'Yes, run retention' }).click();
    await page.getByRole('status').filter({ hasText: 'Asked for here: Nothing was due.' }).waitFor();
    await runs.nth(before + 1).waitFor();
    const reply = (await callApi(server.base, token, '/api/admin/retention')) as { runs: Array<{ trigger: string; dry_run: boolean }> };
    assert.deepEqual(reply.runs.slice(0, 2).map((run) => [run.trigger, run.dry_run]), [['admin', false], ['admin', true]]);
    const overflow: number = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    assert.ok(overflow <= 0, `the retention page is ${overflow}px wider than the phone`);
    assertNoProblems();
    await context.close();
  });
});
