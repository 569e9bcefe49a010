import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page } from 'playwright-core';
import { assertAccessible, browserSkip, launchBrowser, openPage, playVideo, waitInPage } from '../helpers/browser.js';
import { scratchDir, testVideo } from '../helpers/dub-media.js';
import { tusUpload } from '../helpers/tus.js';
import { callApi, startWebServer, type WebServer } from '../helpers/web-server.js';

const ADMIN_PASSWORD = 'correct horse battery staple sakura';
const REVIEWER_PASSWORD = 'violet lantern harbour quietly 42!';
const SRT = '1\n00:00:00,500 --> 00:00:02,000\nGood morning, Mika.\n\n2\n00:00:03,000 --> 00:00:04,500\nIs the storyboard done?\n';
const FINISHED = ['succeeded', 'failed', 'cancelled'];
const IOS_SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const HLS_CHUNK = /^\/assets\/hls-[\w-]+\.js$/;

describe('the review page in Chromium: a dub\'s lines edited, followed by the player, re-rendered', { skip: browserSkip }, () => {
  let server: WebServer;
  let browser: Browser;
  let adminToken: string;
  let reviewerToken: string;
  let reviewerId: string;
  let jobId: string;

  /** The API as a script would use it, with a bearer token. */
  const call = (token: string, path: string, init: { method?: string; body?: unknown } = {}) => callApi(server.base, token, path, init);

  async function login(username: string, password: string): Promise<string> {
    const response = await fetch(`${server.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    assert.equal(response.status, 200, await response.clone().text());
    return ((await response.json()) as { access_token: string }).access_token;
  }

  async function upload(bytes: Buffer, filename: string, kind: string): Promise<string> {
    const id = await tusUpload(server.base, reviewerToken, bytes, { filename, kind });
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(100)) {
      const verdict = await call(reviewerToken, `/api/uploads/${id}`);
      if (verdict.status === 'accepted') return id;
      assert.notEqual(verdict.status, 'rejected', JSON.stringify(verdict));
    }
    assert.fail(`upload ${filename} was not accepted in time`);
  }

  async function signIn(page: Page, next: string) {
    await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
    await page.getByLabel('Username').fill('sora');
    await page.getByLabel('Password', { exact: true }).fill(REVIEWER_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === next);
  }

  const currentTime = (page: Page) => page.evaluate('document.querySelector("video").currentTime') as Promise<number>;

  before(async () => {
    server = await startWebServer();
    browser = await launchBrowser();
    const setup = await fetch(`${server.base}/api/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: server.setupToken(), username: 'mika', password: ADMIN_PASSWORD }) });
    assert.equal(setup.status, 201, await setup.text());
    adminToken = await login('mika', ADMIN_PASSWORD);
    const created = (await call(adminToken, '/api/admin/users', { method: 'POST', body: { username: 'sora', password: REVIEWER_PASSWORD, role: 'editor' } })) as { user: { id: string } };
    reviewerId = created.user.id;
    reviewerToken = await login('sora', REVIEWER_PASSWORD);

    // A real dub of a six-second video with two lines, spoken by the offline voice.
    const source = await testVideo(join(scratchDir('web-review'), 'scene.mp4'), { seconds: 6, codec: 'h264', audio: 'silence' });
    const video = await upload(readFileSync(source), 'scene.mp4', 'video');
    const subtitles = await upload(Buffer.from(SRT), 'scene.en.srt', 'subtitles');
    jobId = String((await call(reviewerToken, '/api/jobs', { method: 'POST', body: { type: 'dub', options: { upload_id: video, target_language: 'en', imports: { translated_subtitles: subtitles } } } })).id);
    for (const deadline = Date.now() + 150_000; ; await sleep(200)) {
      const job = await call(reviewerToken, `/api/jobs/${jobId}`);
      if (FINISHED.includes(String(job.status))) {
        assert.equal(job.status, 'succeeded', JSON.stringify(job.failure));
        break;
      }
      assert.ok(Date.now() < deadline, 'the dub did not finish in time');
    }
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('phone: from the job page to its review; a line edited and saved, the player seeked by a line, a re-render followed live', { timeout: 240_000 }, async () => {
    const { page, context, assertNoProblems } = await openPage(browser, 'phone', server.base);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base });
    await signIn(page, `/jobs/${jobId}`);
    await page.getByRole('heading', { name: 'dub → en' }).waitFor();
    // The job page plays the dub and copies its own address, never a media URL.
    await page.getByRole('region', { name: 'Watch' }).locator('video').waitFor();
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.getByRole('status').filter({ hasText: 'Link copied.' }).waitFor();
    assert.equal(await page.evaluate('navigator.clipboard.readText()'), `${server.base}/jobs/${jobId}`);

    await page.getByRole('link', { name: 'Review lines' }).click();
    await page.waitForURL(`**/jobs/${jobId}/review`);
    const lines = page.getByRole('list', { name: 'Lines of the dub' }).getByRole('listitem');
    await lines.first().waitFor();
    assert.equal(await lines.count(), 2);
    assert.deepEqual(await page.locator('.line-text').allTextContents(), ['Good morning, Mika.', 'Is the storyboard done?']);

    // Edit line 2's text and save it (with its ETag); the list and the server have it.
    await page.getByRole('button', { name: 'Edit line 2' }).click();
    const text = page.getByLabel('Line text');
    await text.fill('Is the storyboard ready yet?');
    // Heard before it is saved: the preview speaks the editor's text, fitted to the line's slot.
    await page.getByRole('button', { name: 'Preview' }).click();
    const heard = page.getByLabel('Preview of this line');
    await heard.waitFor({ timeout: 60_000 });
    await waitInPage(page, 'document.querySelector("audio").readyState >= 1');
    const seconds = (await page.evaluate('document.querySelector("audio").duration')) as number;
    assert.ok(seconds > 0.5 && seconds <= 2.5, `the preview lasts ${seconds} s, within the line's budget`);
    await page.getByRole('button', { name: 'Save line' }).click();
    await page.getByRole('status').filter({ hasText: 'Line 2 saved.' }).waitFor();
    assert.equal(await page.locator('.line-text').nth(1).textContent(), 'Is the storyboard ready yet?');
    assert.equal(await page.getByLabel('Line text').count(), 0, 'the editor closed');
    const segments = (await call(reviewerToken, `/api/jobs/${jobId}/segments`)) as { segments: Array<{ target_text: string }> };
    assert.equal(segments.segments[1]!.target_text, 'Is the storyboard ready yet?');

    // A tap on a line plays from its start, and that line is marked as the one spoken.
    await waitInPage(page, 'document.querySelector("video").readyState >= 1');
    await page.getByRole('button', { name: /^Line 2, play from/ }).click();
    await waitInPage(page, 'document.querySelector("video").currentTime === 3');
    await page.locator('li[aria-current="true"]', { hasText: 'Is the storyboard ready yet?' }).waitFor();
    await page.getByRole('button', { name: /^Line 1, play from/ }).click();
    await waitInPage(page, 'document.querySelector("video").currentTime === 0.5');
    assert.equal(await currentTime(page), 0.5);
    await page.locator('li[aria-current="true"]', { hasText: 'Good morning, Mika.' }).waitFor();
    // Subtitles come from the dub's WebVTT and can be turned off.
    await page.getByLabel('Subtitles').selectOption({ label: 'Off' });
    assert.equal(await page.evaluate('document.querySelector("video").textTracks[0].mode'), 'disabled');
    await assertAccessible(page, 'review page');

    // Re-render: its progress shows live, then the lines and the video are read again.
    await page.evaluate(`window.__seen = [];
      new MutationObserver(() => {
        const status = document.querySelector('.job-status');
        if (status && window.__seen.at(-1) !== status.textContent) window.__seen.push(status.textContent);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });`);
    await page.getByRole('button', { name: 'Re-render' }).click();
    await page.getByRole('status').filter({ hasText: 'Render 2 is ready' }).waitFor({ timeout: 180_000 });
    const seen = (await page.evaluate('window.__seen')) as string[];
    assert.ok(seen.some((entry) => /^Running \S+, step \d+ of \d+$/.test(entry)), `the render's stages were shown live: ${JSON.stringify(seen)}`);
    assert.notEqual(seen[0], 'Done', `the first render's end is not replayed as this one's: ${JSON.stringify(seen)}`);
    assert.equal(((await call(reviewerToken, `/api/jobs/${jobId}`)) as { render: number }).render, 2);
    await page.getByRole('button', { name: 'Edit line 2' }).waitFor();
    assert.equal(await page.locator('.line-text').nth(1).textContent(), 'Is the storyboard ready yet?');

    const playback = await playVideo(page);
    assert.equal(playback.error, null);
    assert.ok(playback.advanced >= 0.5, `the new render played (${playback.advanced} s)`);
    await assertAccessible(page, 'review page after the re-render');

    // Back on the job page, the QA panel reports on the new render.
    await page.getByRole('link', { name: 'Back to the job' }).click();
    const qa = page.getByRole('region', { name: 'Quality check' });
    await qa.getByText('Loudness', { exact: true }).waitFor();
    // A clean dub: no failure, whatever the warnings.
    assert.match(await qa.locator('.qa-verdict').textContent() ?? '', /^(No problems found\.|0 problems and \d+ warnings?\.)$/);
    assert.match(await qa.locator('.qa-figures').textContent() ?? '', /LUFS/);
    await assertAccessible(page, 'job page with the QA panel');
    assertNoProblems();
    await context.close();
  });

  test('phone, Safari on iOS: the server puts HLS first; a browser without native HLS fetches hls.js, which plays it, audio and subtitles switch, VLC gets the HLS', { timeout: 120_000 }, async () => {
    const { page, context, assertNoProblems } = await openPage(browser, 'phone', server.base, { userAgent: IOS_SAFARI });
    // This Chromium plays HLS natively; as most browsers do not, the page is told so before its scripts run.
    await context.addInitScript({
      content: `const canPlayType = HTMLMediaElement.prototype.canPlayType;
        HTMLMediaElement.prototype.canPlayType = function (type) { return /mpegurl/i.test(type) ? '' : canPlayType.call(this, type); };`,
    });
    const fetched: string[] = [];
    page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
    await signIn(page, `/jobs/${jobId}`);
    await page.getByRole('region', { name: 'Watch' }).locator('video').waitFor();
    // hls.js plays through Media Source Extensions: the video's source is a blob: URL (CSP media-src blob:).
    await waitInPage(page, 'document.querySelector("video").src.startsWith("blob:")');
    assert.ok(fetched.some((path) => HLS_CHUNK.test(path)), 'the hls.js chunk was loaded for this page');
    const playback = await playVideo(page);
    assert.equal(playback.error, null);
    assert.ok(playback.advanced >= 0.5, `HLS played (${playback.advanced} s)`);
    assert.ok(fetched.includes(`/api/jobs/${jobId}/hls/hls-video.ts`) && fetched.includes(`/api/jobs/${jobId}/hls/hls-dub.ts`), 'video and dub segments came through the HLS route');

    // The dub and the original are alternate audio: choosing the original fetches its rendition.
    const audio = page.getByLabel('Audio');
    const labels = await audio.locator('option').allTextContents();
    assert.deepEqual(labels.map((label) => label.split(' (')[0]), ['Dub', 'Original'], JSON.stringify(labels));
    await audio.selectOption({ label: labels[1]! });
    await waitInPage(page, `performance.getEntriesByType('resource').some((entry) => entry.name.includes('/hls/hls-original.'))`);
    const subtitles = page.getByLabel('Subtitles');
    assert.ok((await subtitles.locator('option').allTextContents()).some((label) => /Subtitles|en/.test(label)), 'the WebVTT rendition is offered');

    // Open in VLC: the first source for this browser, the HLS master, by a signed absolute URL.
    const vlc = await page.getByRole('link', { name: 'Open in VLC' }).getAttribute('href');
    assert.match(vlc ?? '', new RegExp(`^vlc://${server.base.replace(/[.]/g, '\\.')}/api/jobs/${jobId}/hls/hls\\.m3u8\\?.*sig=`));
    // The job's QR (drawn by the server, shown as an image) opens the page, and only the page.
    await waitInPage(page, 'document.querySelector("img.qr").naturalWidth > 0');
    await assertAccessible(page, 'job page playing HLS');
    assertNoProblems();
    await context.close();
  });

  test('phone: a viewer reads the lines and plays them, with no edit controls', { timeout: 60_000 }, async () => {
    await call(adminToken, `/api/admin/users/${reviewerId}`, { method: 'PATCH', body: { role: 'viewer' } });
    const { page, context, assertNoProblems } = await openPage(browser, 'phone', server.base);
    const fetched: string[] = [];
    page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
    await signIn(page, `/jobs/${jobId}/review`);
    const lines = page.getByRole('list', { name: 'Lines of the dub' }).getByRole('listitem');
    await lines.first().waitFor();
    assert.equal(await lines.count(), 2);
    await page.getByText('editing them needs the editor role').waitFor();
    assert.equal(await page.getByRole('button', { name: /^Edit line/ }).count(), 0, 'no edit button');
    assert.equal(await page.getByRole('button', { name: 'Re-render' }).count(), 0, 'no re-render');
    assert.equal(await page.locator('form').count(), 0, 'no form at all');
    await waitInPage(page, 'document.querySelector("video").readyState >= 1');
    await page.getByRole('button', { name: /^Line 2, play from/ }).click();
    await waitInPage(page, 'document.querySelector("video").currentTime === 3');
    assert.ok(!fetched.some((path) => HLS_CHUNK.test(path)), 'elsewhere the MP4 plays natively: hls.js is never fetched');
    await assertAccessible(page, 'review page, read only');
    assertNoProblems();
    await context.close();
  });
});
