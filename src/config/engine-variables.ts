import { VOICE_ID } from '../engines/voice-id.js';
import { duration, httpUrl, integer, nonEmpty, oneOf } from './parsers.js';
import type { Secret } from './secret.js';
import type { VariableSpec } from './variables.js';

const variable = <T>(spec: VariableSpec<T>) => spec;

export const ASR_ENGINES = ['openai', 'whisper-cpp'] as const;
export const TRANSLATE_ENGINES = ['libretranslate', 'openai', 'deepl'] as const;
export const TTS_ENGINES = ['espeak', 'openai'] as const;
export const GENERATE_ENGINES = ['comfyui'] as const;

function voiceName(raw: string): string {
  const value = raw.trim();
  if (!VOICE_ID.test(value)) throw new Error('must be a voice id: letters, digits and . _ + ( ) / -');
  return value;
}

/** The dubbing engines: which server speaks for each kind, where, and how long Sakuga waits for it. */
export const engineVariables = {
  ASR_ENGINE: variable({
    secret: false,
    doc: 'Speech recognition: openai (POST /v1/audio/transcriptions: speaches, LocalAI, whisper.cpp with --inference-path) or whisper-cpp (its /inference). Unset: dubs that need transcription are refused.',
    parse: oneOf(ASR_ENGINES),
  }),
  ASR_URL: variable({ secret: false, doc: 'Base URL of the ASR engine, e.g. http://127.0.0.1:8000 (a trailing /v1 is accepted).', parse: httpUrl }),
  ASR_MODEL: variable({ secret: false, doc: 'Model the ASR engine should use (openai: default whisper-1; speaches and LocalAI want their model id).', parse: nonEmpty }),
  TRANSLATE_ENGINE: variable({
    secret: false,
    doc: 'Translation: libretranslate, openai (a chat model at /v1/chat/completions: Ollama, llama.cpp, vLLM) or deepl (a cloud service: the lines leave this machine; only when set explicitly). Unset: dubs that need translation are refused.',
    parse: oneOf(TRANSLATE_ENGINES),
  }),
  TRANSLATE_URL: variable({ secret: false, doc: 'Base URL of the translation engine. deepl: default https://api.deepl.com, or https://api-free.deepl.com for a :fx key.', parse: httpUrl }),
  TRANSLATE_MODEL: variable({ secret: false, doc: 'Chat model that translates (openai; required there), e.g. qwen2.5:14b.', parse: nonEmpty }),
  TTS_ENGINE: variable({
    secret: false,
    default: 'espeak',
    doc: 'Speech synthesis: espeak (offline, built in) or openai (POST /v1/audio/speech: Kokoro-FastAPI, openedai-speech, LocalAI).',
    parse: oneOf(TTS_ENGINES),
  }),
  TTS_URL: variable({ secret: false, doc: 'Base URL of the TTS engine (openai), e.g. http://127.0.0.1:8880.', parse: httpUrl }),
  TTS_MODEL: variable({ secret: false, doc: 'TTS model (openai; default tts-1): kokoro, tts-1, tts-1-hd.', parse: nonEmpty }),
  DUB_VOICE_DEFAULT: variable({ secret: false, doc: 'Voice of a dub that names none, e.g. af_heart (Kokoro). Unset: the engine\'s own default.', parse: voiceName }),
  GENERATE_ENGINE: variable({
    secret: false,
    doc: 'Image and clip generation: comfyui (its HTTP and WebSocket API). ComfyUI has no authentication: keep it where only Sakuga reaches it. Unset: generate jobs are refused.',
    parse: oneOf(GENERATE_ENGINES),
  }),
  GENERATE_URL: variable({ secret: false, doc: 'Base URL of ComfyUI, e.g. http://127.0.0.1:8188.', parse: httpUrl }),
  GENERATE_TIMEOUT: variable({ secret: false, default: '30m', doc: 'The longest one generation may take on the engine, its time in ComfyUI\'s queue included.', parse: duration('1m', '24h') }),
  ENGINE_TIMEOUT: variable({ secret: false, default: '120s', doc: 'How long one attempt at an engine call may take, connection to last byte.', parse: duration('1s', '1h') }),
  ENGINE_RETRIES: variable({ secret: false, default: '2', doc: 'Further attempts after a 5xx, 429, timeout or refused connection (with backoff).', parse: integer(0, 5) }),
} as const;

/** The engines' keys: kept in the worker, sent only to the engine they belong to. */
export const engineSecretVariables = {
  ASR_API_KEY: variable({ secret: true, doc: 'Key the ASR engine expects (sent as Authorization: Bearer).', parse: nonEmpty }),
  TRANSLATE_API_KEY: variable({ secret: true, doc: 'Key the translation engine expects (Bearer; LibreTranslate: api_key; DeepL: DeepL-Auth-Key; required for deepl).', parse: nonEmpty }),
  TTS_API_KEY: variable({ secret: true, doc: 'Key the TTS engine expects (sent as Authorization: Bearer).', parse: nonEmpty }),
} as const;

export type EngineKeyName = keyof typeof engineSecretVariables;

export interface EngineEndpoint {
  readonly url: string;
  readonly model: string | undefined;
  readonly apiKey: Secret | undefined;
}

export interface EnginesConfig {
  readonly asr: (EngineEndpoint & { readonly engine: (typeof ASR_ENGINES)[number] }) | undefined;
  readonly translate: (EngineEndpoint & { readonly engine: (typeof TRANSLATE_ENGINES)[number] }) | undefined;
  readonly tts: { readonly engine: 'espeak' } | (EngineEndpoint & { readonly engine: 'openai' });
  /** ComfyUI takes no key and no model: a model is a template's choice. */
  readonly generate: { readonly engine: (typeof GENERATE_ENGINES)[number]; readonly url: string; readonly maxWaitMs: number } | undefined;
  readonly defaultVoice: string | undefined;
  readonly timeoutMs: number;
  readonly retries: number;
}

type Lookup = (name: string) => unknown;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** What the engine variables say only together: an engine needs its URL (and model), and nothing is set for an engine not chosen. */
export function engineProblems(get: Lookup): string[] {
  const problems: string[] = [];
  const has = (name: string) => get(name) !== undefined;
  for (const kind of ['ASR', 'TRANSLATE', 'TTS'] as const) {
    const engine = get(`${kind}_ENGINE`);
    const chosen = engine !== undefined && engine !== 'espeak';
    for (const suffix of ['URL', 'MODEL', 'API_KEY']) {
      if (!chosen && has(`${kind}_${suffix}`)) problems.push(`${kind}_${suffix}: set ${kind}_ENGINE too (${kind === 'TTS' ? 'espeak needs no server' : 'no engine is chosen by itself'})`);
    }
    if (chosen && !has(`${kind}_URL`) && engine !== 'deepl') problems.push(`${kind}_URL: needed by ${kind}_ENGINE=${String(engine)}`);
  }
  if (has('GENERATE_URL') && !has('GENERATE_ENGINE')) problems.push('GENERATE_URL: set GENERATE_ENGINE too (no engine is chosen by itself)');
  if (has('GENERATE_ENGINE') && !has('GENERATE_URL')) problems.push(`GENERATE_URL: needed by GENERATE_ENGINE=${String(get('GENERATE_ENGINE'))}`);
  if (get('TRANSLATE_ENGINE') === 'openai' && !has('TRANSLATE_MODEL')) problems.push('TRANSLATE_MODEL: needed by TRANSLATE_ENGINE=openai (the chat model that translates)');
  if (get('TRANSLATE_ENGINE') === 'deepl') {
    if (!has('TRANSLATE_API_KEY')) problems.push('TRANSLATE_API_KEY: needed by TRANSLATE_ENGINE=deepl');
    const url = get('TRANSLATE_URL');
    // The key and every line travel to the cloud: never in the clear.
    if (typeof url === 'string' && new URL(url).protocol !== 'https:' && !LOOPBACK.has(new URL(url).hostname)) problems.push('TRANSLATE_URL: deepl must be reached over https://');
  }
  return problems;
}

/** The typed engine settings; call once engineProblems found none. */
export function engineConfig(get: Lookup, secret: (name: EngineKeyName) => Secret | undefined): EnginesConfig {
  const endpoint = (kind: 'ASR' | 'TRANSLATE' | 'TTS', url: string): EngineEndpoint => ({
    url,
    model: (get(`${kind}_MODEL`) as string | undefined)?.trim(),
    apiKey: secret(`${kind}_API_KEY`),
  });
  const asr = get('ASR_ENGINE') as (typeof ASR_ENGINES)[number] | undefined;
  const translate = get('TRANSLATE_ENGINE') as (typeof TRANSLATE_ENGINES)[number] | undefined;
  const tts = get('TTS_ENGINE') as (typeof TTS_ENGINES)[number];
  const translateKey = secret('TRANSLATE_API_KEY');
  const deeplUrl = translateKey?.reveal().endsWith(':fx') ? 'https://api-free.deepl.com' : 'https://api.deepl.com';
  return {
    asr: asr ? { engine: asr, ...endpoint('ASR', get('ASR_URL') as string) } : undefined,
    translate: translate ? { engine: translate, ...endpoint('TRANSLATE', (get('TRANSLATE_URL') as string | undefined) ?? deeplUrl) } : undefined,
    tts: tts === 'openai' ? { engine: 'openai', ...endpoint('TTS', get('TTS_URL') as string) } : { engine: 'espeak' },
    generate: get('GENERATE_ENGINE') === 'comfyui' ? { engine: 'comfyui', url: get('GENERATE_URL') as string, maxWaitMs: get('GENERATE_TIMEOUT') as number } : undefined,
    defaultVoice: get('DUB_VOICE_DEFAULT') as string | undefined,
    timeoutMs: get('ENGINE_TIMEOUT') as number,
    retries: get('ENGINE_RETRIES') as number,
  };
}
