import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { bearer, createUser, loginWithToken } from '../../test/helpers/auth.js';
import { downUrl, type FakeEngine, startAsrFake, startTtsFake } from '../../test/helpers/engine-fakes.js';
import { insertTestFile, submitJob } from '../../test/helpers/jobs.js';

const ASR_KEY = 'asr-secret-0c4f7e2b91';
const TRANSLATE_KEY = 'deepl-secret-77ab31d0e5:fx';

interface World {
  readonly t: TestApp;
  readonly asr: FakeEngine;
  readonly tts: FakeEngine;
  readonly viewer: string;
  readonly admin: string;
}

/** The real app with ASR and TTS fakes up, DeepL configured at an address where nothing listens. */
async function withWorld(body: (world: World) => Promise<void>): Promise<void> {
  const asr = await startAsrFake({ protocol: 'openai' });
  asr.expectedKey = ASR_KEY;
  const tts = await startTtsFake();
  const deeplDown = await downUrl();
  const t = await createTestApp({
    env: {
      ASR_ENGINE: 'openai',
      ASR_URL: asr.url,
      ASR_API_KEY: ASR_KEY,
      TRANSLATE_ENGINE: 'deepl',
      TRANSLATE_URL: deeplDown,
      TRANSLATE_API_KEY: TRANSLATE_KEY,
      TTS_ENGINE: 'openai',
      TTS_URL: tts.url,
      DUB_VOICE_DEFAULT: 'af_heart',
    },
  });
  try {
    await createUser(t, 'hana', 'viewer');
    await createUser(t, 'root', 'admin');
    const viewer = (await loginWithToken(t, 'hana')).access_token;
    const admin = (await loginWithToken(t, 'root')).access_token;
    await body({ t, asr, tts, viewer, admin });
  } finally {
    await t.close();
    await asr.close();
    await tts.close();
  }
}

const engines = (t: TestApp, token: string) => t.app.inject({ url: '/api/engines', headers: bearer(token) });

function assertNoSecrets(world: World, text: string): void {
  for (const secret of [ASR_KEY, TRANSLATE_KEY]) assert.ok(!text.includes(secret), 'a key left the server');
}

describe('GET /api/engines', () => {
  test('a signed-in viewer sees each engine, whether it answers, its models and voices, but no URL, key state or detail', () =>
    withWorld(async (world) => {
      const response = await engines(world.t, world.viewer);
      assert.equal(response.statusCode, 200, response.body);
      const body = response.json();
      assert.deepEqual(body.asr, { engine: 'openai', answers: true, models: ['Systran/faster-whisper-small'] });
      assert.deepEqual(body.translate, { engine: 'deepl', answers: false, models: [], languages: [] });
      assert.deepEqual(body.tts, {
        engine: 'openai',
        answers: true,
        models: ['kokoro', 'tts-1'],
        voices: [{ id: 'af_heart', name: 'Heart' }, { id: 'af_bella', name: 'Bella' }],
        default_voice: 'af_heart',
      });
      assert.doesNotMatch(response.body, /127\.0\.0\.1/);
      assertNoSecrets(world, response.body);
    }));

  test('an admin also sees URLs, whether a key is set (never the key) and why an engine does not answer', () =>
    withWorld(async (world) => {
      const body = (await engines(world.t, world.admin)).json();
      assert.equal(body.asr.url, world.asr.url);
      assert.equal(body.asr.api_key_set, true);
      assert.equal(body.tts.api_key_set, false);
      assert.equal(body.translate.api_key_set, true);
      assert.match(body.translate.detail, /translation engine \(deepl\) could not be reached \(connection refused\)/);
      assertNoSecrets(world, JSON.stringify(body));
      // The key went to its engine, and nowhere in the log.
      assert.equal(world.asr.requests[0]!.headers.authorization, `Bearer ${ASR_KEY}`);
      assertNoSecrets(world, world.t.logs.join('\n'));
    }));

  test('an admin\'s API key without admin:* sees what any user sees', () =>
    withWorld(async (world) => {
      const created = await world.t.app.inject({ method: 'POST', url: '/api/keys', headers: bearer(world.admin), payload: { name: 'dashboard', scopes: ['read:job'] } });
      assert.equal(created.statusCode, 201, created.body);
      const body = (await engines(world.t, created.json().key)).json();
      assert.equal(body.asr.url, undefined);
      assert.equal(body.asr.api_key_set, undefined);
    }));

  test('anonymous callers get 401', () =>
    withWorld(async (world) => {
      const response = await world.t.app.inject({ url: '/api/engines' });
      assert.equal(response.statusCode, 401);
      assert.equal(world.asr.requests.length, 0, 'no probe for an anonymous caller');
    }));

  test('probes are cached for a few seconds: a second look does not reach the engines again', () =>
    withWorld(async (world) => {
      await engines(world.t, world.viewer);
      const probes = world.asr.requests.length + world.tts.requests.length;
      assert.ok(probes >= 2);
      await engines(world.t, world.admin);
      await engines(world.t, world.viewer);
      assert.equal(world.asr.requests.length + world.tts.requests.length, probes);
    }));

  test('it is in the OpenAPI document', () =>
    withWorld(async (world) => {
      const document = (await world.t.app.inject({ url: '/api/openapi.json' })).json();
      assert.ok(document.paths['/api/engines']?.get);
    }));
});

describe('a dub that needs an engine this server lacks is refused at submission', () => {
  test('no translation engine: translate_engine_unavailable; no ASR engine: asr_engine_unavailable; both: accepted', async () => {
    const asr = await startAsrFake({ protocol: 'whisper-cpp' });
    const cases: Array<[Record<string, string>, string | undefined]> = [
      [{ ASR_ENGINE: 'whisper-cpp', ASR_URL: asr.url }, 'translate_engine_unavailable'],
      [{ TRANSLATE_ENGINE: 'libretranslate', TRANSLATE_URL: asr.url }, 'asr_engine_unavailable'],
      [{ ASR_ENGINE: 'whisper-cpp', ASR_URL: asr.url, TRANSLATE_ENGINE: 'libretranslate', TRANSLATE_URL: asr.url }, undefined],
    ];
    try {
      for (const [env, code] of cases) {
        const t = await createTestApp({ env });
        try {
          const user = await createUser(t, 'kaito', 'operator');
          const token = (await loginWithToken(t, 'kaito')).access_token;
          const upload = await insertTestFile(t, user.id, 'video', 'clip.mp4', 'unread', { durationSeconds: 30, streams: [{ type: 'video' }, { type: 'audio' }] });
          const response = await submitJob(t, token, { type: 'dub', options: { upload_id: upload, target_language: 'en' } });
          assert.equal(response.statusCode, code ? 422 : 201, response.body);
          if (code) assert.equal(response.json().error.code, code, JSON.stringify(env));
        } finally {
          await t.close();
        }
      }
    } finally {
      await asr.close();
    }
  });
});

describe('the offline voice, on a fresh install', () => {
  test('GET /api/engines shows espeak answering with its voices (listed by the voice program in its own process)', { timeout: 60_000 }, async () => {
    const t = await createTestApp();
    try {
      await createUser(t, 'kaito', 'viewer');
      const token = (await loginWithToken(t, 'kaito')).access_token;
      const body = (await t.app.inject({ url: '/api/engines', headers: bearer(token) })).json();
      assert.equal(body.tts.engine, 'espeak');
      assert.equal(body.tts.answers, true, JSON.stringify(body.tts));
      const ids = (body.tts.voices as Array<{ id: string }>).map((voice) => voice.id);
      assert.ok(ids.length > 50 && ids.some((id) => /en-us$/i.test(id)), `${ids.length} voices`);
    } finally {
      await t.close();
    }
  });
});
