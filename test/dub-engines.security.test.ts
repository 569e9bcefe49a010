import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import pino from 'pino';
import { createJobWorker } from '../src/jobs/engine.js';
import type { Worker } from '../src/jobs/worker.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { bearer, createUser, loginWithToken } from './helpers/auth.js';
import { scratchDir, testVideo } from './helpers/dub-media.js';
import { type FakeEngine, fakeTranslation, startAsrFake, startChatFake, startDeeplFake, startLibreTranslateFake, startTtsFake } from './helpers/engine-fakes.js';
import { SELFTEST_ENV, submitJob, submitSelftest, waitForJob } from './helpers/jobs.js';
import { tusUpload, verdictOf } from './helpers/tus.js';

const ASR_KEY = 'asr-key-Qm9vYmFyYmF6cXV4';
const TRANSLATE_KEY = 'translate-key-WmF6enl6b25l';
const LINES = [
  { start: 1.0, end: 3.0, text: ' おはよう、ミカ。' },
  { start: 4.5, end: 6.5, text: ' 絵コンテはできた？' },
];
const FINISHED = ['succeeded', 'failed', 'cancelled'];

/**
 * Engines are reached by the worker, never from inside the sandbox: real
 * sandboxed dubs through the API, with engine fakes on 127.0.0.1 that record
 * the worker's calls; the job process gets results and stable codes only.
 */
describe('a dub reaches its engines through the worker', () => {
  let t: TestApp;
  let worker: Worker;
  let token: string;
  let base: string;
  let asr: FakeEngine & { options: { segments?: Array<{ start: number; end: number; text: string }> } };
  let translator: FakeEngine & { options: { dropOne?: boolean } };
  let video: string;

  before(async () => {
    asr = await startAsrFake({ protocol: 'openai', segments: LINES });
    asr.expectedKey = ASR_KEY;
    translator = await startLibreTranslateFake();
    translator.expectedKey = TRANSLATE_KEY;
    t = await createTestApp({
      env: {
        ...SELFTEST_ENV,
        ASR_ENGINE: 'openai',
        ASR_URL: asr.url,
        ASR_API_KEY: ASR_KEY,
        ASR_MODEL: 'Systran/faster-whisper-small',
        TRANSLATE_ENGINE: 'libretranslate',
        TRANSLATE_URL: translator.url,
        TRANSLATE_API_KEY: TRANSLATE_KEY,
        ENGINE_TIMEOUT: '5s',
        ENGINE_RETRIES: '2',
        JOB_MAX_ATTEMPTS: '1',
      },
    });
    await createUser(t, 'kaito', 'operator');
    token = (await loginWithToken(t, 'kaito')).access_token;
    base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    worker = createJobWorker(t.services, { dialect: t.database.dialect, log: pino({ level: 'silent' }) });
    worker.start();
    const source = await testVideo(join(scratchDir('dub-engines'), 'scene.mp4'), { seconds: 8, codec: 'h264', audio: 'tone', language: 'jpn' });
    const id = await tusUpload(base, token, readFileSync(source), { filename: 'scene.mp4', kind: 'video' });
    assert.equal((await verdictOf(t, token, id)).status, 'accepted');
    video = id;
  });
  after(async () => {
    await worker.stop();
    await t.close();
    await asr.close();
    await translator.close();
  });

  function reset(): void {
    asr.requests.length = 0;
    translator.requests.length = 0;
    asr.faults = {};
    translator.faults = {};
    asr.options.segments = LINES;
    translator.options.dropOne = false;
  }

  async function dub() {
    const submitted = await submitJob(t, token, { type: 'dub', options: { upload_id: video, target_language: 'en', source_language: 'ja' } });
    assert.equal(submitted.statusCode, 201, submitted.body);
    const job = await waitForJob(t, token, submitted.json().id, (j) => FINISHED.includes(j.status), 200_000);
    const log = JSON.stringify((await t.app.inject({ url: `/api/jobs/${job.id}/log`, headers: bearer(token) })).json());
    const artifacts = ((await t.app.inject({ url: `/api/jobs/${job.id}/artifacts`, headers: bearer(token) })).json().artifacts as Array<{ name: string }>).map((a) => a.name);
    return { job, log, artifacts };
  }

  const posts = (fake: FakeEngine, path: string) => fake.requests.filter((request) => request.method === 'POST' && request.path === path);

  test('a dub from audio alone: the worker transcribes and translates with its keys; the job log never holds them', { timeout: 240_000 }, async () => {
    reset();
    const { job, log, artifacts } = await dub();
    assert.equal(job.status, 'succeeded', `${JSON.stringify(job.failure)}\n${log}`);
    assert.deepEqual((job.stages as Array<{ status: string }>).map((stage) => stage.status), Array(10).fill('done'));

    const [transcription] = posts(asr, '/v1/audio/transcriptions');
    assert.equal(posts(asr, '/v1/audio/transcriptions').length, 1);
    assert.equal(transcription!.headers.authorization, `Bearer ${ASR_KEY}`);
    const audio = transcription!.form!.find(([name]) => name === 'file')![1].bytes!;
    assert.equal(Buffer.from(audio.subarray(0, 4)).toString('latin1'), 'RIFF', 'the extracted WAV reached the engine');
    const translations = posts(translator, '/translate');
    assert.equal(translations.length, 1);
    assert.equal(translations[0]!.json!.api_key, TRANSLATE_KEY);
    assert.deepEqual(translations[0]!.json!.q, LINES.map((line) => line.text.trim()));

    const stored = await t.services.db.selectFrom('dub_segments').select(['id', 'start_ms', 'source_text', 'target_text']).where('job_id', '=', job.id).orderBy('position').execute();
    assert.deepEqual(
      stored.map((row) => [row.id, row.start_ms, row.source_text, row.target_text]),
      LINES.map((line, index) => [`s000${index + 1}`, line.start * 1000, line.text.trim(), fakeTranslation(line.text.trim(), 'en')]),
    );
    assert.ok(artifacts.includes('dubbed.mp4'));
    assert.ok(!artifacts.some((name) => name.startsWith('engine-input')), 'the ASR input is never published');
    for (const secret of [ASR_KEY, TRANSLATE_KEY, asr.url, translator.url]) assert.ok(!log.includes(secret), `the job log holds ${secret}`);
  });

  test('the job process itself cannot reach the engine: network_denied, and the fake records nothing', { timeout: 60_000 }, async () => {
    reset();
    const port = Number(new URL(asr.url).port);
    const id = await submitSelftest(t, token, [{ op: 'net', port }]);
    const job = await waitForJob(t, token, id, (j) => FINISHED.includes(j.status), 50_000);
    assert.equal(job.status, 'failed');
    assert.equal(job.failure.code, 'network_denied');
    assert.equal(asr.requests.length, 0, 'no connection from the job reached the fake');
  });

  test('ASR down: the worker retries, then the dub fails engine_unavailable', { timeout: 120_000 }, async () => {
    reset();
    asr.faults = { failTimes: 100 };
    const { job, artifacts } = await dub();
    assert.equal(job.status, 'failed');
    assert.equal(job.failure.code, 'engine_unavailable');
    assert.equal(posts(asr, '/v1/audio/transcriptions').length, 3, 'one attempt and ENGINE_RETRIES more');
    assert.ok(!artifacts.includes('dubbed.mp4'));
  });

  test('ASR garbage: engine_bad_response, no dub published', { timeout: 120_000 }, async () => {
    reset();
    asr.faults = { garbage: true };
    const { job, artifacts } = await dub();
    assert.equal(job.status, 'failed');
    assert.equal(job.failure.code, 'engine_bad_response');
    assert.ok(!artifacts.includes('dubbed.mp4'));
    assert.equal(posts(translator, '/translate').length, 0);
  });

  test('a transcript past the end of the audio: engine_bad_response, nothing stored', { timeout: 120_000 }, async () => {
    reset();
    asr.options.segments = [LINES[0]!, { start: 5, end: 60, text: ' 長すぎる' }];
    const { job, artifacts } = await dub();
    assert.equal(job.status, 'failed');
    assert.equal(job.failure.code, 'engine_bad_response');
    assert.ok(!artifacts.includes('dubbed.mp4'));
    const stored = await t.services.db.selectFrom('dub_segments').select('id').where('job_id', '=', job.id).execute();
    assert.equal(stored.length, 0, 'no segment from the bad transcript');
    assert.equal(posts(translator, '/translate').length, 0);
  });

  test('a translation missing a line: asked again, then engine_bad_response, no dub published', { timeout: 120_000 }, async () => {
    reset();
    translator.options.dropOne = true;
    const { job, artifacts } = await dub();
    assert.equal(job.status, 'failed');
    assert.equal(job.failure.code, 'engine_bad_response');
    assert.equal(posts(translator, '/translate').length, 2);
    assert.ok(!artifacts.includes('dubbed.mp4'));
  });
});

describe('a dub spoken by the TTS engine through the worker', () => {
  const TTS_KEY = 'tts-key-Y2xpcGNsaXBjbGlw';
  let t: TestApp;
  let worker: Worker;
  let token: string;
  let tts: FakeEngine;

  before(async () => {
    tts = await startTtsFake();
    tts.expectedKey = TTS_KEY;
    t = await createTestApp({ env: { TTS_ENGINE: 'openai', TTS_URL: tts.url, TTS_API_KEY: TTS_KEY, TTS_MODEL: 'kokoro', DUB_VOICE_DEFAULT: 'af_heart', ENGINE_TIMEOUT: '5s', JOB_MAX_ATTEMPTS: '1' } });
    await createUser(t, 'kaito', 'operator');
    token = (await loginWithToken(t, 'kaito')).access_token;
    const base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    worker = createJobWorker(t.services, { dialect: t.database.dialect, log: pino({ level: 'silent' }) });
    worker.start();
    const source = await testVideo(join(scratchDir('dub-tts'), 'scene.mp4'), { seconds: 8, codec: 'h264', audio: 'silence', language: 'jpn' });
    const srt = '1\n00:00:01,000 --> 00:00:03,000\nGood morning, Mika.\n\n2\n00:00:04,500 --> 00:00:06,500\nIs the storyboard done?\n';
    const ids: string[] = [];
    for (const [bytes, filename, kind] of [[readFileSync(source), 'scene.mp4', 'video'], [Buffer.from(srt), 'scene.en.srt', 'subtitles']] as const) {
      const id = await tusUpload(base, token, bytes, { filename, kind });
      assert.equal((await verdictOf(t, token, id)).status, 'accepted');
      ids.push(id);
    }
    const submitted = await submitJob(t, token, { type: 'dub', options: { upload_id: ids[0]!, target_language: 'en', imports: { translated_subtitles: ids[1]! } } });
    assert.equal(submitted.statusCode, 201, submitted.body);
    jobId = submitted.json().id;
  });
  let jobId: string;
  after(async () => {
    await worker.stop();
    await t.close();
    await tts.close();
  });

  test('each line is synthesized by the worker with its key and the default voice; the job writes the clips', { timeout: 240_000 }, async () => {
    const job = await waitForJob(t, token, jobId, (j) => FINISHED.includes(j.status), 200_000);
    const log = JSON.stringify((await t.app.inject({ url: `/api/jobs/${job.id}/log`, headers: bearer(token) })).json());
    assert.equal(job.status, 'succeeded', `${JSON.stringify(job.failure)}\n${log}`);
    const speech = tts.requests.filter((request) => request.method === 'POST' && request.path === '/v1/audio/speech');
    assert.deepEqual(speech.map((request) => request.json!.input), ['Good morning, Mika.', 'Is the storyboard done?']);
    assert.ok(speech.every((request) => request.headers.authorization === `Bearer ${TTS_KEY}` && request.json!.voice === 'af_heart'));
    const stored = await t.services.db.selectFrom('dub_segments').select('clip_sha256').where('job_id', '=', job.id).execute();
    assert.ok(stored.length === 2 && stored.every((row) => row.clip_sha256), 'each line has its clip');
    for (const secret of [TTS_KEY, tts.url]) assert.ok(!log.includes(secret), `the job log holds ${secret}`);
  });
});

/** The other protocols, each driven through a real sandboxed dub: the fakes get the worker's calls in their own shapes. */
describe('a dub from audio alone over each engine protocol', () => {
  const cases = [
    { name: 'whisper.cpp /inference + a chat model (/v1/chat/completions)', asr: 'whisper-cpp' as const, translate: 'openai' as const, path: '/inference', translatePath: '/v1/chat/completions' },
    { name: 'OpenAI-shape ASR + DeepL (/v2/translate)', asr: 'openai' as const, translate: 'deepl' as const, path: '/v1/audio/transcriptions', translatePath: '/v2/translate' },
  ];
  for (const entry of cases) {
    test(entry.name, { timeout: 240_000 }, async () => {
      const asr = await startAsrFake({ protocol: entry.asr, segments: LINES });
      const translator = entry.translate === 'openai' ? await startChatFake() : await startDeeplFake();
      const t = await createTestApp({
        env: {
          ASR_ENGINE: entry.asr,
          ASR_URL: asr.url,
          TRANSLATE_ENGINE: entry.translate,
          TRANSLATE_URL: translator.url,
          TRANSLATE_API_KEY: TRANSLATE_KEY,
          ...(entry.translate === 'openai' && { TRANSLATE_MODEL: 'qwen2.5:14b' }),
          JOB_MAX_ATTEMPTS: '1',
        },
      });
      const worker = createJobWorker(t.services, { dialect: t.database.dialect, log: pino({ level: 'silent' }) });
      try {
        await createUser(t, 'kaito', 'operator');
        const token = (await loginWithToken(t, 'kaito')).access_token;
        const base = await t.app.listen({ host: '127.0.0.1', port: 0 });
        worker.start();
        const source = await testVideo(join(scratchDir('dub-protocols'), 'scene.mp4'), { seconds: 8, codec: 'h264', audio: 'tone' });
        const video = await tusUpload(base, token, readFileSync(source), { filename: 'scene.mp4', kind: 'video' });
        assert.equal((await verdictOf(t, token, video)).status, 'accepted');
        const submitted = await submitJob(t, token, { type: 'dub', options: { upload_id: video, target_language: 'en', source_language: 'ja' } });
        assert.equal(submitted.statusCode, 201, submitted.body);
        const job = await waitForJob(t, token, submitted.json().id, (j) => FINISHED.includes(j.status), 200_000);
        const log = JSON.stringify((await t.app.inject({ url: `/api/jobs/${job.id}/log`, headers: bearer(token) })).json());
        assert.equal(job.status, 'succeeded', `${JSON.stringify(job.failure)}\n${log}`);
        assert.equal(asr.requests.filter((request) => request.method === 'POST' && request.path === entry.path).length, 1, 'the worker transcribed once');
        assert.ok(translator.requests.some((request) => request.method === 'POST' && request.path === entry.translatePath), 'the worker translated');
        const stored = await t.services.db.selectFrom('dub_segments').select(['id', 'target_text']).where('job_id', '=', job.id).orderBy('position').execute();
        assert.deepEqual(stored.map((row) => row.id), ['s0001', 's0002']);
        assert.ok(stored.every((row) => row.target_text && row.target_text.length > 0), 'each line was translated');
        assert.ok(!log.includes(TRANSLATE_KEY), 'no key in the job log');
      } finally {
        await worker.stop();
        await t.close();
        await asr.close();
        await translator.close();
      }
    });
  }
});
