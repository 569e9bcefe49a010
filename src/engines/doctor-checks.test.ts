import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startComfyUiFake } from '../../test/helpers/comfyui-fake.js';
import { downUrl, startAsrFake } from '../../test/helpers/engine-fakes.js';
import { loadConfig } from '../config/load.js';
import { checkEngines } from './doctor-checks.js';

test('doctor: each configured engine answered or not; unconfigured kinds warn; the key is never printed', async () => {
  const asr = await startAsrFake({ protocol: 'whisper-cpp' });
  try {
    const config = loadConfig({
      ASR_ENGINE: 'whisper-cpp',
      ASR_URL: asr.url,
      TTS_ENGINE: 'openai',
      TTS_URL: await downUrl(),
      TTS_API_KEY: 'tts-doctor-key-31a9',
    });
    const results = await checkEngines(config.engines);
    assert.deepEqual(results.map((r) => [r.name, r.status]), [['ASR engine', 'ok'], ['translation engine', 'warn'], ['TTS engine', 'fail'], ['generation engine', 'warn']]);
    assert.match(results[0]!.detail, /whisper-cpp at http:\/\/127\.0\.0\.1:\d+ answers/);
    assert.match(results[2]!.detail, /does not answer: TTS engine \(openai\) could not be reached/);
    assert.doesNotMatch(JSON.stringify(results), /tts-doctor-key-31a9/);
    assert.deepEqual((await checkEngines(loadConfig({}).engines)).map((r) => [r.name, r.status]), [['ASR engine', 'warn'], ['translation engine', 'warn'], ['voice', 'ok'], ['generation engine', 'warn']], 'the offline voice is installed by npm ci');
    const comfy = await startComfyUiFake();
    try {
      const [generation] = (await checkEngines(loadConfig({ GENERATE_ENGINE: 'comfyui', GENERATE_URL: comfy.url }).engines)).filter((r) => r.name === 'generation engine');
      assert.equal(generation!.status, 'ok');
      assert.match(generation!.detail, /^comfyui at http:\/\/127\.0\.0\.1:\d+ answers \(ComfyUI 0\.3\.66, cpu\)$/);
    } finally {
      await comfy.close();
    }
  } finally {
    await asr.close();
  }
});
