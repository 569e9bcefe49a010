import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Type } from 'typebox';
import { Compile } from 'typebox/compile';
import { downUrl, type FakeEngine, startFake } from '../../test/helpers/engine-fakes.js';
import { Secret } from '../config/secret.js';
import { backoffDelay, createEngineClient, type EngineClientOptions } from './engine-http.js';
import { EngineError } from './errors.js';

const KEY = 'sk-engine-7d1f0c9a55b2e4';
const Ok = Compile(Type.Object({ ok: Type.Literal(true) }));

/** A client whose waits are recorded instead of slept, so backoff is measured without waiting for it. */
function clientFor(url: string, options: Partial<EngineClientOptions> = {}) {
  const sleeps: number[] = [];
  const client = createEngineClient({
    label: 'test engine',
    baseUrl: url,
    apiKey: new Secret(KEY),
    timeoutMs: 2_000,
    retries: 2,
    maxResponseBytes: 64 * 1024,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    ...options,
  });
  return { client, sleeps };
}

async function withFake(body: (fake: FakeEngine) => Promise<void>): Promise<void> {
  const fake = await startFake((request) => (request.path === '/echo-key' ? { status: 400, json: { detail: `bad key ${String(request.headers.authorization)}` } } : { json: { ok: true } }));
  try {
    await body(fake);
  } finally {
    await fake.close();
  }
}

async function rejectsWith(promise: Promise<unknown>, code: string, transient?: boolean): Promise<EngineError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof EngineError, `expected an EngineError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (transient !== undefined) assert.equal(error.transient, transient, error.message);
    assert.doesNotMatch(error.message, new RegExp(KEY));
    assert.doesNotMatch(error.message, /127\.0\.0\.1/);
    return error;
  }
  assert.fail(`expected ${code}`);
}

describe('engine HTTP client: retries and backoff', () => {
  test('5xx twice then OK: three requests, two bounded exponential waits', () =>
    withFake(async (fake) => {
      fake.faults = { failTimes: 2 };
      const { client, sleeps } = clientFor(fake.url);
      assert.deepEqual(await client.json({ path: '/x' }, Ok), { ok: true });
      assert.equal(fake.requests.length, 3);
      // random 0.5 with equal jitter: 3/4 of 500 ms, then of 1000 ms.
      assert.deepEqual(sleeps, [375, 750]);
    }));

  test('5xx every time: engine_unavailable (transient) after 1 + ENGINE_RETRIES attempts, no more', () =>
    withFake(async (fake) => {
      fake.faults = { failTimes: 100 };
      const { client, sleeps } = clientFor(fake.url, { retries: 3 });
      const error = await rejectsWith(client.request({ path: '/x' }), 'engine_unavailable', true);
      assert.equal(fake.requests.length, 4);
      assert.equal(sleeps.length, 3);
      assert.match(error.message, /HTTP 503.*4 attempts/);
    }));

  test('429 with a small Retry-After waits that long; a long one ends the retries at once', () =>
    withFake(async (fake) => {
      fake.faults = { failTimes: 1, failStatus: 429, retryAfter: '2' };
      const small = clientFor(fake.url);
      await small.client.request({ path: '/x' });
      assert.deepEqual(small.sleeps, [2000]);

      fake.faults = { failTimes: 5, failStatus: 429, retryAfter: '3600' };
      fake.requests.length = 0;
      const long = clientFor(fake.url);
      const error = await rejectsWith(long.client.request({ path: '/x' }), 'engine_unavailable', true);
      assert.equal(fake.requests.length, 1);
      assert.deepEqual(long.sleeps, []);
      assert.match(error.message, /wait 3600 s/);
    }));

  test('the backoff doubles, never exceeds its cap, and keeps at least half of it whatever the jitter', () => {
    const backoff = { baseMs: 500, maxMs: 8_000, maxRetryAfterMs: 10_000 };
    for (let index = 0; index < 30; index += 1) {
      const ceiling = Math.min(8_000, 500 * 2 ** index);
      for (const random of [0, 0.3, 0.999999]) {
        const delay = backoffDelay(backoff, index, () => random);
        assert.ok(delay >= ceiling / 2 && delay <= ceiling && delay <= 8_000, `attempt ${index}: ${delay}`);
      }
    }
    assert.notEqual(backoffDelay(backoff, 3, () => 0), backoffDelay(backoff, 3, () => 1), 'jitter spreads retries');
  });

  test('a timeout is retried and then engine_unavailable; each attempt is bounded by the timeout', () =>
    withFake(async (fake) => {
      fake.faults = { slowMs: 1_000 };
      const { client } = clientFor(fake.url, { timeoutMs: 100, retries: 1 });
      const started = Date.now();
      const error = await rejectsWith(client.request({ path: '/x' }), 'engine_unavailable', true);
      assert.ok(Date.now() - started < 900, 'gave up on each attempt at its timeout');
      assert.equal(fake.requests.length, 2);
      assert.match(error.message, /did not answer within 0\.1 s/);
    }));

  test('nothing listening: engine_unavailable after the retries', async () => {
    const { client, sleeps } = clientFor(await downUrl());
    const error = await rejectsWith(client.request({ path: '/x' }), 'engine_unavailable', true);
    assert.equal(sleeps.length, 2);
    assert.match(error.message, /connection refused/);
  });

  test('a cancelled call stops at once with the caller\'s reason, without retrying', () =>
    withFake(async (fake) => {
      fake.faults = { slowMs: 2_000 };
      const { client, sleeps } = clientFor(fake.url);
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error('job cancelled')), 50);
      await assert.rejects(client.request({ path: '/x', signal: controller.signal }), /job cancelled/);
      assert.deepEqual(sleeps, []);
    }));
});

describe('engine HTTP client: refusals and bad replies', () => {
  test('a 4xx is engine_rejected at once (not retried), with what the engine said minus the key', () =>
    withFake(async (fake) => {
      const { client } = clientFor(fake.url);
      const error = await rejectsWith(client.request({ path: '/echo-key' }), 'engine_rejected', false);
      assert.equal(fake.requests.length, 1);
      assert.equal(error.status, 400);
      assert.match(error.message, /bad key Bearer \[key\]/);
    }));

  test('a body that is not JSON, or JSON of the wrong shape, is engine_bad_response (not transient)', () =>
    withFake(async (fake) => {
      const { client } = clientFor(fake.url);
      fake.faults = { garbage: true };
      await rejectsWith(client.json({ path: '/x' }, Ok), 'engine_bad_response', false);
      fake.faults = {};
      await rejectsWith(client.json({ path: '/x' }, Compile(Type.Object({ ok: Type.Literal(false) }))), 'engine_bad_response', false);
      assert.equal(fake.requests.length, 2);
    }));

  test('a redirect is engine_bad_response and is never followed', async () => {
    const elsewhere = await startFake(() => ({ json: { ok: true } }));
    try {
      await withFake(async (fake) => {
        fake.faults = { redirectTo: `${elsewhere.url}/x` };
        const { client } = clientFor(fake.url);
        const error = await rejectsWith(client.json({ path: '/x' }, Ok), 'engine_bad_response', false);
        assert.match(error.message, /redirect/);
        assert.equal(elsewhere.requests.length, 0, 'the redirect target got nothing (and no key)');
      });
    } finally {
      await elsewhere.close();
    }
  });

  test('a reply past the size cap is cut off: engine_bad_response, without reading it all', () =>
    withFake(async (fake) => {
      fake.faults = { hugeBytes: 64 * 1024 * 1024 };
      const { client } = clientFor(fake.url, { maxResponseBytes: 256 * 1024 });
      const started = Date.now();
      const error = await rejectsWith(client.request({ path: '/x' }), 'engine_bad_response', false);
      assert.match(error.message, /more than 262144 bytes/);
      assert.ok(Date.now() - started < 1_500, 'aborted early');
      assert.equal(fake.requests.length, 1);
    }));

  test('a declared Content-Length past the cap is refused before the body is read', () =>
    withFake(async (fake) => {
      const { client } = clientFor(fake.url, { maxResponseBytes: 5 });
      await rejectsWith(client.request({ path: '/x' }), 'engine_bad_response', false);
    }));
});

describe('engine HTTP client: only the configured origin, keys only there', () => {
  test('every request goes to the configured origin; paths that could leave it are refused before sending', async () => {
    const urls: string[] = [];
    const spy: typeof fetch = async (input) => {
      urls.push(String(input));
      return new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } });
    };
    const { client } = clientFor('http://engine.lan:9000/prefix', { fetch: spy });
    await client.request({ path: '/v1/models', query: { type: 'target' } });
    for (const path of ['//evil.example/x', '/../x', '/a/../../x', 'http://evil.example/x', '/x\\@evil.example', '/x?y=1', '/x#y']) {
      await assert.rejects(client.request({ path }), /not allowed/, path);
    }
    assert.deepEqual(urls, ['http://engine.lan:9000/prefix/v1/models?type=target']);
  });

  test('the key travels as the scheme says: Bearer, DeepL-Auth-Key, or LibreTranslate\'s api_key field', () =>
    withFake(async (fake) => {
      await clientFor(fake.url).client.request({ path: '/x' });
      await clientFor(fake.url, { authScheme: 'deepl' }).client.request({ path: '/x' });
      await clientFor(fake.url, { authScheme: 'body' }).client.request({ path: '/x', json: { q: ['a'] } });
      await clientFor(fake.url, { apiKey: undefined }).client.request({ path: '/x' });
      const [bearer, deepl, body, none] = fake.requests;
      assert.equal(bearer!.headers.authorization, `Bearer ${KEY}`);
      assert.equal(deepl!.headers.authorization, `DeepL-Auth-Key ${KEY}`);
      assert.equal(body!.headers.authorization, undefined);
      assert.deepEqual(body!.json, { q: ['a'], api_key: KEY });
      assert.equal(none!.headers.authorization, undefined);
    }));
});
