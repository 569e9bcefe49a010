import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { assertAccessible, browserSkip, launchBrowser, openPage } from '../helpers/browser.js';
import { makeVideo } from '../helpers/media.js';
import { formatBytes } from '../../web/src/pages/uploads/format.js';
import { startWebServer, type WebServer } from '../helpers/web-server.js';

const PASSWORD = 'correct horse battery staple sakura';
const SRT = '1\n00:00:00,000 --> 00:00:01,500\nHello there.\n\n2\n00:00:01,600 --> 00:00:02,000\nGoodbye.\n';

async function signIn(page: Page): Promise<void> {
  await page.goto('/uploads');
  await page.waitForURL(/\/sign-in/);
  await page.getByLabel('Username').fill('mika');
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Uploads', level: 1 }).waitFor();
}

/** Waits until a progress bar shows more than `bytes` sent (polled from here: the page's CSP forbids evaluated strings). */
async function waitForSent(progress: Locator, bytes: number, timeoutMs = 20_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const sent = Number(await progress.getAttribute('value'));
    if (sent > bytes) return sent;
    if (Date.now() > deadline) assert.fail(`only ${sent} bytes sent, waiting for ${bytes}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The card of one file in the "Sending now" list. */
const card = (page: Page, name: string) => page.locator('.upload-item').filter({ has: page.getByRole('heading', { name, exact: true }) });

/** The upload URLs tus keeps in localStorage (the only thing the page stores there). */
async function storedUploads(page: Page): Promise<Array<[string, { uploadUrl: string; size: number }]>> {
  const entries: Array<[string, string]> = JSON.parse(await page.evaluate('JSON.stringify(Object.entries(localStorage))'));
  return entries.map(([key, value]) => [key, JSON.parse(value)]);
}

/** The server's own offset for an upload (tus HEAD with the page's cookies). */
async function serverOffset(context: BrowserContext, base: string, uploadUrl: string): Promise<{ status: number; offset: number }> {
  const response = await context.request.head(new URL(uploadUrl, base).href, { headers: { 'tus-resumable': '1.0.0' } });
  return { status: response.status(), offset: Number(response.headers()['upload-offset']) };
}

describe('the upload page in Chromium', { skip: browserSkip }, () => {
  let server: WebServer;
  let browser: Browser;
  let media: string;
  let clip: string;
  let big: string;
  before(async () => {
    media = mkdtempSync(join(tmpdir(), 'sakuga-upload-media-'));
    const picker = join(media, 'server-folder');
    mkdirSync(join(picker, 'episodes'), { recursive: true });
    clip = await makeVideo(media, 'clip.mp4', { seconds: 2 });
    big = await makeVideo(media, 'long take.mp4', { seconds: 4, noisy: true });
    await makeVideo(join(picker, 'episodes'), 'episode 2.mp4', { seconds: 3, width: 160, height: 120 });
    writeFileSync(join(media, 'fake.mp4'), 'this is text, not a video\n'.repeat(40));
    writeFileSync(join(media, 'notes.txt'), 'not an upload kind');
    server = await startWebServer({ FILE_PICKER_ROOTS: picker });
    const setup = await fetch(`${server.base}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: server.setupToken(), username: 'mika', password: PASSWORD }),
    });
    assert.equal(setup.status, 201, await setup.text());
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(media, { recursive: true, force: true });
  });

  test('phone: a real video is sent and accepted with its facts; a fake one is rejected with the reason; a wrong kind is refused before sending; a dropped file uploads too', async () => {
    const { page, context, assertNoProblems } = await openPage(browser, 'phone', server.base);
    await signIn(page);
    await page.getByText('Nothing uploaded yet.').waitFor();
    await assertAccessible(page, 'uploads (empty)');

    await page.getByLabel('Choose files to upload').setInputFiles([clip, join(media, 'fake.mp4'), join(media, 'notes.txt')]);

    const video = card(page, 'clip.mp4');
    await video.getByRole('status').filter({ hasText: 'Accepted.' }).waitFor({ timeout: 30_000 });
    assert.match(await video.innerText(), new RegExp(`100% · ${formatBytes(statSync(clip).size)} of ${formatBytes(statSync(clip).size)}`));
    assert.equal(Number(await video.getByRole('progressbar', { name: 'Upload of clip.mp4' }).getAttribute('value')), statSync(clip).size);
    const facts = await video.locator('.facts').innerText();
    assert.match(facts, /Duration\s+0:02/);
    assert.match(facts, /Resolution\s+320×240/);
    assert.match(facts, /Streams\s+video \(mpeg4, 320×240\); audio \(aac, 44100 Hz, 1 channel\)/);

    const fake = card(page, 'fake.mp4');
    await fake.getByRole('status').filter({ hasText: 'Rejected.' }).waitFor({ timeout: 30_000 });
    assert.equal(await fake.getByRole('alert').textContent(), 'The file is not what its name says: its contents are of another type than its extension.');

    const refused = card(page, 'notes.txt');
    assert.match((await refused.getByRole('alert').textContent()) ?? '', /^Files ending in \.txt are not accepted\. Sakuga takes \.mp4/);

    // The list of uploads comes from the server: both sent files, the refused one never reached it.
    const list = page.locator('.upload-list');
    await list.getByRole('heading', { name: 'fake.mp4' }).waitFor();
    await list.getByRole('heading', { name: 'clip.mp4' }).waitFor();
    assert.equal(await list.getByRole('heading', { name: 'notes.txt' }).count(), 0);
    await assertAccessible(page, 'uploads (accepted and rejected)');

    // Drag and drop: a subtitle file dropped on the zone (a DataTransfer, as a desktop browser makes one).
    const dataTransfer = await page.evaluateHandle(
      `(() => { const transfer = new DataTransfer(); transfer.items.add(new File([${JSON.stringify(SRT)}], 'lines.srt', { type: 'application/x-subrip' })); return transfer; })()`,
    );
    await page.dispatchEvent('[data-testid="drop-zone"]', 'drop', { dataTransfer });
    await card(page, 'lines.srt').getByRole('status').filter({ hasText: 'Accepted.' }).waitFor({ timeout: 30_000 });
    assert.match(await card(page, 'lines.srt').innerText(), new RegExp(`100% · ${Buffer.byteLength(SRT)} B of ${Buffer.byteLength(SRT)} B`));
    assertNoProblems();
    await context.close();
  });

  test('phone: pause and resume a throttled upload, then after a reload the same file continues from the server\'s offset; cancel deletes it', async () => {
    const { page, context, assertNoProblems } = await openPage(browser, 'phone', server.base);
    await signIn(page);
    const size = statSync(big).size;
    assert.ok(size > 2_000_000, `the big video is ${size} bytes`);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const throttle = (bytesPerSecond: number) =>
      cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: bytesPerSecond });
    await throttle(600_000);

    await page.getByLabel('Choose files to upload').setInputFiles(big);
    const upload = card(page, 'long take.mp4');
    const progress = upload.getByRole('progressbar', { name: 'Upload of long take.mp4' });
    await waitForSent(progress, 300_000);
    await upload.getByRole('button', { name: 'Pause long take.mp4' }).click();
    await upload.getByRole('status').filter({ hasText: 'Paused.' }).waitFor();
    await assertAccessible(page, 'uploads (paused)');

    // What the page kept: the upload's URL under tus's fingerprint, nothing else.
    const stored = await storedUploads(page);
    assert.equal(stored.length, 1);
    assert.ok(stored[0]![0].startsWith('tus::'), 'only tus entries in localStorage');
    assert.match(stored[0]![1].uploadUrl, /\/api\/uploads\/[0-9a-f]{32}$/);
    const paused = await serverOffset(context, server.base, stored[0]![1].uploadUrl);
    assert.equal(paused.status, 200);
    assert.ok(paused.offset > 0 && paused.offset < size, `paused at ${paused.offset} of ${size}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal((await serverOffset(context, server.base, stored[0]![1].uploadUrl)).offset, paused.offset, 'nothing more arrives while paused');

    await upload.getByRole('button', { name: 'Resume long take.mp4' }).click();
    await waitForSent(progress, paused.offset + 300_000);

    // A reload in the middle: the page forgets; the server and localStorage remember.
    await page.reload();
    await page.getByRole('heading', { name: 'Uploads', level: 1 }).waitFor();
    const beforeResume = await serverOffset(context, server.base, stored[0]![1].uploadUrl);
    assert.ok(beforeResume.offset > paused.offset, `the server has ${beforeResume.offset}`);
    await page.locator('.upload-list').getByText('Not finished: pick the same file again to continue it.').waitFor();
    await throttle(-1);
    await page.getByLabel('Choose files to upload').setInputFiles(big);
    const resumed = card(page, 'long take.mp4');
    const resumedFrom = (await resumed.getByText(/^Resuming from /).textContent()) ?? '';
    assert.equal(resumedFrom, `Resuming from ${formatBytes(beforeResume.offset)}.`);
    await resumed.getByRole('status').filter({ hasText: 'Accepted.' }).waitFor({ timeout: 30_000 });
    assert.match(await resumed.locator('.facts').innerText(), /Duration\s+0:04/);
    assert.deepEqual(await storedUploads(page), [], 'a finished upload leaves nothing in localStorage');

    // Cancel: tus termination deletes what the server received.
    await throttle(300_000);
    await page.getByLabel('Choose files to upload').setInputFiles(big);
    const doomed = card(page, 'long take.mp4').first();
    await doomed.getByRole('button', { name: 'Pause long take.mp4' }).waitFor();
    const [[, entry] = ['', { uploadUrl: '' }]] = await storedUploads(page);
    assert.match(entry.uploadUrl, /\/api\/uploads\/[0-9a-f]{32}$/);
    await doomed.getByRole('button', { name: 'Cancel long take.mp4' }).click();
    await doomed.getByRole('status').filter({ hasText: 'Cancelled.' }).waitFor();
    assert.equal((await serverOffset(context, server.base, entry.uploadUrl)).status, 404, 'the server forgot the cancelled upload');
    assert.deepEqual(await storedUploads(page), []);
    assertNoProblems();
    await context.close();
  });

  test('desktop: the server file picker browses the allowed folder and imports a video, validated like an upload', async () => {
    const { page, context, assertNoProblems } = await openPage(browser, 'desktop', server.base);
    await signIn(page);
    const section = page.locator('section', { has: page.getByRole('heading', { name: 'Files on the server' }) });
    await section.getByRole('button', { name: /^Open folder .*server-folder$/ }).click();
    await section.getByRole('button', { name: 'Open folder episodes/' }).click();
    await section.getByText('episode 2.mp4 (video, 114 KB)').waitFor();
    await assertAccessible(page, 'uploads (server files)');
    await section.getByRole('button', { name: 'Import episode 2.mp4' }).click();

    const imported = card(page, 'episode 2.mp4');
    await imported.getByRole('status').filter({ hasText: 'Accepted.' }).waitFor({ timeout: 30_000 });
    assert.match(await imported.locator('.facts').innerText(), /Resolution\s+160×120/);
    await page.locator('.upload-list').getByRole('heading', { name: 'episode 2.mp4' }).waitFor();

    await section.getByRole('button', { name: 'Up one folder' }).click();
    await section.getByRole('button', { name: 'All allowed folders' }).click();
    await section.getByRole('button', { name: /^Open folder .*server-folder$/ }).waitFor();
    await assertAccessible(page, 'uploads (after import)');
    assertNoProblems();
    await context.close();
  });
});
