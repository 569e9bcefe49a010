import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { enginesFor, expectEngineError, type FakeEngine, silenceWav, startAsrFake } from '../../../test/helpers/engine-fakes.js';
import type { EngineError } from '../errors.js';
import type { AsrEngine } from '../types.js';
import { transcriptFrom } from './segments.js';

const KEY = 'asr-key-93bd1e70c2';
const AUDIO = silenceWav(3_000);

async function withAsr(protocol: 'openai' | 'whisper-cpp', body: (asr: AsrEngine, fake: Awaited<ReturnType<typeof startAsrFake>>) => Promise<void>, env: Record<string, string> = {}) {
  const fake = await startAsrFake({ protocol });
  fake.expectedKey = KEY;
  try {
    const asr = enginesFor({ ASR_ENGINE: protocol, ASR_URL: fake.url, ASR_API_KEY: KEY, ...env }).asr!;
    await body(asr, fake);
  } finally {
    await fake.close();
  }
}

const field = (fake: FakeEngine, name: string) => fake.requests.at(-1)!.form!.filter(([key]) => key === name).map(([, part]) => part);

describe('ASR over the OpenAI shape (POST /v1/audio/transcriptions)', () => {
  test('sends the WAV as multipart with model, verbose_json and the literal timestamp_granularities[] key, and the key as Bearer', () =>
    withAsr(
      'openai',
      async (asr, fake) => {
        const transcript = await asr.transcribe({ audio: AUDIO, language: 'ja', prompt: 'Kaito, Mika' });
        assert.deepEqual(transcript, {
          language: 'ja',
          segments: [
            { startMs: 0, endMs: 1200, text: 'こんにちは。' },
            { startMs: 1500, endMs: 2750, text: '元気ですか？' },
          ],
        });
        const request = fake.requests.at(-1)!;
        assert.equal(request.path, '/v1/audio/transcriptions');
        assert.equal(request.headers.authorization, `Bearer ${KEY}`);
        const [file] = field(fake, 'file');
        assert.equal(file!.filename, 'audio.wav');
        assert.equal(file!.type, 'audio/wav');
        assert.deepEqual(file!.bytes, AUDIO);
        assert.deepEqual(field(fake, 'model').map((p) => p.value), ['Systran/faster-whisper-small']);
        assert.deepEqual(field(fake, 'response_format').map((p) => p.value), ['verbose_json']);
        assert.deepEqual(field(fake, 'timestamp_granularities[]').map((p) => p.value), ['segment']);
        assert.deepEqual(field(fake, 'timestamp_granularities').map((p) => p.value), []);
        assert.deepEqual(field(fake, 'language').map((p) => p.value), ['ja']);
        assert.deepEqual(field(fake, 'prompt').map((p) => p.value), ['Kaito, Mika']);
      },
      { ASR_MODEL: 'Systran/faster-whisper-small' },
    ));

  test('a base URL ending in /v1 (as OpenAI clients are configured) reaches the same paths', async () => {
    const fake = await startAsrFake({ protocol: 'openai' });
    try {
      const asr = enginesFor({ ASR_ENGINE: 'openai', ASR_URL: `${fake.url}/v1` }).asr!;
      await asr.transcribe({ audio: AUDIO });
      assert.equal(fake.requests.at(-1)!.path, '/v1/audio/transcriptions');
      assert.deepEqual(field(fake, 'model').map((p) => p.value), ['whisper-1'], 'the OpenAI default model when none is configured');
    } finally {
      await fake.close();
    }
  });

  test('LocalAI\'s integer nanoseconds are read as such', () =>
    withAsr('openai', async (asr, fake) => {
      fake.options.nanoseconds = true;
      const transcript = await asr.transcribe({ audio: AUDIO });
      assert.deepEqual(transcript.segments.map((s) => [s.startMs, s.endMs]), [[0, 1200], [1500, 2750]]);
      assert.equal(transcript.language, undefined);
    }));

  test('health lists the engine\'s models; a wrong key or a dead engine does not answer, and says why without the key', () =>
    withAsr('openai', async (asr, fake) => {
      assert.deepEqual(await asr.health(), { answers: true, models: ['Systran/faster-whisper-small'] });
      fake.faults = { failTimes: 5 };
      const health = await asr.health();
      assert.equal(health.answers, false);
      assert.equal(fake.requests.length, 2, 'a probe tries once');
      assert.doesNotMatch(health.detail ?? '', /127\.0\.0\.1/);
    }));
});

describe('ASR over whisper.cpp\'s server (POST /inference)', () => {
  test('sends file, response_format and language (auto when unknown), no model; reads detected_language', () =>
    withAsr('whisper-cpp', async (asr, fake) => {
      const transcript = await asr.transcribe({ audio: AUDIO });
      assert.equal(transcript.language, 'ja');
      assert.equal(transcript.segments.length, 2);
      assert.equal(fake.requests.at(-1)!.path, '/inference');
      assert.deepEqual(fake.requests.at(-1)!.form!.map(([name]) => name).sort(), ['file', 'language', 'response_format']);
      assert.deepEqual(field(fake, 'language').map((p) => p.value), ['auto']);
      assert.deepEqual(field(fake, 'response_format').map((p) => p.value), ['verbose_json']);
    }));

  test('health: /health answers, or 503 while the model loads', () =>
    withAsr('whisper-cpp', async (asr, fake) => {
      assert.deepEqual(await asr.health(), { answers: true });
      fake.options.loading = true;
      const loading = await asr.health();
      assert.equal(loading.answers, false);
      assert.match(loading.detail!, /503/);
    }));
});

describe('ASR replies are untrusted', () => {
  const bad: Array<[string, Array<{ start: number; end: number; text: string }>]> = [
    ['past the end of the audio', [{ start: 0, end: 1, text: 'a' }, { start: 2, end: 9.5, text: 'b' }]],
    ['negative', [{ start: -1, end: 1, text: 'a' }]],
    ['ending before it starts', [{ start: 2, end: 1, text: 'a' }]],
    ['going backwards', [{ start: 1.5, end: 2, text: 'a' }, { start: 0.5, end: 1, text: 'b' }]],
  ];
  for (const [what, segments] of bad) {
    test(`a segment ${what} is engine_bad_response`, () =>
      withAsr('openai', async (asr, fake) => {
        fake.options.segments = segments;
        await expectEngineError(asr.transcribe({ audio: AUDIO }), 'engine_bad_response', KEY);
      }));
  }

  test('JSON numbers that parse as Infinity (1e999) are refused', () => {
    const reply = JSON.parse('{"segments":[{"start":0,"end":1e999,"text":"a"}]}') as { segments: Array<{ start: number; end: number; text: string }> };
    assert.throws(() => transcriptFrom('ASR engine (test)', reply, AUDIO), (error: EngineError) => error.code === 'engine_bad_response');
    assert.throws(() => transcriptFrom('ASR engine (test)', { segments: [{ start: Number.NaN, end: 1, text: 'a' }] }, AUDIO), (error: EngineError) => error.code === 'engine_bad_response');
  });

  test('a reply that is not JSON, or has no segments, is engine_bad_response; a refusal is engine_rejected', () =>
    withAsr('whisper-cpp', async (asr, fake) => {
      fake.faults = { garbage: true };
      await expectEngineError(asr.transcribe({ audio: AUDIO }), 'engine_bad_response', KEY);
      fake.faults = { status: 400 };
      await expectEngineError(asr.transcribe({ audio: AUDIO }), 'engine_rejected', KEY);
    }));

  test('a 5xx is retried (ENGINE_RETRIES) and a wrong key is engine_rejected, not retried', () =>
    withAsr('openai', async (asr, fake) => {
      fake.faults = { failTimes: 2 };
      assert.equal((await asr.transcribe({ audio: AUDIO })).segments.length, 2);
      assert.equal(fake.requests.length, 3);
      fake.expectedKey = 'another-key';
      fake.requests.length = 0;
      await expectEngineError(asr.transcribe({ audio: AUDIO }), 'engine_rejected', KEY);
      assert.equal(fake.requests.length, 1);
    }));
});
