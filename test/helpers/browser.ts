import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * Real Chromium for the web app's tests (Debian's package; `.ci/run` installs
 * it). Outside CI a machine without it skips these tests with one line; in CI
 * a missing browser is a failure.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const browserSkip: string | false = existsSync(CHROMIUM)
  ? false
  : process.env.CI === 'true'
    ? false // launchBrowser() then fails loudly
    : `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    // This machine has no network but loopback: without these, Chromium keeps dialling Google's hosts.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export const VIEWPORTS = {
  /** An ordinary phone: 375 CSS px wide, touch, mobile layout. */
  phone: { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  desktop: { viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

export interface TestPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Every CSP violation the page reported, and every uncaught page error. */
  readonly problems: string[];
  /** Fails the test on any CSP violation or page error so far. */
  assertNoProblems(): void;
}

/**
 * A fresh browser profile at a viewport, recording CSP violations (the
 * `securitypolicyviolation` event, hooked before any page script runs) and
 * uncaught errors. Playwright's bypassCSP stays off: the server's real policy applies.
 */
export async function openPage(browser: Browser, viewport: ViewportName, baseURL: string, options: { userAgent?: string } = {}): Promise<TestPage> {
  const context = await browser.newContext({ ...VIEWPORTS[viewport], baseURL, bypassCSP: false, ...(options.userAgent && { userAgent: options.userAgent }) });
  const problems: string[] = [];
  await context.exposeBinding('__reportCspViolation', (_source, text: string) => void problems.push(`CSP: ${text}`));
  // Page-side code as text: it runs in the browser, not under this file's (Node) types.
  await context.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (event) => {
      window.__reportCspViolation(event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline') + ' at ' + event.sourceFile + ':' + event.lineNumber);
    });`,
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return {
    context,
    page,
    problems,
    assertNoProblems() {
      assert.deepEqual(problems, [], 'the page reported CSP violations or errors');
    },
  };
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core against the page as it is now; any serious or critical violation
 * fails the test. It is evaluated through the DevTools protocol, which the
 * page's CSP does not govern, so the page itself needs no exception.
 */
export async function assertAccessible(page: Page, label: string): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  const violations: Array<{ id: string; impact: string; help: string; targets: string[] }> = await page.evaluate(`
    axe.run(document, { resultTypes: ['violations'] }).then((result) =>
      result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })))`);
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(serious, [], `axe found serious accessibility problems on ${label}`);
}

/**
 * Waits until an expression is true in the page, polling from here: a string
 * given to page.waitForFunction is polled with eval inside the page, which the
 * strict CSP (no 'unsafe-eval') refuses once the first check fails.
 */
export async function waitInPage(page: Page, expression: string, timeoutMs = 30_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(await page.evaluate(expression)); await new Promise((resolve) => setTimeout(resolve, 100))) {
    if (Date.now() > deadline) assert.fail(`not true in the page within ${timeoutMs} ms: ${expression}`);
  }
}

export interface Playback {
  readonly readyState: number;
  /** Seconds the playhead moved. */
  readonly advanced: number;
  readonly error: number | null;
}

/**
 * Plays the page's first <video> muted until it has advanced half a second
 * (or five seconds pass), then pauses. A play() that a new source interrupts
 * (the page swapped in the finished job's sources) is tried again, as a
 * person would tap play again; the playhead must still move.
 */
export async function playVideo(page: Page): Promise<Playback> {
  return (await page.evaluate(`(async () => {
    let video;
    for (let attempt = 1; ; attempt++) {
      video = document.querySelector('video');
      video.muted = true;
      try {
        await video.play();
        break;
      } catch (error) {
        if (error.name !== 'AbortError' || attempt === 3) throw error;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    const start = video.currentTime;
    for (let i = 0; i < 100 && video.currentTime < start + 0.5; i++) await new Promise((r) => setTimeout(r, 50));
    video.pause();
    return { readyState: video.readyState, advanced: video.currentTime - start, error: video.error && video.error.code };
  })()`)) as Playback;
}

/** Signs in through the sign-in page with a password, to be sent on to `next` (a path of the web app). */
export async function signInTo(page: Page, next: string, username: string, password: string): Promise<void> {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
