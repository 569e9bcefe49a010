import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { findByAccessToken } from '../src/auth/session-store.js';
import { signRequest } from '../src/access/sign-request.js';
import { sha256Hex } from '../src/crypto/tokens.js';
import { createTestApp } from '../test/helpers/app.js';
import { createUser, loginWithToken, TEST_PASSWORD } from '../test/helpers/auth.js';
import { createClient, percentile, throughput } from './http-client.js';

const WORKERS = 8;
const SECONDS = 3;
const ROUNDS = 3;

/**
 * Three figures for issue #3, each beside a baseline from the same run:
 * 1. throughput of authenticated GET /api/auth/me against a bare public route
 *    on the same server (goal: ratio ≥ 0.8), over real sockets with the server
 *    in its own process (/healthz is no fair baseline: it skips request logging);
 * 2. p50 cost of authenticating a bearer token, in-process (goal ≤ 50 µs),
 *    beside the bare indexed lookup it is built on;
 * 3. p99 latency of /api/auth/me while another client signs in 20 times a
 *    second (goal < 20 ms), beside its p99 without sign-ins.
 */
export const authBench = {
  describe: 'auth: p50 auth cost (session, API key, signed request), /api/auth/me throughput, p99 /me under 20 logins/s',
  async run(): Promise<void> {
    await authCost();
    await credentialCost();
    await overSockets();
  },
};

/** p50 in µs of `once`, after a warm-up. */
async function sample(once: () => Promise<unknown>, calls = 20_000): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 2_000; i += 1) await once();
  for (let i = 0; i < calls; i += 1) {
    const started = performance.now();
    await once();
    times.push((performance.now() - started) * 1000);
  }
  return percentile(times, 50);
}

async function authCost(): Promise<void> {
  const t = await createTestApp({ env: { LOG_LEVEL: 'silent' } });
  try {
    await createUser(t, 'mika', 'viewer');
    const { access_token } = await loginWithToken(t, 'mika');
    const hash = sha256Hex(access_token);
    const full = await sample(() => t.services.sessions.authenticate('bearer', access_token, '127.0.0.1'));
    const lookup = await sample(() => findByAccessToken(t.services.db, hash, new Date().toISOString()));
    console.log('auth cost: authenticate a bearer token (SQLite), 20000 calls, p50');
    console.log(`  sakuga authenticate()          ${full.toFixed(1).padStart(7)} µs   (goal ≤ 50 µs)`);
    console.log(`  bare indexed token lookup      ${lookup.toFixed(1).padStart(7)} µs`);
    console.log(`  ratio                          ${(full / lookup).toFixed(2)}x`);
  } finally {
    await t.close();
  }
}

/**
 * What each kind of credential costs per request, on one route that all three
 * may reach (GET /api/keys/scopes, a static answer): a session's bearer token
 * (the baseline), an API key, and a signed request (key lookup, sealed secret,
 * HMAC and a nonce written to the database). In-process through inject, so the
 * difference is the credential's own cost.
 */
async function credentialCost(): Promise<void> {
  const t = await createTestApp({ env: { LOG_LEVEL: 'silent' } });
  try {
    await createUser(t, 'mika', 'viewer');
    const { access_token } = await loginWithToken(t, 'mika');
    const mint = async (requireSignature: boolean) => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/keys',
        headers: { authorization: `Bearer ${access_token}` },
        payload: { name: 'bench', scopes: ['keys:manage'], require_signature: requireSignature },
      });
      assert.equal(response.statusCode, 201, response.body);
      return response.json().key as string;
    };
    const plainKey = await mint(false);
    const signingKey = await mint(true);
    const route = '/api/keys/scopes';
    const call = async (headers: Record<string, string>) => {
      const response = await t.app.inject({ url: route, headers });
      if (response.statusCode !== 200) throw new Error(`${response.statusCode} ${response.body}`);
    };
    const session = await sample(() => call({ authorization: `Bearer ${access_token}` }), 10_000);
    const key = await sample(() => call({ authorization: `Bearer ${plainKey}` }), 10_000);
    // Signed beforehand, so the figure is the server's verification, not the client's signing.
    const presigned = Array.from({ length: 12_000 }, () => signRequest(signingKey, { method: 'GET', path: route }));
    let next = 0;
    const signed = await sample(() => call(presigned[next++]!), 10_000);
    const keyOnly = await sample(() => t.services.apiKeys.authenticate(plainKey, { ip: '127.0.0.1', requestId: 'bench' }));
    console.log(`credential cost: GET ${route} via inject, 10000 requests each, p50`);
    console.log(`  session bearer token           ${session.toFixed(1).padStart(7)} µs   (baseline)`);
    console.log(`  API key                        ${key.toFixed(1).padStart(7)} µs   ${(key / session).toFixed(2)}x`);
    console.log(`  signed request                 ${signed.toFixed(1).padStart(7)} µs   ${(signed / session).toFixed(2)}x`);
    console.log(`  API key authenticate() alone   ${keyOnly.toFixed(1).padStart(7)} µs`);
  } finally {
    await t.close();
  }
}

async function overSockets(): Promise<void> {
  const server = await startBenchServer();
  const client = createClient(server.port, WORKERS);
  try {
    const login = await client.send('POST', '/api/auth/login', { 'content-type': 'application/json' }, JSON.stringify({ username: 'mika', password: TEST_PASSWORD }));
    assert.equal(login.status, 200, login.body);
    const auth = { authorization: `Bearer ${JSON.parse(login.body).access_token}` };
    const me = () => client.send('GET', '/api/auth/me', auth);
    const bare = () => client.send('GET', '/bench/bare');
    assert.equal((await me()).status, 200);

    const meRates: number[] = [];
    const bareRates: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const order = round % 2 === 0 ? [0, 1] : [1, 0];
      for (const which of order) {
        if (which === 0) meRates.push(await throughput(me, WORKERS, SECONDS));
        else bareRates.push(await throughput(bare, WORKERS, SECONDS));
      }
    }
    const meRate = percentile(meRates, 50);
    const bareRate = percentile(bareRates, 50);
    console.log(`throughput: ${WORKERS} keep-alive connections, ${ROUNDS} interleaved rounds of ${SECONDS} s, median, server in its own process`);
    console.log(`  GET /api/auth/me (bearer)      ${Math.round(meRate).toLocaleString('en').padStart(7)} req/s`);
    console.log(`  GET /bench/bare (no auth)      ${Math.round(bareRate).toLocaleString('en').padStart(7)} req/s   same chain and logging, authenticates nothing`);
    console.log(`  ratio                          ${(meRate / bareRate).toFixed(2)}   (goal ≥ 0.8)`);

    const quiet = await latencies(me, 5);
    let logins = 0;
    let stop = false;
    const loginLoad = (async () => {
      const signIn = createClient(server.port, 4);
      const body = JSON.stringify({ username: 'mika', password: TEST_PASSWORD });
      const pending: Array<Promise<unknown>> = [];
      for (let next = performance.now(); !stop; next += 50) {
        pending.push(signIn.send('POST', '/api/auth/login', { 'content-type': 'application/json' }, body).then(() => (logins += 1)));
        await sleep(Math.max(0, next + 50 - performance.now()));
      }
      await Promise.all(pending);
      signIn.close();
    })();
    const loaded = await latencies(me, 10);
    stop = true;
    await loginLoad;
    console.log(`latency of GET /api/auth/me, one request at a time, p99 (logins completed during load: ${logins})`);
    console.log(`  while 20 logins/s              ${percentile(loaded, 99).toFixed(2).padStart(7)} ms   (goal < 20 ms; p50 ${percentile(loaded, 50).toFixed(2)} ms)`);
    console.log(`  without logins                 ${percentile(quiet, 99).toFixed(2).padStart(7)} ms   (p50 ${percentile(quiet, 50).toFixed(2)} ms)`);
    console.log(`  ratio                          ${(percentile(loaded, 99) / percentile(quiet, 99)).toFixed(2)}x`);
  } finally {
    client.close();
    server.child.kill('SIGTERM');
    await once(server.child, 'exit');
  }
}

async function startBenchServer(): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./auth-server.ts', import.meta.url))], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  return { port: (JSON.parse(line) as { port: number }).port, child };
}

async function latencies(once: () => Promise<{ status: number; ms: number }>, seconds: number): Promise<number[]> {
  const deadline = performance.now() + seconds * 1000;
  const values: number[] = [];
  while (performance.now() < deadline) {
    const { status, ms } = await once();
    assert.equal(status, 200);
    values.push(ms);
  }
  return values;
}
