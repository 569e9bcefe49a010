import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser } from 'playwright-core';
import { assertAccessible, browserSkip, launchBrowser, openPage, signInTo } from '../helpers/browser.js';
import { scratchDir, testVideo } from '../helpers/dub-media.js';
import { callApi, firstAdminToken, startWebServer, uploadAccepted, type WebServer } from '../helpers/web-server.js';

const PASSWORD = 'correct horse battery staple sakura';
const SRT = '1\n00:00:00,500 --> 00:00:02,000\nBom dia, Mika.\n\n2\n00:00:03,000 --> 00:00:04,500\nO storyboard está pronto?\n';

describe('settings and privacy in Chromium', { skip: browserSkip }, () => {
  let server: WebServer;
  let browser: Browser;
  let token: string;
  const call = (path: string, init: { method?: string; body?: unknown } = {}) => callApi(server.base, token, path, init);

  const upload = (bytes: Buffer, filename: string, kind: string) => uploadAccepted(server.base, token, bytes, filename, kind);

  before(async () => {
    // The admin allows balanced and minimal only, balanced for whoever has not chosen.
    server = await startWebServer({ PRIVACY_MODE: 'balanced', PRIVACY_LEAST_MODE: 'balanced' });
    browser = await launchBrowser();
    token = await firstAdminToken(server, 'mika', PASSWORD);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('phone: a language, a voice and minimal privacy saved as defaults; a new dub starts from them and keeps only its outputs', { timeout: 150_000 }, async () => {
    const source = await testVideo(join(scratchDir('web-settings'), 'scene.mp4'), { seconds: 5, codec: 'h264', audio: 'silence' });
    const video = await upload(readFileSync(source), 'scene.mp4', 'video');
    const subtitles = await upload(Buffer.from(SRT), 'scene.pt-BR.srt', 'subtitles');

    const { page, context, assertNoProblems } = await openPage(browser, 'phone', server.base);
    await signInTo(page, '/', 'mika', PASSWORD);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings', exact: true }).waitFor();
    const modes = page.getByRole('group', { name: 'Privacy mode' }).getByRole('radio');
    const values = await Promise.all((await modes.all()).map((radio) => radio.getAttribute('value')));
    assert.deepEqual(values, ['', 'balanced', 'minimal'], 'off is not offered here');
    assert.ok(await page.getByLabel("The server's default (Balanced)").isChecked(), 'nothing chosen yet');
    await assertAccessible(page, 'settings');

    await page.getByLabel('Dub into').selectOption('pt-BR');
    // The offline voice's own list, those that speak the chosen language first.
    const voice = page.locator('optgroup[label="Speaks this language"] option').first();
    await voice.waitFor({ state: 'attached' });
    const voiceId = (await voice.getAttribute('value'))!;
    await page.getByLabel('Voice').selectOption(voiceId);
    await page.getByRole('radio', { name: 'Minimal', exact: true }).check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Your settings are saved' }).waitFor();
    const saved = await call('/api/settings');
    assert.deepEqual([saved.target_language, saved.voice, saved.privacy_mode], ['pt-BR', voiceId, 'minimal']);
    await page.reload();
    await page.getByRole('heading', { name: 'Settings', exact: true }).waitFor();
    await page.getByRole('radio', { name: 'Minimal', exact: true, checked: true }).waitFor();
    assert.equal(await page.getByLabel('Dub into').inputValue(), 'pt-BR', 'a reload shows what was saved');

    // The new-dub form starts from the defaults.
    await page.goto(`/jobs/new?upload=${video}`);
    await page.getByRole('heading', { name: 'Dub a video' }).waitFor();
    await page.getByLabel('Privacy mode').waitFor();
    await page.waitForFunction('document.querySelector(\'select[name="target_language"]\')?.value === "pt-BR"');
    assert.equal(await page.getByLabel('Voice', { exact: true }).inputValue(), voiceId);
    assert.equal(await page.getByLabel('Privacy mode').locator('option:checked').textContent(), 'Your default (Minimal)');
    await page.getByText('Only the finished outputs stay', { exact: false }).waitFor(); // the form says what the mode keeps
    await page.getByLabel('Video upload').locator('option', { hasText: 'scene.mp4 · ' }).waitFor({ state: 'attached' });
    await page.getByLabel('Translated subtitles').selectOption(subtitles);
    await assertAccessible(page, 'new dub form with defaults');
    await page.getByRole('button', { name: 'Start the dub' }).click();
    await page.waitForURL(/\/jobs\/[0-9a-f]{32}$/);
    const jobId = new URL(page.url()).pathname.split('/').pop()!;

    await page.locator('.badge-succeeded').waitFor({ timeout: 90_000 });
    assert.equal(await page.locator('dt', { hasText: 'Privacy mode' }).locator('xpath=following-sibling::dd[1]').textContent(), 'Minimal');
    const job = await call(`/api/jobs/${jobId}`);
    assert.equal(job.privacy_mode, 'minimal');
    assert.equal((job.options as { target_language: string }).target_language, 'pt-BR');
    assert.equal((job.options as { voice?: string }).voice, voiceId);
    // What the mode removed is among the job's files once the worker is done with it.
    for (const deadline = Date.now() + 20_000; ((await call(`/api/jobs/${jobId}/artifacts`)).artifacts as Array<{ name: string }>).every((a) => a.name !== 'retention_report.json'); await sleep(100)) {
      assert.ok(Date.now() < deadline, 'no retention report');
    }
    await page.reload();
    await page.getByRole('link', { name: 'retention_report.json' }).waitFor({ timeout: 20_000 });
    const report = await call(`/api/jobs/${jobId}/artifacts/retention_report.json`);
    assert.deepEqual(report.removed && (report.removed as { source_uploads: unknown }).source_uploads, { files: 2, bytes: readFileSync(source).length + Buffer.byteLength(SRT) });
    for (const id of [video, subtitles]) assert.equal((await fetch(`${server.base}/api/uploads/${id}`, { headers: { authorization: `Bearer ${token}` } })).status, 404, 'the uploads are erased');
    assertNoProblems();
    await context.close();
  });
});
