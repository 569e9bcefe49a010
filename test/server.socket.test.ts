import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { databaseTargets } from './helpers/databases.js';
import { startServer } from './helpers/process.js';

const PASSWORD = 'a long passphrase for the first admin';

function freshDataDir(): string {
  return join(mkdtempSync(join(tmpdir(), 'sakuga-serve-')), 'data');
}

test('over a real socket: health, headers, first-run setup once', async () => {
  const dataDir = freshDataDir();
  const server = await startServer({ SAKUGA_DATA_DIR: dataDir });
  const base = `http://127.0.0.1:${server.port}`;
  try {
    const health = await fetch(`${base}/healthz`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok' });
    assert.equal(health.headers.get('server'), null);
    assert.equal(health.headers.get('x-powered-by'), null);
    assert.equal(health.headers.get('cache-control'), 'no-store');
    assert.match(health.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    assert.match(health.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);

    const ready = await fetch(`${base}/readyz`);
    assert.equal(ready.status, 200);
    assert.deepEqual(await ready.json(), { status: 'ready', checks: { database: true, data_dir: true, storage: true } });

    // Output is not a terminal here, so the token stays out of it; the URL and the file are named.
    const token = readFileSync(join(dataDir, 'setup-token'), 'utf8').trim();
    assert.match(server.output(), new RegExp(`Create the first admin: ${base}/setup\\n`));
    assert.ok(!server.output().includes(token), 'the setup token was printed');

    const page = await fetch(`${base}/setup`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);

    const create = () =>
      fetch(`${base}/api/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, username: 'mika', password: PASSWORD }),
      });
    assert.equal((await create()).status, 201);
    assert.equal((await create()).status, 410);
    assert.ok(!existsSync(join(dataDir, 'setup-token')));
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
});

const postgres = (await databaseTargets()).find((target) => target.dialect === 'postgres')!;

test('serves from PostgreSQL when DATABASE_URL is set', { skip: postgres.skip }, async () => {
  const database = await postgres.create();
  const config = database.config;
  assert.equal(config.kind, 'postgres');
  const server = await startServer({ SAKUGA_DATA_DIR: freshDataDir(), DATABASE_URL: config.kind === 'postgres' ? config.url.reveal() : '' });
  try {
    assert.match(server.output(), /"database":"postgres"/);
    const ready = await fetch(`http://127.0.0.1:${server.port}/readyz`);
    assert.equal(ready.status, 200);
    assert.deepEqual(await fetch(`http://127.0.0.1:${server.port}/api/setup`).then((r) => r.json()), { required: true });
  } finally {
    server.child.kill('SIGTERM');
    assert.equal(await server.exited, 0);
    await database.drop();
  }
});

test('SIGTERM: a request in flight completes, new connections are refused, exit 0', async () => {
  const server = await startServer({ SAKUGA_DATA_DIR: freshDataDir() });
  const body = JSON.stringify({ token: 'not-the-token', username: 'mika', password: PASSWORD });

  // Send the headers and half the body, then signal while the request is still arriving.
  const inFlight = request({
    host: '127.0.0.1',
    port: server.port,
    method: 'POST',
    path: '/api/setup',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    inFlight.on('response', (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    inFlight.on('error', reject);
  });
  inFlight.write(body.slice(0, 10));
  await sleep(200);
  server.child.kill('SIGTERM');
  await waitFor(() => server.output().includes('shutting down'));

  await assert.rejects(fetch(`http://127.0.0.1:${server.port}/healthz`), 'a new connection was accepted');

  inFlight.end(body.slice(10));
  const answer = await response;
  assert.equal(answer.status, 403);
  assert.equal(JSON.parse(answer.body).error.code, 'setup_token_invalid');
  assert.equal(await server.exited, 0);
  assert.match(server.output(), /shutdown complete/);
});

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(20);
  }
}
