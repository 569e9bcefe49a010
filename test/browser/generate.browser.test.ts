import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { assertAccessible, browserSkip, launchBrowser, openPage, waitInPage } from '../helpers/browser.js';
import { type ComfyUiFake, startComfyUiFake } from '../helpers/comfyui-fake.js';
import { startWebServer, type WebServer } from '../helpers/web-server.js';

const PASSWORD = 'correct horse battery staple sakura';
const PROMPT = 'a red fox under cherry blossoms';

describe('generation in Chromium at a phone\'s width: generate, the project\'s history, publish, seen signed out', { skip: browserSkip }, () => {
  let server: WebServer;
  let browser: Browser;
  let fake: ComfyUiFake;

  before(async () => {
    // Slow enough steps that the job page shows the engine's preview frames while the sampler runs.
    fake = await startComfyUiFake({ steps: 3, stepMs: 800, previews: true });
    server = await startWebServer({ GENERATE_ENGINE: 'comfyui', GENERATE_URL: fake.url });
    browser = await launchBrowser();
    const setup = await fetch(`${server.base}/api/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: server.setupToken(), username: 'mika', password: PASSWORD }) });
    assert.equal(setup.status, 201, await setup.text());
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await fake?.close();
  });

  test('phone: a prompt with its counter → a live job → the result → version 1 of its project → published → in the gallery and through a share link, signed out', { timeout: 120_000 }, async () => {
    const { page, context, assertNoProblems } = await openPage(browser, 'phone', server.base);
    await page.goto('/sign-in?next=%2Fgenerate');
    await page.getByLabel('Username').fill('mika');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Generate' }).waitFor();

    await page.getByLabel('Template').selectOption('txt2img');
    await page.getByLabel('Prompt', { exact: true }).fill(PROMPT);
    await page.getByText(`${[...PROMPT].length} of 500 characters`).waitFor();
    await page.getByLabel('Size').selectOption('768x512');
    await page.getByLabel('Seed').fill('4242');
    await page.getByLabel('Steps').fill('4');
    await assertAccessible(page, 'the generate page');
    await page.getByRole('button', { name: 'Generate' }).click();

    await page.waitForURL(/\/jobs\/[0-9a-f]{32}$/);
    await page.getByRole('img', { name: "The engine's preview of what it is generating" }).waitFor({ timeout: 30_000 });
    await waitInPage(page, `(() => { const img = document.querySelector('.live-preview img'); return img !== null && img.complete && img.naturalWidth === 64; })()`);
    await assertAccessible(page, 'the job page with a live preview');
    await page.getByRole('heading', { name: 'Result' }).waitFor({ timeout: 60_000 });
    assert.equal(await page.locator('.live-preview').count(), 0, 'the preview gives way to the result');
    await assertAccessible(page, 'the job page with its result');
    await page.getByText('Seed 4242.').waitFor();
    const queued = [...fake.prompts.values()].at(-1)!.graph;
    assert.ok(Object.values(queued).some((node) => node.inputs.text === PROMPT), 'the prompt reached ComfyUI');
    assert.ok(Object.values(queued).some((node) => node.inputs.width === 768 && node.inputs.height === 512));
    assert.ok(Object.values(queued).some((node) => node.class_type === 'KSampler' && node.inputs.steps === 4), 'the steps asked for');

    await page.getByRole('link', { name: 'Version 1 of its project' }).click();
    await page.getByRole('heading', { name: PROMPT }).waitFor();
    await page.getByRole('heading', { name: /Version 1/ }).waitFor();
    const picture = page.getByRole('img', { name: `Version 1: ${PROMPT}` });
    await picture.waitFor();
    await waitInPage(page, `(() => { const img = document.querySelector('figure img.output-media'); return img !== null && img.complete && img.naturalWidth > 0; })()`);
    await assertAccessible(page, 'the project page');

    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published in the gallery.').waitFor();
    await page.getByRole('button', { name: 'Make private' }).waitFor();
    await page.getByRole('button', { name: 'Share link' }).click();
    const shareLink = await page.getByLabel(/Share link/).inputValue();
    assert.match(shareLink, /\/s\/[A-Za-z0-9_-]{43}$/);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);
    await page.goto('/gallery');
    const open = page.getByRole('button', { name: /Open the picture/ });
    await open.waitFor();
    assert.equal(await open.count(), 1, 'the published picture, and nothing else');
    await assertAccessible(page, 'the gallery');
    await open.click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.goto(shareLink);
    await page.getByRole('heading', { name: 'Shared with you' }).waitFor();
    await page.getByRole('img', { name: 'A generated picture' }).waitFor();
    await assertAccessible(page, 'the share page');
    assertNoProblems();
    await context.close();
  });
});
