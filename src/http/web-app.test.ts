import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { loadWebApp, WEB_APP_ROOT } from './web-app.js';

const SHELL = '<!doctype html><html><head><script type="module" src="/assets/app-1a2b.js"></script></head><body><div id="root"></div></body></html>';
const SCRIPT = 'console.log("sakuga");'.repeat(50);

describe('the web app: shell, assets and history fallback', () => {
  let root: string;
  let t: TestApp;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'sakuga-web-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), SHELL);
    writeFileSync(join(root, 'assets', 'app-1a2b.js'), SCRIPT);
    writeFileSync(join(root, 'assets', 'app-1a2b.js.gz'), gzipSync(SCRIPT));
    t = await createTestApp({ webApp: loadWebApp(root) });
  });
  after(async () => {
    await t.close();
    rmSync(root, { recursive: true, force: true });
  });

  test('app paths get index.html, never cached, under the strict CSP', async () => {
    for (const url of ['/', '/setup', '/sign-in?next=%2Fjobs', '/jobs/abc/log', '/account/security']) {
      const response = await t.app.inject({ url });
      assert.equal(response.statusCode, 200, url);
      assert.equal(response.body, SHELL, url);
      assert.match(String(response.headers['content-type']), /^text\/html/);
      assert.equal(response.headers['cache-control'], 'no-store');
      assert.match(String(response.headers['content-security-policy']), /script-src 'self';style-src 'self'/);
    }
    assert.equal((await t.app.inject({ method: 'HEAD', url: '/jobs' })).statusCode, 200);
  });

  test('where mailed links and single sign-on land is the app, and no Referer ever carries the fragment', async () => {
    for (const url of ['/auth/magic-link', '/auth/confirm-email', '/auth/oidc', '/auth/qr']) {
      const response = await t.app.inject({ url });
      assert.equal(response.statusCode, 200, url);
      assert.equal(response.body, SHELL, url);
      assert.equal(response.headers['referrer-policy'], 'no-referrer', url);
    }
  });

  test('server paths never fall back to the app', async () => {
    for (const url of ['/api', '/api/nope', '/healthz/x', '/readyz/x', '/assets/missing-9z.js', '/assets', '/favicon.ico', '/robots.txt']) {
      const response = await t.app.inject({ url });
      assert.equal(response.statusCode, 404, url);
      assert.equal(response.json().error.code, 'not_found', url);
    }
    const post = await t.app.inject({ method: 'POST', url: '/jobs', payload: {} });
    assert.notEqual(post.body, SHELL);
  });

  test('hashed assets: immutable for a year, compressed when the browser accepts it', async () => {
    const plain = await t.app.inject({ url: '/assets/app-1a2b.js' });
    assert.equal(plain.statusCode, 200);
    assert.equal(plain.body, SCRIPT);
    assert.equal(plain.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.match(String(plain.headers['content-type']), /^text\/javascript/);
    assert.equal(plain.headers['content-encoding'], undefined);

    const gzipped = await t.app.inject({ url: '/assets/app-1a2b.js', headers: { 'accept-encoding': 'br;q=0, gzip' } });
    assert.equal(gzipped.headers['content-encoding'], 'gzip');
    assert.equal(gzipped.headers.vary, 'accept-encoding');
    assert.deepEqual(gzipped.rawPayload, gzipSync(SCRIPT));
    // No .br twin was built, so a br-only browser gets the plain file, not a mislabelled one.
    const brOnly = await t.app.inject({ url: '/assets/app-1a2b.js', headers: { 'accept-encoding': 'br' } });
    assert.equal(brOnly.headers['content-encoding'], undefined);
    assert.equal(brOnly.body, SCRIPT);
  });

  test('a request can only name a built asset, never a path on disk', async () => {
    for (const url of ['/assets/..%2Findex.html', '/assets/%2e%2e%2f%2e%2e%2fpackage.json', '/assets/app-1a2b.js.gz']) {
      const response = await t.app.inject({ url });
      assert.equal(response.statusCode, 404, url);
    }
  });
});

test('without a build, app paths say how to build it (503), and the API still works', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'sakuga-web-'));
  const t = await createTestApp({ webApp: loadWebApp(empty) });
  try {
    const response = await t.app.inject({ url: '/' });
    assert.equal(response.statusCode, 503);
    assert.match(response.body, /npm run build/);
    assert.equal((await t.app.inject({ url: '/healthz' })).statusCode, 200);
  } finally {
    await t.close();
    rmSync(empty, { recursive: true, force: true });
  }
});

test('the built index.html has no inline script or style (the CSP would block them)', { skip: !existsSync(join(WEB_APP_ROOT, 'index.html')) && 'web app not built' }, () => {
  const html = readFileSync(join(WEB_APP_ROOT, 'index.html'), 'utf8');
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    assert.match(match[1]!, /\bsrc="\/assets\//, 'scripts load from our own assets');
    assert.equal(match[2]!.trim(), '', 'no inline script body');
  }
  assert.doesNotMatch(html, /<style\b|\sstyle=|\son[a-z]+=|modulepreload/i);
});
