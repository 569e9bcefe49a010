import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from './process.js';
import { tusUpload } from './tus.js';

export interface WebServer {
  readonly base: string;
  readonly dataDir: string;
  readonly server: RunningServer;
  /** The one-time first-run token the server wrote. */
  setupToken(): string;
  stop(): Promise<void>;
}

/** `sakuga serve` on a fresh data dir, serving the built web app (npm test builds it first). */
export async function startWebServer(env: Record<string, string> = {}): Promise<WebServer> {
  const root = mkdtempSync(join(tmpdir(), 'sakuga-web-'));
  // Traversable (not listable), as a real data dir's parent is: job processes run as an unprivileged uid under root.
  chmodSync(root, 0o711);
  const dataDir = join(root, 'data');
  const server = await startServer({ SAKUGA_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env });
  return {
    base: `http://127.0.0.1:${server.port}`,
    dataDir,
    server,
    setupToken: () => readFileSync(join(dataDir, 'setup-token'), 'utf8').trim(),
    async stop() {
      server.child.kill('SIGTERM');
      await server.exited;
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The API as a script would call it, with a bearer token; fails the test on any error answer. */
export async function callApi(base: string, token: string, path: string, init: { method?: string; body?: unknown } = {}): Promise<Record<string, unknown>> {
  const response = await fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, ...(init.body !== undefined && { 'content-type': 'application/json' }) },
    ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
  });
  const body = (await response.json()) as Record<string, unknown>;
  assert.ok(response.ok, `${path}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

/** First run through the API: creates the admin from the setup token and signs them in; returns their bearer token. */
export async function firstAdminToken(server: WebServer, username: string, password: string): Promise<string> {
  const json = { 'content-type': 'application/json' };
  const setup = await fetch(`${server.base}/api/setup`, { method: 'POST', headers: json, body: JSON.stringify({ token: server.setupToken(), username, password }) });
  assert.equal(setup.status, 201, await setup.text());
  const login = await fetch(`${server.base}/api/auth/login`, { method: 'POST', headers: json, body: JSON.stringify({ username, password }) });
  assert.equal(login.status, 200, 'the new admin signs in');
  return ((await login.json()) as { access_token: string }).access_token;
}

/** A tus upload of `bytes` to the server as `token`'s owner, waited on until accepted; its id. */
export async function uploadAccepted(base: string, token: string, bytes: Buffer, filename: string, kind: string): Promise<string> {
  const id = await tusUpload(base, token, bytes, { filename, kind });
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 100))) {
    const verdict = await callApi(base, token, `/api/uploads/${id}`);
    if (verdict.status === 'accepted') return id;
    assert.notEqual(verdict.status, 'rejected', JSON.stringify(verdict));
  }
  assert.fail(`upload ${filename} was not accepted in time`);
}
