import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { loadConfig } from '../../src/config/load.js';
import { createEngines, type EngineDeps } from '../../src/engines/create-engines.js';
import { EngineError } from '../../src/engines/errors.js';
import type { Engines } from '../../src/engines/types.js';
import { pcmWav } from '../../src/engines/wav.js';

/**
 * Fakes of the engines Sakuga talks to: real HTTP servers on 127.0.0.1 that
 * parse the real requests (multipart, JSON), record them, and answer in the
 * engines' real formats (see the engines reference, section 2), with fault
 * modes to test every failure path. Only for engines that cannot run here.
 */

export interface FormPart {
  readonly value: string | undefined;
  readonly filename: string | undefined;
  readonly type: string | undefined;
  readonly bytes: Uint8Array | undefined;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** Parsed JSON body, when the request sent JSON. */
  readonly json: Record<string, unknown> | undefined;
  /** Multipart fields in order, each name with all its values, when the request sent a form. */
  readonly form: ReadonlyArray<readonly [string, FormPart]> | undefined;
}

/** What goes wrong, on every request unless `paths` narrows it. */
export interface Faults {
  /** Answer `failStatus` (503) this many times, then work. */
  failTimes?: number;
  failStatus?: number;
  retryAfter?: string;
  /** Always answer this status with an error body (e.g. 400). */
  status?: number;
  /** A 200 whose body is not JSON (or, for TTS, not a WAV file). */
  garbage?: boolean;
  /** Wait this long before answering. */
  slowMs?: number;
  /** Answer 200 with this many bytes, streamed in chunks without a length. */
  hugeBytes?: number;
  /** Answer 302 to this location. */
  redirectTo?: string;
  /** Only requests to these paths are affected. */
  paths?: readonly string[];
}

export interface FakeEngine {
  readonly url: string;
  readonly requests: RecordedRequest[];
  faults: Faults;
  /** The key the fake expects (Bearer, DeepL-Auth-Key or `api_key`); unset: none asked. */
  expectedKey: string | undefined;
  /** Paths answered without a key (LibreTranslate's /languages). */
  openPaths: readonly string[];
  close(): Promise<void>;
}

type Handler = (request: RecordedRequest, fake: FakeEngine) => Promise<Reply> | Reply;
export interface Reply {
  readonly status?: number;
  readonly json?: unknown;
  readonly bytes?: Uint8Array;
  readonly type?: string;
  readonly headers?: Record<string, string>;
}

async function record(request: IncomingMessage): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const url = new URL(request.url ?? '/', 'http://fake');
  const type = request.headers['content-type'] ?? '';
  let json: Record<string, unknown> | undefined;
  let form: Array<[string, FormPart]> | undefined;
  if (type.startsWith('application/json')) json = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  if (type.startsWith('multipart/form-data')) {
    // The platform's own multipart parser (undici), as a real server's would be.
    const parsed = await new Response(body, { headers: { 'content-type': type } }).formData();
    form = [];
    for (const [name, value] of parsed.entries()) {
      if (typeof value === 'string') form.push([name, { value, filename: undefined, type: undefined, bytes: undefined }]);
      else form.push([name, { value: undefined, filename: value.name, type: value.type, bytes: new Uint8Array(await value.arrayBuffer()) }]);
    }
  }
  return { method: request.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: request.headers, body, json, form };
}

function send(response: ServerResponse, reply: Reply): void {
  const body = reply.bytes ?? Buffer.from(JSON.stringify(reply.json ?? {}));
  response.writeHead(reply.status ?? 200, { 'content-type': reply.type ?? (reply.bytes ? 'application/octet-stream' : 'application/json'), ...reply.headers });
  response.end(body);
}

/** A fake server with the shared fault layer in front of a protocol handler; `upgrade` takes WebSocket handshakes. */
export async function startFake(handler: Handler, options: { upgrade?: (request: IncomingMessage, socket: Socket, head: Buffer) => void } = {}): Promise<FakeEngine> {
  const sockets = new Set<Socket>();
  const fake: FakeEngine = {
    url: '',
    requests: [],
    faults: {},
    expectedKey: undefined,
    openPaths: [],
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const server = createServer((request, response) => {
    void (async () => {
      const recorded = await record(request);
      fake.requests.push(recorded);
      const faults = fake.faults;
      const applies = !faults.paths || faults.paths.includes(recorded.path);
      if (applies && faults.slowMs) await new Promise((resolve) => setTimeout(resolve, faults.slowMs));
      if (response.destroyed) return;
      if (applies && faults.redirectTo) return send(response, { status: 302, headers: { location: faults.redirectTo } });
      if (applies && faults.failTimes && faults.failTimes > 0) {
        faults.failTimes -= 1;
        return send(response, { status: faults.failStatus ?? 503, json: { detail: 'overloaded' }, headers: faults.retryAfter ? { 'retry-after': faults.retryAfter } : {} });
      }
      if (applies && faults.status) return send(response, { status: faults.status, json: { error: { message: 'refused by the fake engine', type: 'invalid_request_error' } } });
      if (applies && faults.hugeBytes) {
        response.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        let sent = 0;
        const pump = () => {
          while (sent < faults.hugeBytes! && !response.destroyed) {
            sent += chunk.length;
            if (!response.write(chunk)) return void response.once('drain', pump);
          }
          response.end();
        };
        return pump();
      }
      if (applies && faults.garbage) return send(response, { bytes: Buffer.from('<html>502 Bad Gateway</html>'), type: 'text/html' });
      if (fake.expectedKey !== undefined && !fake.openPaths.includes(recorded.path) && presentedKey(recorded) !== fake.expectedKey) return send(response, { status: 401, json: { detail: 'Invalid API key' } });
      send(response, await handler(recorded, fake));
    })().catch((error: unknown) => {
      if (!response.headersSent) send(response, { status: 500, json: { detail: String(error) } });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  if (options.upgrade) server.on('upgrade', options.upgrade);
  else server.on('upgrade', (_request, socket: Socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  (fake as { url: string }).url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

function presentedKey(request: RecordedRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7);
  if (header?.startsWith('DeepL-Auth-Key ')) return header.slice(15);
  const field = request.json?.api_key;
  return typeof field === 'string' ? field : undefined;
}

/** A URL where nothing listens: a port just closed. */
export async function downUrl(): Promise<string> {
  const fake = await startFake(() => ({}));
  await fake.close();
  return fake.url;
}

/** A WAV of silence this long, 16 kHz mono (what the extract stage gives ASR). */
export function silenceWav(ms: number, sampleRate = 16_000): Uint8Array {
  return pcmWav(new Int16Array(Math.round((sampleRate * ms) / 1000)), sampleRate);
}

// ---------------------------------------------------------------- ASR

export interface AsrFakeOptions {
  /** `openai`: /v1/audio/transcriptions and /v1/models; `whisper-cpp`: /inference and /health. */
  readonly protocol: 'openai' | 'whisper-cpp';
  /** Segments in seconds, as the engine would send them. */
  segments?: Array<{ start: number; end: number; text: string }>;
  /** LocalAI: start/end as integer nanoseconds (Go time.Duration), no task/language/duration. */
  nanoseconds?: boolean;
  /** whisper.cpp while loading its model: /health answers 503. */
  loading?: boolean;
}

const DEFAULT_SEGMENTS = [
  { start: 0, end: 1.2, text: ' こんにちは。' },
  { start: 1.5, end: 2.75, text: ' 元気ですか？' },
];

export async function startAsrFake(options: AsrFakeOptions): Promise<FakeEngine & { options: AsrFakeOptions }> {
  const inference = options.protocol === 'openai' ? '/v1/audio/transcriptions' : '/inference';
  const fake = await startFake((request) => {
    if (request.method === 'GET' && request.path === '/v1/models' && options.protocol === 'openai') return { json: { object: 'list', data: [{ id: 'Systran/faster-whisper-small', object: 'model' }] } };
    if (request.method === 'GET' && request.path === '/health') return options.loading ? { status: 503, json: { status: 'loading model' } } : { json: { status: 'ok' } };
    if (request.method !== 'POST' || request.path !== inference) return { status: 404, json: { detail: 'Not Found' } };
    const file = request.form?.find(([name]) => name === 'file');
    if (!file) return { status: 400, json: { error: "no 'file' field in the request" } };
    // OpenAI and speaches require a model (FastAPI's 422); whisper.cpp has none to choose.
    if (options.protocol === 'openai' && !request.form?.some(([name]) => name === 'model')) return { status: 422, json: { detail: [{ loc: ['body', 'model'], msg: 'Field required' }] } };
    const segments = (options.segments ?? DEFAULT_SEGMENTS).map((segment, id) => ({
      id,
      seek: 0,
      start: options.nanoseconds ? Math.round(segment.start * 1e9) : segment.start,
      end: options.nanoseconds ? Math.round(segment.end * 1e9) : segment.end,
      text: segment.text,
      tokens: [50364, 2425],
      temperature: 0,
      avg_logprob: -0.2,
      compression_ratio: 1.1,
      no_speech_prob: 0.01,
    }));
    if (options.nanoseconds) return { json: { segments, text: segments.map((s) => s.text).join('') } };
    const language = request.form?.find(([name]) => name === 'language')?.[1].value;
    return {
      json: {
        task: 'transcribe',
        language: language && language !== 'auto' ? language : 'japanese',
        duration: 3,
        text: segments.map((s) => s.text).join(''),
        segments,
        ...(options.protocol === 'whisper-cpp' && { detected_language: 'japanese', detected_language_probability: 0.98 }),
      },
    };
  });
  return Object.assign(fake, { options });
}

// ---------------------------------------------------------------- translation

/** What every fake translator makes of a line: recognisable, and different per target. */
export const fakeTranslation = (text: string, target: string) => `[${target}] ${text}`;

export interface TranslateFakeOptions {
  /** Answer one translation fewer than asked (LibreTranslate, DeepL). */
  dropOne?: boolean;
}

export async function startLibreTranslateFake(options: TranslateFakeOptions = {}): Promise<FakeEngine & { options: TranslateFakeOptions }> {
  const fake = await startFake((request) => {
    if (request.method === 'GET' && request.path === '/languages') return { json: [{ code: 'en', name: 'English', targets: ['ja'] }, { code: 'ja', name: 'Japanese', targets: ['en'] }] };
    if (request.method !== 'POST' || request.path !== '/translate') return { status: 404, json: { error: 'Not Found' } };
    const { q, target } = request.json as { q: string | string[]; target: string };
    const texts = (Array.isArray(q) ? q : [q]).map((text) => fakeTranslation(text, target));
    if (options.dropOne) texts.pop();
    return { json: Array.isArray(q) ? { translatedText: texts, detectedLanguage: texts.map(() => ({ confidence: 90, language: 'ja' })) } : { translatedText: texts[0] } };
  });
  fake.openPaths = ['/languages'];
  return Object.assign(fake, { options });
}

export async function startDeeplFake(options: TranslateFakeOptions = {}): Promise<FakeEngine & { options: TranslateFakeOptions }> {
  const fake = await startFake((request) => {
    if (request.method === 'GET' && request.path === '/v2/languages') return { json: [{ language: 'EN-US', name: 'English (American)', supports_formality: false }, { language: 'JA', name: 'Japanese' }] };
    if (request.method === 'GET' && request.path === '/v2/usage') return { json: { character_count: 1200, character_limit: 500000 } };
    if (request.method !== 'POST' || request.path !== '/v2/translate') return { status: 404, json: { message: 'Not found' } };
    const { text, target_lang: target } = request.json as { text: string[]; target_lang: string };
    const translations = text.map((line) => ({ detected_source_language: 'JA', text: fakeTranslation(line, target) }));
    if (options.dropOne) translations.pop();
    return { json: { translations } };
  });
  return Object.assign(fake, { options });
}

export interface ChatFakeOptions {
  /**
   * What the model answers, per request, given the lines asked (id → text);
   * return undefined for the good answer. Called once per chat request.
   */
  answer?: (asked: Record<string, { text: string; max_chars?: number }>, index: number) => string | undefined;
  /** A server without structured output: 400 when `response_format` is sent. */
  refuseSchema?: boolean;
}

/** An OpenAI-compatible chat server (Ollama, llama.cpp, vLLM) whose "model" translates as fakeTranslation does. */
export async function startChatFake(options: ChatFakeOptions = {}): Promise<FakeEngine & { options: ChatFakeOptions }> {
  let index = 0;
  const fake = await startFake((request) => {
    if (request.method === 'GET' && request.path === '/v1/models') return { json: { object: 'list', data: [{ id: 'qwen2.5:14b', object: 'model' }] } };
    if (request.method !== 'POST' || request.path !== '/v1/chat/completions') return { status: 404, json: { error: { message: 'not found' } } };
    const body = request.json as { messages: Array<{ role: string; content: string }>; response_format?: unknown };
    if (options.refuseSchema && body.response_format !== undefined) return { status: 400, json: { error: { message: "'response_format' of type 'json_schema' is not supported", type: 'invalid_request_error' } } };
    const user = JSON.parse(body.messages.find((message) => message.role === 'user')!.content) as { lines: Record<string, { text: string; max_chars?: number }> };
    const target = /into (.+?)\./.exec(body.messages[0]!.content)?.[1]?.match(/\((.+)\)/)?.[1] ?? 'xx';
    const good = JSON.stringify(Object.fromEntries(Object.entries(user.lines).map(([id, line]) => [id, fakeTranslation(line.text, target)])));
    const content = options.answer?.(user.lines, index++) ?? good;
    return {
      json: {
        id: 'chatcmpl-1',
        object: 'chat.completion',
        created: 1,
        model: 'qwen2.5:14b',
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
      },
    };
  });
  return Object.assign(fake, { options });
}

// ---------------------------------------------------------------- TTS

export interface TtsFakeOptions {
  /** `objects`: Kokoro's {voices:[{id,name}]}; `strings`: its older {voices:[...]}; `none`: openedai-speech (404). */
  voices?: 'objects' | 'strings' | 'none';
  /** Send the WAV as a stream would: sizes 0xFFFFFFFF. */
  streamingHeader?: boolean;
  /** Answer MP3-ish bytes regardless of response_format. */
  notWav?: boolean;
  /** The WAV to answer for a text (e.g. real speech made beforehand); unset or undefined: a constant tone as long as the text. */
  speak?: (input: string) => Uint8Array | undefined;
}

export async function startTtsFake(options: TtsFakeOptions = {}): Promise<FakeEngine & { options: TtsFakeOptions }> {
  const fake = await startFake((request) => {
    if (request.method === 'GET' && request.path === '/v1/models') return { json: { object: 'list', data: [{ id: 'kokoro', object: 'model' }, { id: 'tts-1', object: 'model' }] } };
    if (request.method === 'GET' && request.path === '/v1/audio/voices') {
      if (options.voices === 'none') return { status: 404, json: { detail: 'Not Found' } };
      return options.voices === 'strings' ? { json: { voices: ['af_heart', 'af_bella'] } } : { json: { voices: [{ id: 'af_heart', name: 'Heart' }, { id: 'af_bella', name: 'Bella' }] } };
    }
    if (request.method !== 'POST' || request.path !== '/v1/audio/speech') return { status: 404, json: { detail: 'Not Found' } };
    if (options.notWav) return { bytes: Buffer.from([0xff, 0xfb, 0x90, 0x64, ...new Array(400).fill(0)]), type: 'audio/mpeg' };
    const input = String((request.json as { input: string }).input);
    const wav = options.speak?.(input) ?? pcmWav(new Int16Array(2400 * Math.max(1, Math.ceil(input.length / 10))).fill(1000), 24_000);
    if (options.streamingHeader) {
      const view = new DataView(wav.buffer);
      view.setUint32(4, 0xffffffff, true);
      view.setUint32(40, 0xffffffff, true);
    }
    return { bytes: wav, type: 'audio/wav' };
  });
  return Object.assign(fake, { options });
}

// ---------------------------------------------------------------- assertions

/** Asserts an EngineError with `code`, whose message names neither `secret` nor a fake's address. */
export async function expectEngineError(promise: Promise<unknown>, code: string, secret?: string): Promise<EngineError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof EngineError, `expected an EngineError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (secret) assert.ok(!error.message.includes(secret), 'the key is in the message');
    assert.doesNotMatch(error.message, /127\.0\.0\.1/);
    return error;
  }
  return assert.fail(`expected ${code}, but the call succeeded`);
}

/** Engines from the real config loader, pointed at fakes; waits between retries are skipped. */
export function enginesFor(env: Record<string, string>, deps: Omit<EngineDeps, 'sleep'> = {}): Engines {
  return createEngines(loadConfig({ ENGINE_TIMEOUT: '5s', ...env }).engines, { sleep: async () => undefined, ...deps });
}
