import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { assertAccessible, browserSkip, launchBrowser, openPage, signInTo } from '../helpers/browser.js';
import { callApi, firstAdminToken, startWebServer, type WebServer } from '../helpers/web-server.js';

const PASSWORD = 'correct horse battery staple sakura';

describe('the admin backups page in Chromium', { skip: browserSkip }, () => {
  let server: WebServer;
  let browser: Browser;
  let token: string;
  const backupDir = mkdtempSync(join(tmpdir(), 'sakuga-web-backups-'));

  before(async () => {
    server = await startWebServer({ ENCRYPTION_AT_REST: 'on', BACKUP_DIR: backupDir, BACKUP_INTERVAL: 'off' });
    browser = await launchBrowser();
    token = await firstAdminToken(server, 'boss', PASSWORD);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(backupDir, { recursive: true, force: true });
  });

  test('phone: an admin backs up now, follows it to its verify, and verifies it again', { timeout: 90_000 }, async () => {
    const { page, context, assertNoProblems } = await openPage(browser, 'phone', server.base);
    await signInTo(page, '/admin', 'boss', PASSWORD);
    await page.getByRole('heading', { name: 'Administration' }).waitFor();
    await page.getByRole('link', { name: 'Backups', exact: true }).click();
    await page.getByRole('heading', { name: 'Backups', exact: true, level: 1 }).waitFor();
    await page.locator('dd', { hasText: /^None yet$/ }).waitFor();
    await page.getByText('No backup yet.').waitFor();
    await assertAccessible(page, 'the backups page, empty');

    await page.getByRole('button', { name: 'Back up now' }).click();
    const backups = page.getByRole('list', { name: 'Backups' }).getByRole('listitem');
    await backups.first().getByText(/Last verify: OK/).waitFor({ timeout: 30_000 });
    await page.locator('dd', { hasText: /: made$/ }).waitFor();
    const overview = (await callApi(server.base, token, '/api/admin/backups')) as { backups: Array<{ name: string }> };
    const [{ name }] = overview.backups as [{ name: string }];
    assert.deepEqual(readdirSync(join(backupDir, 'snapshots')), [`${name}.json`], 'the backup is in BACKUP_DIR');
    await assertAccessible(page, 'the backups page with a backup');

    await page.getByRole('button', { name: `Verify ${name}` }).click();
    await page.getByRole('status').filter({ hasText: `${name} verified:` }).waitFor();
    const overflow: number = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    assert.ok(overflow <= 0, `the backups page is ${overflow}px wider than the phone`);
    assertNoProblems();
    await context.close();
  });
});
