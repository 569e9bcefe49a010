import type { EngineEndpoint, EnginesConfig } from '../config/engine-variables.js';
import { createOpenAiAsr } from './asr/openai.js';
import { createComfyUi } from './generate/comfyui.js';
import { createWhisperCppAsr } from './asr/whisper-cpp.js';
import { type Backoff, createEngineClient, type EngineClient } from './engine-http.js';
import { createDeepl } from './translate/deepl.js';
import { createLibreTranslate } from './translate/libretranslate.js';
import { createOpenAiChatTranslator } from './translate/openai-chat.js';
import { createOpenAiTts } from './tts/openai.js';
import type { EngineKind, Engines, TtsEngine } from './types.js';

/**
 * Largest reply of each kind: a transcript's JSON, a batch of translations, a
 * WAV clip (some 20 minutes at 24 kHz), ComfyUI's JSON (its /object_info runs
 * to megabytes with many custom nodes; output files have their own cap).
 */
export const MAX_RESPONSE_BYTES: Readonly<Record<EngineKind, number>> = { asr: 16 * 1024 ** 2, translate: 4 * 1024 ** 2, tts: 64 * 1024 ** 2, generate: 64 * 1024 ** 2 };

export interface EngineDeps {
  readonly fetch?: typeof fetch;
  /**
   * The offline voice for TTS_ENGINE=espeak. It runs in its own child process
   * and is built elsewhere; until it is handed in here, espeak means no TTS engine.
   */
  readonly offlineVoice?: TtsEngine;
  readonly maxResponseBytes?: Partial<Record<EngineKind, number>>;
  readonly backoff?: Partial<Backoff>;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

/**
 * The engines the configuration names, each over its own client (its own
 * origin, key and limits); undefined for a kind not configured. For the
 * worker and for the server's status probes, never for job processes.
 */
export function createEngines(config: EnginesConfig, deps: EngineDeps = {}): Engines {
  const client = (kind: EngineKind, engine: string, endpoint: EngineEndpoint, options: { authScheme?: 'bearer' | 'deepl' | 'body'; openAi?: boolean } = {}): EngineClient =>
    createEngineClient({
      label: `${LABELS[kind]} engine (${engine})`,
      // OpenAI clients are configured with a base ending in /v1; Sakuga's paths carry it already.
      baseUrl: options.openAi ? endpoint.url.replace(/\/v1\/?$/, '') : endpoint.url,
      apiKey: endpoint.apiKey,
      authScheme: options.authScheme ?? 'bearer',
      timeoutMs: config.timeoutMs,
      retries: config.retries,
      maxResponseBytes: deps.maxResponseBytes?.[kind] ?? MAX_RESPONSE_BYTES[kind],
      backoff: deps.backoff,
      fetch: deps.fetch,
      sleep: deps.sleep,
      random: deps.random,
    });

  const { asr, translate, tts, generate } = config;
  return {
    asr:
      asr?.engine === 'openai'
        ? createOpenAiAsr(client('asr', asr.engine, asr, { openAi: true }), { model: asr.model })
        : asr?.engine === 'whisper-cpp'
          ? createWhisperCppAsr(client('asr', asr.engine, asr))
          : undefined,
    translate:
      translate?.engine === 'libretranslate'
        ? createLibreTranslate(client('translate', translate.engine, translate, { authScheme: 'body' }))
        : translate?.engine === 'deepl'
          ? createDeepl(client('translate', translate.engine, translate, { authScheme: 'deepl' }))
          : translate?.engine === 'openai'
            ? createOpenAiChatTranslator(client('translate', translate.engine, translate, { openAi: true }), { model: translate.model ?? '' })
            : undefined,
    tts: tts.engine === 'openai' ? createOpenAiTts(client('tts', tts.engine, tts, { openAi: true }), { model: tts.model, defaultVoice: config.defaultVoice }) : deps.offlineVoice,
    generate: generate ? createComfyUi(client('generate', generate.engine, { url: generate.url, model: undefined, apiKey: undefined }), { baseUrl: generate.url, maxWaitMs: generate.maxWaitMs }) : undefined,
  };
}

const LABELS: Readonly<Record<EngineKind, string>> = { asr: 'ASR', translate: 'translation', tts: 'TTS', generate: 'generation' };
