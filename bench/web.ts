import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { loadWebApp } from '../src/http/web-app.js';
import { createTestApp } from '../test/helpers/app.js';
import { createUser } from '../test/helpers/auth.js';
import { launchBrowser, VIEWPORTS } from '../test/helpers/browser.js';
import { median } from './measure.js';

const ROUNDS = 15;
const JS_BUDGET_BYTES = 150 * 1024;

/**
 * The baseline: the sign-in form as plain HTML with the app's own stylesheet
 * and no script, served by the same server from the same in-memory asset
 * table. Its time to interactive is what a browser needs for the page alone;
 * the app's extra is the JavaScript that renders the same form.
 */
function staticSignInPage(stylesheet: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sakuga</title><link rel="stylesheet" href="/assets/${stylesheet}"></head><body><main><section class="narrow"><h1>Sign in to Sakuga</h1>
<form class="stack"><div class="field"><label for="u">Username</label><input id="u" name="username" required></div>
<div class="field"><label for="p">Password</label><input id="p" name="password" type="password" required></div>
<button type="submit">Sign in</button></form></section></main></body></html>`;
}

interface Load {
  readonly ms: number;
  readonly scriptBytes: number;
  readonly totalBytes: number;
  /** How the scripts came over the wire (gzip, br…), as the browser negotiated. */
  readonly encodings: ReadonlySet<string>;
  /** The asset names of the scripts it loaded. */
  readonly scripts: ReadonlySet<string>;
}

/**
 * One cold first load in a fresh profile at a phone viewport: wall time from
 * navigation until the Sign in button can be clicked (rendered, enabled, the
 * main thread free to handle it), and the bytes on the wire (compressed) by type.
 */
async function firstLoad(browser: Browser, url: string): Promise<Load> {
  const context = await browser.newContext({ ...VIEWPORTS.phone });
  const page: Page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const types = new Map<string, string>();
  const encodings = new Set<string>();
  const scripts = new Set<string>();
  let scriptBytes = 0;
  let totalBytes = 0;
  cdp.on('Network.responseReceived', (event) => {
    types.set(event.requestId, event.type);
    if (event.type !== 'Script') return;
    encodings.add(String(event.response.headers['content-encoding'] ?? 'identity'));
    scripts.add(new URL(event.response.url).pathname.replace('/assets/', ''));
  });
  cdp.on('Network.loadingFinished', (event) => {
    totalBytes += event.encodedDataLength;
    if (types.get(event.requestId) === 'Script') scriptBytes += event.encodedDataLength;
  });
  const start = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.getByRole('button', { name: 'Sign in' }).click({ trial: true });
  // The click is only possible once a task can run: wait for one more task turn.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
  const ms = performance.now() - start;
  await page.waitForLoadState('networkidle');
  await context.close();
  return { ms, scriptBytes, totalBytes, encodings, scripts };
}

export const webBench = {
  describe: 'sign-in page first load at a phone viewport: JS transfer (gzip) and time to interactive vs a static page',
  async run(): Promise<void> {
    const webApp = loadWebApp();
    if (!webApp.shell) throw new Error('the web app is not built: run npm run build -w web');
    const stylesheet = [...webApp.assets.keys()].find((name) => name.endsWith('.css'));
    if (!stylesheet) throw new Error('the build has no stylesheet');
    const assets = new Map(webApp.assets);
    assets.set('bench-static-sign-in.html', { type: 'text/html; charset=utf-8', bodies: new Map([['identity', Buffer.from(staticSignInPage(stylesheet))]]) });

    const t = await createTestApp({ env: { LOG_LEVEL: 'silent' }, webApp: { shell: webApp.shell, assets } });
    await createUser(t, 'mika', 'admin');
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const browser = await launchBrowser();
    try {
      const app: Load[] = [];
      const plain: Load[] = [];
      await firstLoad(browser, `${base}/sign-in`); // warm the server and the browser binary
      for (let round = 0; round < ROUNDS; round += 1) {
        // Interleaved, so drift on a shared machine hits both alike.
        const order = round % 2 === 0 ? ['app', 'static'] : ['static', 'app'];
        for (const which of order) {
          if (which === 'app') app.push(await firstLoad(browser, `${base}/sign-in`));
          else plain.push(await firstLoad(browser, `${base}/assets/bench-static-sign-in.html`));
        }
      }
      const appMs = median(app.map((load) => load.ms));
      const staticMs = median(plain.map((load) => load.ms));
      // The goal is stated for gzip: the same scripts' gzip twins, whatever the browser negotiated.
      const script = [...app[0]!.scripts].reduce((sum, name) => sum + (webApp.assets.get(name)?.bodies.get('gzip')?.length ?? 0), 0);
      console.log(`web: sign-in page, cold first load in Chromium at 375 px, ${ROUNDS} interleaved rounds, median`);
      console.log(`  sakuga app /sign-in          ${appMs.toFixed(0).padStart(6)} ms to interactive, ${(app[0]!.totalBytes / 1024).toFixed(1)} KB transferred, ${(app[0]!.scriptBytes / 1024).toFixed(1)} KB of it JavaScript (${[...app[0]!.encodings].join(', ')})`);
      console.log(`  static page, same server     ${staticMs.toFixed(0).padStart(6)} ms to interactive, ${(plain[0]!.totalBytes / 1024).toFixed(1)} KB transferred`);
      console.log(`  ratio (app / static)         ${(appMs / staticMs).toFixed(2)}x (goal ≤ 2x)`);
      console.log(`  JavaScript on first load     ${(script / 1024).toFixed(1)} KB gzip in ${app[0]!.scripts.size} file(s), of a ${JS_BUDGET_BYTES / 1024} KB budget (${script <= JS_BUDGET_BYTES ? 'within' : 'OVER'})`);
    } finally {
      await browser.close();
      await t.close();
    }
  },
};
