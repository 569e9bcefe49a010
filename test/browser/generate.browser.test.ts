import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { assertAccessible, browserSkip, launchBrowser, openPage, signInTo, waitInPage } from '../helpers/browser.js';
import { type ComfyUiFake, startComfyUiFake } from '../helpers/comfyui-fake.js';
import { scratchDir } from '../helpers/dub-media.js';
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
    await signInTo(page, '/generate', 'mika', PASSWORD);
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

  test('phone: an admin installs a template from a file (one the engine cannot run is refused with the reason), people can pick it, it is removed; the published picture hidden, then shown again', { timeout: 120_000 }, async () => {
    const scratch = scratchDir('web-admin-templates');
    const shipped = JSON.parse(readFileSync(new URL('../../src/generation/templates/txt2img.json', import.meta.url), 'utf8')) as { graph: Record<string, { class_type: string }> };
    const portrait = join(scratch, 'portrait.json');
    writeFileSync(portrait, JSON.stringify({ ...shipped, name: 'portrait', title: 'Portrait, tall' }));
    const needsCustomNode = join(scratch, 'upscaled.json');
    writeFileSync(needsCustomNode, JSON.stringify({ ...shipped, name: 'upscaled', title: 'Upscaled', graph: { ...shipped.graph, '99': { class_type: 'FancyUpscaler', inputs: {} } } }));
    const notJson = join(scratch, 'notes.json');
    writeFileSync(notJson, 'these are my notes');

    const { page, context, assertNoProblems } = await openPage(browser, 'phone', server.base);
    await signInTo(page, '/admin', 'mika', PASSWORD);
    await page.getByRole('heading', { name: 'Administration' }).waitFor();
    await page.getByRole('link', { name: 'Workflow templates' }).click();
    await page.getByRole('heading', { name: 'Workflow templates' }).waitFor();
    const templates = page.getByRole('list', { name: 'Templates' });
    await templates.getByText('ships with Sakuga').first().waitFor();
    assert.equal(await templates.getByRole('button', { name: /^Remove/ }).count(), 0, 'the shipped templates cannot be removed');
    await assertAccessible(page, 'the templates page');

    const install = page.getByRole('form', { name: 'Install a template' });
    await install.getByLabel('Template file').setInputFiles(notJson);
    await install.getByRole('button', { name: 'Install' }).click();
    await install.getByRole('alert').filter({ hasText: 'That file is not JSON.' }).waitFor();

    await install.getByLabel('Template file').setInputFiles(needsCustomNode);
    await install.getByRole('button', { name: 'Install' }).click();
    await install.getByRole('alert').filter({ hasText: 'The generation engine cannot run this template' }).waitFor();
    await install.getByRole('list', { name: 'What is wrong with the template' }).getByText('node 99: ComfyUI has no FancyUpscaler (a custom node not installed?)').waitFor();
    await assertAccessible(page, 'the templates page, a template refused');

    await install.getByLabel('Template file').setInputFiles(portrait);
    await install.getByRole('button', { name: 'Install' }).click();
    await install.getByRole('status').filter({ hasText: 'Installed “Portrait, tall” (portrait).' }).waitFor();
    await templates.getByRole('heading', { name: 'Portrait, tall' }).waitFor();

    await page.getByRole('link', { name: 'Sakuga', exact: true }).click();
    await page.getByRole('link', { name: 'Generate an image or a clip' }).click();
    await page.getByLabel('Template').locator('option', { hasText: 'Portrait, tall' }).waitFor({ state: 'attached' });
    await page.goBack();
    await page.goBack();
    await templates.getByRole('button', { name: 'Remove Portrait, tall' }).click();
    await templates.getByRole('button', { name: 'Yes, remove it' }).click();
    await page.getByRole('status').filter({ hasText: 'Removed “Portrait, tall”.' }).waitFor();
    assert.equal(await templates.getByRole('heading', { name: 'Portrait, tall' }).count(), 0);

    // The picture the test before published: hidden from the gallery by the admin, then shown again.
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('link', { name: 'Gallery moderation' }).click();
    const listed = page.getByRole('list', { name: 'Public items' });
    await listed.getByRole('img', { name: 'A picture by mika' }).waitFor();
    await assertAccessible(page, 'gallery moderation');
    await listed.getByRole('button', { name: 'Hide: the picture by mika' }).click();
    await page.getByRole('status').filter({ hasText: 'Hid the picture by mika' }).waitFor();
    await page.getByText('Nothing is public.').waitFor();
    const anonymous = await (await fetch(`${server.base}/api/gallery`)).json() as { items: unknown[] };
    assert.deepEqual(anonymous.items, [], 'hidden from the public gallery');

    await page.getByLabel('Show').selectOption('hidden');
    const hidden = page.getByRole('list', { name: 'Hidden items' });
    await hidden.getByRole('button', { name: 'Show again: the picture by mika' }).click();
    await page.getByRole('status').filter({ hasText: 'The picture by mika is back in the gallery.' }).waitFor();
    await page.getByText('Nothing is hidden.').waitFor();
    assert.equal(((await (await fetch(`${server.base}/api/gallery`)).json()) as { items: unknown[] }).items.length, 1, 'back in the public gallery');
    assertNoProblems();
    await context.close();
  });
});
