import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestApp } from '../../test/helpers/app.js';

test('the setup page works under the CSP: no inline script, style or handler', async () => {
  const t = await createTestApp();
  try {
    const page = await t.app.inject({ url: '/setup' });
    assert.equal(page.statusCode, 200);
    assert.match(page.headers['content-type'] as string, /^text\/html/);
    assert.match(page.headers['content-security-policy'] as string, /script-src 'self'/);
    const html = page.body;
    for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
      assert.match(match[1]!, /\bsrc="\/setup\//, 'scripts load from our own origin');
      assert.equal(match[2]!.trim(), '', 'no inline script body');
    }
    assert.doesNotMatch(html, /<style\b|\sstyle=|\son[a-z]+=/i);

    for (const [url, type] of [['/setup/setup.js', /javascript/], ['/setup/setup.css', /text\/css/]] as const) {
      const asset = await t.app.inject({ url });
      assert.equal(asset.statusCode, 200, url);
      assert.match(asset.headers['content-type'] as string, type);
    }
    // The token travels in the URL fragment and is wiped from the address bar.
    const script = (await t.app.inject({ url: '/setup/setup.js' })).body;
    assert.match(script, /location\.hash/);
    assert.match(script, /history\.replaceState/);
  } finally {
    await t.close();
  }
});
