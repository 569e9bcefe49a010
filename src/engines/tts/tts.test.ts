import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { enginesFor, expectEngineError, startTtsFake, type TtsFakeOptions } from '../../../test/helpers/engine-fakes.js';
import type { TtsEngine } from '../types.js';
import { pcmWav, readWav } from '../wav.js';

const KEY = 'tts-key-5ac90e11d4';

async function withTts(options: TtsFakeOptions, body: (tts: TtsEngine, fake: Awaited<ReturnType<typeof startTtsFake>>) => Promise<void>, env: Record<string, string> = {}) {
  const fake = await startTtsFake(options);
  fake.expectedKey = KEY;
  try {
    await body(enginesFor({ TTS_ENGINE: 'openai', TTS_URL: fake.url, TTS_API_KEY: KEY, ...env }).tts!, fake);
  } finally {
    await fake.close();
  }
}

describe('TTS over the OpenAI shape (POST /v1/audio/speech)', () => {
  test('asks for a finished WAV (stream:false) with model, input, voice, speed and the key as Bearer; returns PCM WAV', () =>
    withTts(
      {},
      async (tts, fake) => {
        const wav = await tts.synthesize({ text: 'Hello there.', voice: 'af_heart', speed: 1.2 });
        const info = readWav(wav);
        assert.ok('durationMs' in info && info.format === 'pcm' && info.sampleRate === 24_000);
        const request = fake.requests.at(-1)!;
        assert.equal(request.path, '/v1/audio/speech');
        assert.equal(request.headers.authorization, `Bearer ${KEY}`);
        assert.deepEqual(request.json, { model: 'kokoro', input: 'Hello there.', voice: 'af_heart', response_format: 'wav', stream: false, speed: 1.2 });
        assert.equal(tts.defaultVoice, 'af_bella');
      },
      { TTS_MODEL: 'kokoro', DUB_VOICE_DEFAULT: 'af_bella' },
    ));

  test('a WAV with streaming placeholder sizes is repaired to its true sizes', () =>
    withTts({ streamingHeader: true }, async (tts) => {
      const wav = await tts.synthesize({ text: 'Hello.', voice: 'af_heart' });
      const view = new DataView(wav.buffer, wav.byteOffset);
      assert.equal(view.getUint32(4, true), wav.byteLength - 8);
      assert.equal(view.getUint32(40, true), wav.byteLength - 44);
    }));

  test('bytes that are not a PCM WAV file are engine_bad_response; so is a garbage body', () =>
    withTts({ notWav: true }, async (tts, fake) => {
      await expectEngineError(tts.synthesize({ text: 'Hello.', voice: 'af_heart' }), 'engine_bad_response', KEY);
      fake.options.notWav = false;
      fake.faults = { garbage: true };
      await expectEngineError(tts.synthesize({ text: 'Hello.', voice: 'af_heart' }), 'engine_bad_response', KEY);
    }));

  test('a speed outside 0.25–4 is the caller\'s mistake, refused before any request', () =>
    withTts({}, async (tts, fake) => {
      await assert.rejects(tts.synthesize({ text: 'a', voice: 'af_heart', speed: 9 }), RangeError);
      assert.equal(fake.requests.length, 0);
    }));

  test('voices from GET /v1/audio/voices in either of Kokoro\'s shapes; none where the engine has no list', async () => {
    await withTts({ voices: 'objects' }, async (tts) => assert.deepEqual(await tts.voices(), [{ id: 'af_heart', name: 'Heart' }, { id: 'af_bella', name: 'Bella' }]));
    await withTts({ voices: 'strings' }, async (tts) => assert.deepEqual(await tts.voices(), [{ id: 'af_heart' }, { id: 'af_bella' }]));
    await withTts({ voices: 'none' }, async (tts) => assert.deepEqual(await tts.voices(), []));
  });

  test('a voice list with ids that are not voice ids is engine_bad_response', () =>
    withTts({}, async (tts, fake) => {
      fake.faults = { paths: ['/v1/audio/voices'], garbage: true };
      await expectEngineError(tts.voices(), 'engine_bad_response');
    }));

  test('a slow engine times out: engine_unavailable after the retries', () =>
    withTts(
      {},
      async (tts, fake) => {
        fake.faults = { slowMs: 2_500 };
        await expectEngineError(tts.synthesize({ text: 'a', voice: 'af_heart' }), 'engine_unavailable', KEY);
        assert.equal(fake.requests.length, 2);
      },
      { ENGINE_TIMEOUT: '1s', ENGINE_RETRIES: '1' },
    ));
});

describe('WAV checks', () => {
  const good = pcmWav(new Int16Array(100), 16_000);
  test('PCM and float WAVs pass; other codecs, odd layouts and truncation do not', () => {
    assert.ok('durationMs' in readWav(good));
    const mutate = (offset: number, value: number, bytes = 2) => {
      const copy = good.slice();
      const view = new DataView(copy.buffer);
      if (bytes === 2) view.setUint16(offset, value, true);
      else view.setUint32(offset, value, true);
      return copy;
    };
    assert.match((readWav(mutate(20, 85)) as { problem: string }).problem, /not PCM/, 'MP3 in a WAV container');
    assert.match((readWav(mutate(22, 0)) as { problem: string }).problem, /channels/);
    assert.match((readWav(mutate(24, 100, 4)) as { problem: string }).problem, /sample rate/);
    assert.match((readWav(mutate(40, 10_000, 4)) as { problem: string }).problem, /truncated/);
    assert.match((readWav(good.slice(0, 44)) as { problem: string }).problem, /truncated/);
    assert.match((readWav(mutate(40, 0, 4).slice(0, 44)) as { problem: string }).problem, /no samples/);
    assert.match((readWav(new TextEncoder().encode('RIFF....WAVEjunk')) as { problem: string }).problem, /no fmt/);
  });
});
