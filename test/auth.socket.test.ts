import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startServer } from './helpers/process.js';

const PASSWORD = 'a long passphrase for the first admin';

/** Starts a server and creates its first admin through the setup API. */
async function serverWithAdmin(env: Record<string, string> = {}) {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'sakuga-auth-socket-')), 'data');
  const server = await startServer({ SAKUGA_DATA_DIR: dataDir, ...env });
  const base = `http://127.0.0.1:${server.port}`;
  const token = readFileSync(join(dataDir, 'setup-token'), 'utf8').trim();
  const setup = await fetch(`${base}/api/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, username: 'mika', password: PASSWORD }),
  });
  assert.equal(setup.status, 201);
  return { server, base };
}

async function cookieLogin(base: string) {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'mika', password: PASSWORD, mode: 'cookie' }),
  });
  assert.equal(response.status, 200);
  const setCookies = response.headers.getSetCookie();
  const cookie = setCookies.map((line) => line.split(';')[0]).join('; ');
  return { setCookies, cookie, csrf: ((await response.json()) as { csrf_token: string }).csrf_token };
}

test('cookie sessions and CSRF over a real socket with a real HTTP client', async () => {
  const { server, base } = await serverWithAdmin();
  try {
    const { setCookies, cookie, csrf } = await cookieLogin(base);
    const session = setCookies.find((line) => line.startsWith('sakuga_session='))!;
    assert.match(session, /; HttpOnly/i);
    assert.match(session, /; SameSite=Lax/i);
    assert.doesNotMatch(session, /; Secure/i, 'no Secure flag over plain HTTP, or the browser would drop it');

    const me = await fetch(`${base}/api/auth/me`, { headers: { cookie } });
    assert.equal(me.status, 200);
    assert.equal(me.headers.get('cache-control'), 'no-store');

    const post = (headers: Record<string, string>) => fetch(`${base}/api/auth/logout`, { method: 'POST', headers: { cookie, ...headers } });
    assert.equal((await post({})).status, 403, 'no CSRF token');
    assert.equal((await post({ 'x-csrf-token': csrf, origin: 'https://evil.example' })).status, 403, 'foreign origin');
    assert.equal((await post({ 'x-csrf-token': csrf, origin: base })).status, 204);
    assert.equal((await fetch(`${base}/api/auth/me`, { headers: { cookie } })).status, 401, 'revoked on the server');
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
});

test('behind HTTPS (PUBLIC_URL https://) cookies are Secure and __Host- prefixed', async () => {
  const { server, base } = await serverWithAdmin({ PUBLIC_URL: 'https://sakuga.example' });
  try {
    const { setCookies } = await cookieLogin(base);
    for (const line of setCookies) {
      assert.match(line, /^__Host-sakuga_(session|csrf)=/);
      assert.match(line, /; Secure/i);
      assert.match(line, /; Path=\//i);
      assert.doesNotMatch(line, /; Domain=/i);
    }
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
});
