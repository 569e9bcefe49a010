import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { assertAccessible, browserSkip, launchBrowser, openPage, playVideo } from '../helpers/browser.js';
import { scratchDir, testVideo } from '../helpers/dub-media.js';
import { totpCode } from '../helpers/totp.js';
import { startWebServer, type WebServer } from '../helpers/web-server.js';

const USERNAME = 'mika';
const PASSWORD = 'correct horse battery staple sakura';
const SRT = '1\n00:00:00,500 --> 00:00:02,000\nGood morning, Mika.\n\n2\n00:00:03,000 --> 00:00:04,500\nIs the storyboard done?\n';

/**
 * A person's whole first session, on a phone, with nothing but the web app:
 * set Sakuga up, sign in, turn on two-factor sign-in, sign out and back in
 * with a code, upload a video and its subtitles, dub it, follow it live and
 * watch the result. Each area's own tests go deeper; this proves the pages
 * join up.
 */
let server: WebServer;
let browser: Browser;
before(async () => {
  if (browserSkip) return;
  server = await startWebServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page: Page, code?: string) {
  await page.getByRole('heading', { name: 'Sign in to Sakuga' }).waitFor();
  await page.getByLabel('Username').fill(USERNAME);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (code) {
    await page.getByRole('heading', { name: 'Two-factor sign-in' }).waitFor();
    await assertAccessible(page, 'second factor step');
    await page.getByLabel('Code').fill(code);
    await page.getByRole('button', { name: 'Continue' }).click();
  }
}

test('on a phone: setup → sign in → 2FA → sign in with a code → upload → dub → live progress → play', { skip: browserSkip, timeout: 240_000 }, async () => {
  const scratch = scratchDir('web-main-path');
  const video = await testVideo(join(scratch, 'scene.mp4'), { seconds: 6, codec: 'h264', audio: 'silence' });
  const subtitles = join(scratch, 'scene.en.srt');
  writeFileSync(subtitles, SRT);
  const { page, context, assertNoProblems } = await openPage(browser, 'phone', server.base);

  // First run, from the link the server printed.
  await page.goto(`/setup#token=${server.setupToken()}`);
  await page.getByLabel('Username').fill(USERNAME);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Repeat password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create admin' }).click();
  // The header has a Sign in link too; the one to follow is the page's, once the admin exists.
  await page.getByRole('heading', { name: 'Sakuga is ready' }).waitFor();
  await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
  await signIn(page);
  await page.getByRole('heading', { name: `Hello, ${USERNAME}` }).waitFor();
  await assertAccessible(page, 'home');

  // Two-factor sign-in from the account page.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
  const twoFactor = page.getByRole('region', { name: 'Two-factor sign-in' });
  await twoFactor.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
  const secret = await twoFactor.getByLabel('Secret key').inputValue();
  const enabledAt = Date.now();
  await twoFactor.getByLabel('Code from the app').fill(totpCode(secret, enabledAt));
  await twoFactor.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
  await twoFactor.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
  await assertAccessible(page, 'account: recovery codes');
  await twoFactor.getByRole('button', { name: 'I have saved them' }).click();
  await twoFactor.getByRole('status').filter({ hasText: 'Two-factor sign-in is on.' }).waitFor();

  // Out and back in, now with a code: one from a later time step, as a used one never replays.
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  const nextStepAt = (Math.floor(enabledAt / 30_000) + 1) * 30_000;
  if (Date.now() < nextStepAt) await page.waitForTimeout(nextStepAt - Date.now() + 200);
  await signIn(page, totpCode(secret, Date.now()));
  await page.getByRole('heading', { name: 'Your account' }).waitFor();

  // Upload the video and its subtitles through the page.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Uploads' }).click();
  await page.getByLabel('Choose files to upload').setInputFiles([video, subtitles]);
  for (const name of ['scene.mp4', 'scene.en.srt']) {
    const item = page.locator('.upload-item').filter({ has: page.getByRole('heading', { name, exact: true }) });
    await item.getByRole('status').filter({ hasText: 'Accepted.' }).waitFor({ timeout: 60_000 });
  }
  await assertAccessible(page, 'uploads, accepted');

  // A dub from the form, chosen by file name.
  await page.getByRole('link', { name: 'Sakuga', exact: true }).click();
  await page.getByRole('link', { name: 'Dub a video' }).click();
  await page.getByRole('heading', { name: 'Dub a video' }).waitFor();
  const pick = async (label: string, filename: string) => {
    const option = page.getByLabel(label).locator('option', { hasText: `${filename} · ` });
    await option.waitFor({ state: 'attached' });
    await page.getByLabel(label).selectOption((await option.getAttribute('value'))!);
  };
  await pick('Video upload', 'scene.mp4');
  await pick('Translated subtitles', 'scene.en.srt');
  await page.getByLabel('Dub into').selectOption('en');
  await assertAccessible(page, 'new dub');
  await page.getByRole('button', { name: 'Start the dub' }).click();

  // Live progress, then the result in the player.
  await page.waitForURL(/\/jobs\/[0-9a-f-]+$/);
  await page.getByRole('status').filter({ hasText: /^Running / }).waitFor({ timeout: 60_000 });
  const progress = Number(await page.locator('progress').first().getAttribute('value'));
  assert.ok(progress < 1, 'the page showed the dub while it ran');
  await page.locator('.job-status', { hasText: /^Done$/ }).waitFor({ timeout: 150_000 });
  await assertAccessible(page, 'finished dub');
  const playback = await playVideo(page);
  assert.equal(playback.error, null);
  assert.ok(playback.advanced >= 0.5, `the dubbed video played (${playback.advanced} s)`);
  assertNoProblems();
  await context.close();
});
