import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './load.js';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
};
const names = (env: Record<string, string>) => problemsOf(env).map((problem) => problem.split(':')[0]).sort();

test('engines: none but the offline voice by default; timeouts and retries bounded', () => {
  const { engines } = loadConfig({});
  assert.deepEqual({ ...engines }, { asr: undefined, translate: undefined, tts: { engine: 'espeak' }, generate: undefined, defaultVoice: undefined, timeoutMs: 120_000, retries: 2 });
  assert.deepEqual(names({ ENGINE_TIMEOUT: '0s', ENGINE_RETRIES: '9' }), ['ENGINE_RETRIES', 'ENGINE_TIMEOUT']);
});

test('an engine needs its URL (and the chat translator its model); settings for an engine not chosen are refused', () => {
  assert.deepEqual(names({ ASR_ENGINE: 'openai' }), ['ASR_URL']);
  assert.deepEqual(names({ TRANSLATE_ENGINE: 'openai', TRANSLATE_URL: 'http://127.0.0.1:11434' }), ['TRANSLATE_MODEL']);
  assert.deepEqual(names({ TTS_ENGINE: 'openai' }), ['TTS_URL']);
  assert.deepEqual(names({ ASR_URL: 'http://127.0.0.1:8178', TTS_URL: 'http://127.0.0.1:8880' }), ['ASR_URL', 'TTS_URL']);
  assert.deepEqual(names({ ASR_ENGINE: 'whisper', ASR_URL: 'ftp://x' }), ['ASR_ENGINE', 'ASR_URL']);
  assert.deepEqual(names({ ASR_ENGINE: 'openai', ASR_URL: 'http://user:pw@127.0.0.1:8000' }), ['ASR_URL'], 'no credentials in URLs');
  assert.deepEqual(names({ GENERATE_ENGINE: 'comfyui' }), ['GENERATE_URL']);
  assert.deepEqual(names({ GENERATE_URL: 'http://127.0.0.1:8188' }), ['GENERATE_URL']);
  assert.deepEqual(names({ GENERATE_ENGINE: 'automatic1111', GENERATE_URL: 'http://127.0.0.1:7860' }), ['GENERATE_ENGINE']);
  assert.deepEqual(loadConfig({ GENERATE_ENGINE: 'comfyui', GENERATE_URL: 'http://127.0.0.1:8188' }).engines.generate, { engine: 'comfyui', url: 'http://127.0.0.1:8188', maxWaitMs: 30 * 60_000 });
});

test('DeepL is opt-in: a key alone chooses nothing; chosen, it needs its key and https', () => {
  assert.deepEqual(names({ TRANSLATE_API_KEY: 'k:fx' }), ['TRANSLATE_API_KEY']);
  assert.deepEqual(names({ TRANSLATE_ENGINE: 'deepl' }), ['TRANSLATE_API_KEY']);
  assert.deepEqual(names({ TRANSLATE_ENGINE: 'deepl', TRANSLATE_API_KEY: 'k', TRANSLATE_URL: 'http://deepl.lan' }), ['TRANSLATE_URL']);
  assert.equal(loadConfig({ TRANSLATE_ENGINE: 'deepl', TRANSLATE_API_KEY: 'abc:fx' }).engines.translate?.url, 'https://api-free.deepl.com');
  assert.equal(loadConfig({ TRANSLATE_ENGINE: 'deepl', TRANSLATE_API_KEY: 'abc' }).engines.translate?.url, 'https://api.deepl.com');
});

test('engine keys are secrets: readable from _FILE, never printed', () => {
  const config = loadConfig({ ASR_ENGINE: 'whisper-cpp', ASR_URL: 'http://127.0.0.1:8178', ASR_API_KEY_FILE: '/run/secrets/asr' }, () => 'file-key-8d2e6\n');
  assert.equal(config.engines.asr?.apiKey?.reveal(), 'file-key-8d2e6');
  assert.doesNotMatch(JSON.stringify(config) + inspect(config, { depth: 8 }), /file-key-8d2e6/);
});
