import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page } from 'playwright-core';
import { assertAccessible, browserSkip, launchBrowser, openPage, playVideo, waitInPage } from '../helpers/browser.js';
import { scratchDir, testVideo } from '../helpers/dub-media.js';
import { SELFTEST_ENV } from '../helpers/jobs.js';
import { callApi, firstAdminToken, startWebServer, uploadAccepted, type WebServer } from '../helpers/web-server.js';

const PASSWORD = 'correct horse battery staple sakura';
const SRT = '1\n00:00:00,500 --> 00:00:02,000\nGood morning, Mika.\n\n2\n00:00:03,000 --> 00:00:04,500\nIs the storyboard done?\n';
const FINISHED = ['succeeded', 'failed', 'cancelled'];

interface JobReply {
  id: string;
  status: string;
  type: string;
}

describe('the jobs pages in Chromium: list, new dub, a live job', { skip: browserSkip }, () => {
  let server: WebServer;
  let browser: Browser;
  let token: string;

  /** The API as a script would use it, with the admin's bearer token. */
  const call = (path: string, init: { method?: string; body?: unknown } = {}) => callApi(server.base, token, path, init);

  const upload = (bytes: Buffer, filename: string, kind: string) => uploadAccepted(server.base, token, bytes, filename, kind);

  async function waitForJobs(ids: readonly string[], timeoutMs = 60_000): Promise<JobReply[]> {
    for (const deadline = Date.now() + timeoutMs; ; await sleep(150)) {
      const jobs = await Promise.all(ids.map(async (id) => (await call(`/api/jobs/${id}`)) as unknown as JobReply));
      if (jobs.every((job) => FINISHED.includes(job.status))) return jobs;
      if (Date.now() > deadline) assert.fail(`jobs still running: ${JSON.stringify(jobs.map((job) => job.status))}`);
    }
  }

  async function signIn(page: Page, next = '/') {
    await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
    await page.getByLabel('Username').fill('mika');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === next.split('?')[0]);
  }

  before(async () => {
    server = await startWebServer({ ...SELFTEST_ENV, JOBS_MAX_RUNNING_PER_USER: '2' });
    browser = await launchBrowser();
    token = await firstAdminToken(server, 'mika', PASSWORD);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('desktop: the list filters by status, kind and title, pages on, and keeps it all in the address', { timeout: 90_000 }, async () => {
    const quick = Array.from({ length: 11 }, () => ({ type: 'selftest', options: { steps: [{ op: 'sleep', ms: 0 }] } }));
    const failing = Array.from({ length: 2 }, () => ({ type: 'selftest', options: { steps: [{ op: 'fail' }] } }));
    const batch = (await call('/api/jobs/batch', { method: 'POST', body: { jobs: [...quick, ...failing] } })) as { jobs: JobReply[] };
    const finished = await waitForJobs(batch.jobs.map((job) => job.id));
    assert.equal(finished.filter((job) => job.status === 'failed').length, 2);

    const { page, context, assertNoProblems } = await openPage(browser, 'desktop', server.base);
    await signIn(page, '/jobs');
    const rows = page.getByRole('list', { name: /^Jobs, page/ }).getByRole('listitem');
    await page.getByRole('list', { name: 'Jobs, page 1' }).waitFor();
    assert.equal(await rows.count(), 10, `ten a page: ${await page.locator('main').innerText()}`);
    await assertAccessible(page, 'jobs list');

    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByRole('list', { name: 'Jobs, page 2' }).waitFor();
    assert.equal(await rows.count(), 3, 'the rest on page 2');
    assert.ok(new URL(page.url()).searchParams.get('cursor'), 'the page is in the address');
    assert.equal(await page.getByRole('button', { name: 'Next page' }).isDisabled(), true, 'no page 3');
    await page.reload();
    await page.getByRole('list', { name: 'Jobs, page 2' }).waitFor();
    assert.equal(await rows.count(), 3, 'a reload shows the same page');
    await page.getByRole('button', { name: 'Previous page' }).click();
    await page.getByRole('list', { name: 'Jobs, page 1' }).waitFor();
    assert.equal(await rows.count(), 10);

    await page.getByLabel('Status').selectOption('failed');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/status=failed/);
    await page.getByRole('list', { name: 'Jobs, page 1' }).waitFor();
    await waitInPage(page, "document.querySelectorAll('.job-list li').length === 2");
    assert.deepEqual(await rows.locator('.badge').allTextContents(), ['Failed', 'Failed']);
    assert.equal(await page.getByRole('button', { name: 'Next page' }).isDisabled(), true);

    // The title search, with the status filter kept; then a kind with no job of it.
    await page.getByLabel('Title contains').fill('sleep');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByText('No job matches these filters.').waitFor();
    assert.deepEqual(Object.fromEntries(new URL(page.url()).searchParams), { status: 'failed', q: 'sleep' });
    await page.getByRole('button', { name: 'Clear filters' }).click();
    // The filter form is rebuilt from the new address: a choice made in the old one would be lost.
    await waitInPage(page, "location.search === '' && document.querySelector('form[role=search] input[name=q]')?.value === ''");
    await page.getByLabel('Kind').selectOption('dub');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByText('No job matches these filters.').waitFor();
    await page.goBack();
    await page.goBack();
    await page.waitForURL(/status=failed&q=sleep/);
    assert.equal(await page.getByLabel('Title contains').inputValue(), 'sleep', 'Back shows the filters of that address');

    // A row leads to its job; a failure reads as a sentence.
    await page.goto('/jobs?status=failed');
    await page.getByRole('link', { name: 'selftest: fail' }).first().click();
    await page.waitForURL(/\/jobs\/[0-9a-f-]+$/);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.equal(await alert.textContent(), 'The self-test failed, as it was asked to.');
    await assertAccessible(page, 'failed job');
    assertNoProblems();
    await context.close();
  });

  test('phone: a dub from the form, followed live to the end; its log, files and dubbed video', { timeout: 150_000 }, async () => {
    const scratch = scratchDir('web-jobs');
    const source = await testVideo(join(scratch, 'scene.mp4'), { seconds: 6, codec: 'h264', audio: 'silence' });
    const video = await upload(readFileSync(source), 'scene.mp4', 'video');
    const subtitles = await upload(Buffer.from(SRT), 'scene.en.srt', 'subtitles');

    const { page, context, assertNoProblems } = await openPage(browser, 'phone', server.base);
    await signIn(page, `/jobs/new?upload=${video}`);
    await page.getByRole('heading', { name: 'Dub a video' }).waitFor();
    assert.equal(await page.getByLabel('Video upload').inputValue(), video, 'the video comes from the address');
    // Each input offers only the person's accepted uploads of its kind, by file name.
    const offered = async (label: string) => page.getByLabel(label).locator('option').allTextContents();
    await page.getByLabel('Video upload').locator('option', { hasText: 'scene.mp4 · ' }).waitFor({ state: 'attached' });
    assert.ok(!(await offered('Translated subtitles')).some((text) => text.startsWith('scene.mp4')), 'a video is never offered as subtitles');
    // Without subtitles this server (no speech recognition) refuses; the refusal reads as a sentence beside the form.
    await page.getByRole('button', { name: 'Start the dub' }).click();
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    assert.match((await refusal.textContent()) ?? '', /^[A-Z][^{}]*\.$/);
    assert.equal(new URL(page.url()).pathname, '/jobs/new');
    // With them it goes through.
    await page.getByLabel('Translated subtitles').selectOption(subtitles);
    await page.getByLabel('Dub into').selectOption('en');
    await page.getByLabel('Language of the video').selectOption('ja');
    // The voices come from the offline voice's own list, those for English first.
    const voice = page.getByLabel('Voice', { exact: true });
    await page.locator('optgroup[label="Speaks this language"] option[value="gmw/en-US"]').waitFor({ state: 'attached' });
    await voice.selectOption('gmw/en-US');
    await assertAccessible(page, 'new dub form');

    // Watch the page from here on: each distinct status sentence and overall progress it shows.
    await page.evaluate(`window.__seen = [];
      new MutationObserver(() => {
        const status = document.querySelector('.job-status');
        const bar = document.querySelector('progress');
        if (!status || !bar) return;
        const seen = status.textContent + ' @ ' + bar.value;
        if (window.__seen.at(-1) !== seen) window.__seen.push(seen);
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });`);
    const ranges: number[] = [];
    page.on('response', (response) => {
      // The player's source is a signed URL of the phone video (mobile.mp4, or dubbed.mp4 when that is fit).
      if (/\/artifacts\/(dubbed|mobile)\.mp4$/.test(new URL(response.url()).pathname)) ranges.push(response.status());
    });
    // A double tap makes one job (the Idempotency-Key, and the button waits for the answer).
    await page.getByRole('button', { name: 'Start the dub' }).dblclick();
    await page.waitForURL(/\/jobs\/[0-9a-f-]+$/);
    const jobId = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByRole('heading', { name: 'dub → en' }).waitFor();
    await page.getByRole('status').filter({ hasText: /^Running / }).waitFor({ timeout: 60_000 });
    await assertAccessible(page, 'running dub');
    await page.locator('.job-status', { hasText: /^Done$/ }).waitFor({ timeout: 120_000 });

    const seen = (await page.evaluate('window.__seen')) as string[];
    const intermediate = seen.filter((entry) => /^Running \S+, step \d+ of 10 @ 0\.\d+$/.test(entry) && !entry.endsWith(' @ 0'));
    assert.ok(intermediate.length >= 1, `live progress was shown before the end: ${JSON.stringify(seen)}`);
    assert.match(seen.at(-1)!, /^Done @ 1$/);
    assert.deepEqual(await page.locator('.stage .muted').allTextContents(), ['done', 'done', 'skipped', 'skipped', 'done', 'done', 'done', 'done', 'done', 'done']);
    const dubs = (await call('/api/jobs?type=dub')) as { jobs: JobReply[] };
    assert.deepEqual(dubs.jobs.map((job) => job.id), [jobId], 'one job for the double tap');

    const log = page.getByRole('log', { name: 'Log' });
    await log.locator('li').first().waitFor();
    assert.ok((await log.locator('li').count()) >= 1);
    assert.ok(!((await log.textContent()) ?? '').includes('Good morning'), 'no transcript text in the log');

    const files = page.getByRole('region', { name: 'Files' });
    for (const name of ['dubbed.mp4', 'subtitles.en.vtt', 'subtitles.en.srt', 'segments.json']) {
      assert.equal(await files.getByRole('link', { name }).getAttribute('href'), `/api/jobs/${jobId}/artifacts/${name}`);
    }
    assert.equal(await page.locator('video track').getAttribute('srclang'), 'en');
    await assertAccessible(page, 'finished dub');

    const playback = await playVideo(page);
    assert.equal(playback.error, null);
    assert.ok(playback.readyState >= 2, `readyState ${playback.readyState}`);
    assert.ok(playback.advanced >= 0.5, `the video played (${playback.advanced} s)`);
    assert.ok(ranges.includes(206), `Chromium streamed with Range: ${JSON.stringify(ranges)}`);
    assertNoProblems();
    await context.close();
  });

  test('phone: a running job is cancelled after a confirmation', { timeout: 60_000 }, async () => {
    const job = (await call('/api/jobs', { method: 'POST', body: { type: 'selftest', options: { steps: [{ op: 'sleep', ms: 60_000 }] } } })) as unknown as JobReply;
    const { page, context, assertNoProblems } = await openPage(browser, 'phone', server.base);
    await signIn(page, `/jobs/${job.id}`);
    await page.locator('.job-status', { hasText: /^Running step-1/ }).waitFor({ timeout: 30_000 });

    await page.getByRole('button', { name: 'Cancel job' }).click();
    const question = page.getByRole('group', { name: /Cancel this job\?/ });
    await question.waitFor();
    await assertAccessible(page, 'cancel confirmation');
    await question.getByRole('button', { name: 'Keep it running' }).click();
    assert.equal(((await call(`/api/jobs/${job.id}`)) as unknown as JobReply).status, 'running', 'keeping it changes nothing');

    await page.getByRole('button', { name: 'Cancel job' }).click();
    await page.getByRole('button', { name: 'Yes, cancel the job' }).click();
    await page.locator('.job-status', { hasText: /^Cancelled$/ }).waitFor({ timeout: 20_000 });
    assert.equal((await waitForJobs([job.id], 20_000))[0]!.status, 'cancelled');
    assert.equal(await page.getByRole('button', { name: 'Cancel job' }).count(), 0, 'no cancel once it ended');
    await assertAccessible(page, 'cancelled job');
    assertNoProblems();
    await context.close();
  });
});
