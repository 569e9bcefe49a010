import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser } from 'playwright-core';
import { assertAccessible, browserSkip, launchBrowser, openPage, signInTo } from '../helpers/browser.js';
import { SELFTEST_ENV } from '../helpers/jobs.js';
import { callApi, firstAdminToken, startWebServer, type WebServer } from '../helpers/web-server.js';

const PASSWORD = 'correct horse battery staple sakura';

describe('the library in Chromium', { skip: browserSkip }, () => {
  let server: WebServer;
  let browser: Browser;
  let token: string;
  const call = (path: string, init: { method?: string; body?: unknown } = {}) => callApi(server.base, token, path, init);

  /** Finished jobs with these titles, the way a person's dubs would sit in the library. */
  async function finishedJobs(titles: readonly string[]): Promise<string[]> {
    const batch = (await call('/api/jobs/batch', { method: 'POST', body: { jobs: titles.map(() => ({ type: 'selftest', options: { steps: [{ op: 'sleep', ms: 0 }] } })) } })) as { jobs: Array<{ id: string }> };
    const ids = batch.jobs.map((job) => job.id);
    for (const deadline = Date.now() + 30_000; ; await sleep(100)) {
      const jobs = await Promise.all(ids.map((id) => call(`/api/jobs/${id}`)));
      if (jobs.every((job) => job.status === 'succeeded')) break;
      if (Date.now() > deadline) assert.fail(`jobs not finished: ${JSON.stringify(jobs.map((job) => job.status))}`);
    }
    await Promise.all(ids.map((id, index) => call(`/api/jobs/${id}`, { method: 'PATCH', body: { title: titles[index] } })));
    return ids;
  }

  before(async () => {
    server = await startWebServer({ ...SELFTEST_ENV, ENABLE_HARD_DELETE: 'true', TRASH_DAYS: '14' });
    browser = await launchBrowser();
    token = await firstAdminToken(server, 'mika', PASSWORD);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('phone: find by words, describe with notes and tags, filter by a tag, archive, trash, restore, and empty the trash', { timeout: 120_000 }, async () => {
    const [cafe, opening, outtake] = await finishedJobs(['Episode 12 café scene', 'Opening titles', 'Blooper reel']);
    const { page, context, assertNoProblems } = await openPage(browser, 'phone', server.base);
    await signInTo(page, '/', 'mika', PASSWORD);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Library' }).click();
    await page.getByRole('heading', { name: 'Library', exact: true }).waitFor();
    const list = (name: string) => page.getByRole('list', { name });
    const shown = async (name = 'Library, page 1') => list(name).locator(':scope > li > a').allTextContents();
    /**
     * What `read` gives once `ready` holds for it, or what it gives after 5 s. After a navigation
     * or a change the list reloads: the old one can still be there when it is first looked at,
     * then make way for "Loading…", so reading it once could see either.
     */
    const eventually = async <T,>(read: () => Promise<T>, ready: (value: T) => boolean): Promise<T> => {
      for (const deadline = Date.now() + 5_000; Date.now() < deadline; await sleep(50)) {
        const value = await read();
        if (ready(value)) return value;
      }
      return read();
    };
    const shownWhen = (ready: (titles: string[]) => boolean, name = 'Library, page 1') => eventually(() => shown(name), ready);
    const same = (expected: readonly string[]) => (titles: string[]) => JSON.stringify([...titles].sort()) === JSON.stringify([...expected].sort());
    const shownSoon = (expected: readonly string[], name?: string) => shownWhen(same(expected), name);
    await list('Library, page 1').waitFor();
    assert.deepEqual((await shownSoon(['Blooper reel', 'Episode 12 café scene', 'Opening titles'])).sort(), ['Blooper reel', 'Episode 12 café scene', 'Opening titles']);
    await assertAccessible(page, 'the library');

    // Words, with the accent left off: the address keeps the search.
    await page.getByLabel('Search', { exact: true }).fill('cafe');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/q=cafe/);
    await list('Library, page 1').waitFor();
    assert.deepEqual(await shownSoon(['Episode 12 café scene']), ['Episode 12 café scene']);

    // Describe it: notes and tags, typed in one box.
    await page.getByRole('button', { name: 'Describe Episode 12 café scene' }).click();
    const form = page.getByRole('form', { name: 'Describe Episode 12 café scene' });
    await form.getByLabel('Notes').fill('Retake the ending; Mika sounds tired.');
    await form.getByLabel('Tags').fill('-bad');
    await form.getByRole('button', { name: 'Save' }).click();
    assert.match((await form.getByRole('alert').textContent()) ?? '', /“-bad” cannot be a tag/);
    await form.getByLabel('Tags').fill('season 2, retake, Season 2');
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved “Episode 12 café scene”.' }).waitFor();
    const tags = () => list('Tags of Episode 12 café scene').getByRole('button').allTextContents();
    assert.deepEqual(await eventually(tags, (shownTags) => shownTags.length > 0), ['retake', 'season 2'], 'kept once each, in order');
    assert.deepEqual(((await call(`/api/jobs/${cafe}`)) as { tags: string[] }).tags, ['retake', 'season 2']);

    // Notes are searched too; a tag is a filter of its own.
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.waitForURL((url) => url.search === '');
    // The search form is rebuilt from the new address (Clear goes with the old one): typing before that would be lost.
    await page.getByRole('button', { name: 'Clear' }).waitFor({ state: 'detached' });
    await page.getByLabel('Search', { exact: true }).fill('tired');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/q=tired/);
    await list('Library, page 1').waitFor();
    assert.deepEqual(await shownSoon(['Episode 12 café scene']), ['Episode 12 café scene']);
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByRole('button', { name: 'Show tag retake' }).click();
    await page.waitForURL(/tag=retake/);
    await page.getByText('Tagged retake').waitFor();
    // The heading follows the address at once; the list follows its answer.
    assert.deepEqual(await shownSoon(['Episode 12 café scene']), ['Episode 12 café scene']);
    await page.getByRole('button', { name: 'Show every tag' }).click();
    await page.waitForURL((url) => !url.search.includes('tag='));

    // Archived: out of the default view, in its own.
    await list('Library, page 1').waitFor();
    await page.getByRole('button', { name: 'Archive Opening titles' }).click();
    await page.getByRole('status').filter({ hasText: 'Archived “Opening titles”.' }).waitFor();
    await list('Library, page 1').waitFor();
    assert.ok(!(await shownWhen((titles) => titles.length > 0 && !titles.includes('Opening titles'))).includes('Opening titles'));
    await page.getByRole('navigation', { name: 'Library views' }).getByRole('link', { name: 'Archived' }).click();
    await list('Archived, page 1').waitFor();
    assert.deepEqual(await shownSoon(['Opening titles'], 'Archived, page 1'), ['Opening titles']);
    await page.getByRole('button', { name: 'Unarchive Opening titles' }).click();
    await page.getByText('Nothing archived.').waitFor();

    // The trash: restorable, says when it deletes for good, and empties on request after a question.
    await page.getByRole('navigation', { name: 'Library views' }).getByRole('link', { name: 'Library' }).click();
    await list('Library, page 1').waitFor();
    for (const title of ['Blooper reel', 'Opening titles']) {
      await page.getByRole('button', { name: `Move to trash: ${title}` }).click();
      await page.getByRole('status').filter({ hasText: `Moved “${title}” to the trash.` }).waitFor();
    }
    await page.getByRole('navigation', { name: 'Library views' }).getByRole('link', { name: 'Trash' }).click();
    await list('Trash, page 1').waitFor();
    assert.deepEqual((await shownSoon(['Blooper reel', 'Opening titles'], 'Trash, page 1')).sort(), ['Blooper reel', 'Opening titles']);
    await page.getByText('What you put in the trash is deleted for good 14 days later').waitFor();
    await list('Trash, page 1').locator(':scope > li', { hasText: 'Opening titles' }).getByText(/deleted for good on /).waitFor();
    await assertAccessible(page, 'the trash');
    await page.getByRole('button', { name: 'Restore Opening titles' }).click();
    await page.getByRole('status').filter({ hasText: 'Restored “Opening titles”.' }).waitFor();
    await list('Trash, page 1').waitFor();
    assert.deepEqual(await shownSoon(['Blooper reel'], 'Trash, page 1'), ['Blooper reel']);

    await page.getByRole('button', { name: 'Empty the trash' }).click();
    await page.getByRole('button', { name: 'Keep them' }).click();
    assert.equal(((await call(`/api/jobs/${outtake}`)) as { status: string }).status, 'succeeded', '"Keep them" keeps them');
    await page.getByRole('button', { name: 'Empty the trash' }).click();
    await page.getByRole('button', { name: 'Yes, empty the trash' }).click();
    await page.getByRole('status').filter({ hasText: 'Emptied the trash: 1 item deleted for good.' }).waitFor();
    await page.getByText('The trash is empty.').waitFor();
    const gone = await fetch(`${server.base}/api/jobs/${outtake}`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(gone.status, 404, 'emptied: gone for good');
    assert.equal(((await call(`/api/jobs/${opening}`)) as { status: string }).status, 'succeeded', 'what was restored stays');

    const overflow: number = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    assert.ok(overflow <= 0, `the library is ${overflow}px wider than the phone`);
    assertNoProblems();
    await context.close();
  });
});
