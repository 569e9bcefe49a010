import type { Validator } from 'typebox/compile';
import type { Secret } from '../config/secret.js';
import { badResponse, EngineError } from './errors.js';

/**
 * The one HTTP client every engine adapter uses. It reaches only the engine's
 * configured origin, follows no redirect, bounds each attempt in time and each
 * reply in size (read as a stream, abandoned past the cap), and retries what
 * may pass (5xx, 429, 408, timeouts, refused connections) with bounded,
 * jittered exponential backoff. Everything else is a stable EngineError.
 */
export interface EngineClientOptions {
  /** How messages name the engine, e.g. "ASR engine (openai)"; never its URL. */
  readonly label: string;
  /** The engine's base URL (origin and optional path prefix), as parsed by config. */
  readonly baseUrl: string;
  readonly apiKey?: Secret | undefined;
  /** How the key travels: a bearer token, DeepL's own scheme, or LibreTranslate's `api_key` body field. */
  readonly authScheme?: 'bearer' | 'deepl' | 'body';
  /** Limit of one attempt, connection to last byte. */
  readonly timeoutMs: number;
  /** Attempts after the first for a failure that may pass. */
  readonly retries: number;
  /** Largest reply body accepted, in bytes. */
  readonly maxResponseBytes: number;
  readonly backoff?: Partial<Backoff>;
  readonly fetch?: typeof fetch;
  /** Waits between attempts; tests pass one that records instead of sleeping. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

export interface Backoff {
  readonly baseMs: number;
  readonly maxMs: number;
  /** A Retry-After up to this long is honoured; a longer one ends the retries at once. */
  readonly maxRetryAfterMs: number;
}

const DEFAULT_BACKOFF: Backoff = { baseMs: 500, maxMs: 8_000, maxRetryAfterMs: 10_000 };

export interface EngineRequest {
  readonly method?: 'GET' | 'POST';
  /** Absolute path below the base URL, e.g. `/v1/audio/speech`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  /** A JSON body (with the `body` scheme, the key is added as `api_key`). */
  readonly json?: Readonly<Record<string, unknown>>;
  readonly form?: FormData;
  readonly accept?: string;
  readonly timeoutMs?: number;
  readonly retries?: number;
  readonly maxResponseBytes?: number;
  /** The caller's cancellation (a cancelled job); its reason is thrown as is. */
  readonly signal?: AbortSignal;
}

export interface EngineReply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Uint8Array;
}

export interface EngineClient {
  readonly label: string;
  request(request: EngineRequest): Promise<EngineReply>;
  /** The reply parsed as JSON and checked against a compiled TypeBox schema, else `engine_bad_response`. */
  json<V extends Validator>(request: EngineRequest, validator: V): Promise<Checked<V>>;
}

/** What a compiled schema's check guarantees of a value. */
export type Checked<V extends Validator> = ReturnType<V['Parse']>;

/** Paths adapters ask for are constants; this refuses anything that could leave the origin (`//host`, `..`, `\`). */
const SAFE_PATH = /^\/(?!\/)[A-Za-z0-9._~\-/]*$/;

type Attempt = { readonly ok: true; readonly reply: EngineReply } | { readonly ok: false; readonly error: EngineError; readonly retryAfterMs?: number };

export function createEngineClient(options: EngineClientOptions): EngineClient {
  const base = new URL(options.baseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  const backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const label = options.label;
  const key = options.apiKey?.reveal();

  /** Never let the key out in a message, even when an engine echoes it back. */
  const scrub = (text: string): string => (key && key.length >= 4 ? text.split(key).join('[key]') : text);

  function urlFor(request: EngineRequest): URL {
    if (!SAFE_PATH.test(request.path) || request.path.split('/').includes('..')) throw new Error(`engine path ${request.path} is not allowed`);
    const url = new URL(`${prefix}${request.path}`, base.origin);
    for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, value);
    // Belt and braces: whatever the path, the request goes to the configured origin or nowhere.
    if (url.origin !== base.origin) throw new Error('engine request left its origin');
    return url;
  }

  function initFor(request: EngineRequest, signal: AbortSignal): RequestInit {
    const headers: Record<string, string> = { accept: request.accept ?? 'application/json' };
    if (key && options.authScheme !== 'body') headers.authorization = options.authScheme === 'deepl' ? `DeepL-Auth-Key ${key}` : `Bearer ${key}`;
    let body: FormData | string | undefined;
    if (request.form) body = request.form;
    else if (request.json) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(key && options.authScheme === 'body' ? { ...request.json, api_key: key } : request.json);
    }
    return { method: request.method ?? (body ? 'POST' : 'GET'), headers, body, signal, redirect: 'manual' };
  }

  async function attempt(request: EngineRequest, url: URL): Promise<Attempt> {
    const timeoutMs = request.timeoutMs ?? options.timeoutMs;
    const maxBytes = request.maxResponseBytes ?? options.maxResponseBytes;
    const controller = new AbortController();
    const onCancel = () => controller.abort(request.signal?.reason);
    request.signal?.addEventListener('abort', onCancel, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      const response = await doFetch(url, initFor(request, controller.signal));
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel();
        return { ok: false, error: new EngineError('engine_bad_response', `${label} answered with a redirect (HTTP ${response.status}), which Sakuga does not follow`, { status: response.status }) };
      }
      const body = await readCapped(response, maxBytes, controller);
      if (body === undefined) {
        return { ok: false, error: new EngineError('engine_bad_response', `${label} answered with more than ${maxBytes} bytes`, { status: response.status }) };
      }
      if (response.ok) return { ok: true, reply: { status: response.status, headers: response.headers, body } };
      const detail = engineMessage(body);
      const said = detail ? `: ${scrub(detail)}` : '';
      if (response.status >= 500 || response.status === 429 || response.status === 408) {
        return {
          ok: false,
          error: new EngineError('engine_unavailable', `${label} answered HTTP ${response.status}${said}`, { status: response.status }),
          retryAfterMs: retryAfter(response.headers.get('retry-after')),
        };
      }
      return { ok: false, error: new EngineError('engine_rejected', `${label} refused the request (HTTP ${response.status})${said}`, { status: response.status }) };
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason;
      const why = timedOut ? `did not answer within ${Math.round(timeoutMs / 100) / 10} s` : `could not be reached (${networkReason(error)})`;
      return { ok: false, error: new EngineError('engine_unavailable', `${label} ${why}`) };
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onCancel);
    }
  }

  async function request(request: EngineRequest): Promise<EngineReply> {
    const url = urlFor(request);
    const retries = request.retries ?? options.retries;
    for (let index = 0; ; index += 1) {
      request.signal?.throwIfAborted();
      const result = await attempt(request, url);
      if (result.ok) return result.reply;
      if (!result.error.transient) throw result.error;
      const attempts = index + 1;
      if (index >= retries) throw new EngineError('engine_unavailable', `${result.error.message} (${attempts} attempt${attempts === 1 ? '' : 's'})`, { status: result.error.status });
      if (result.retryAfterMs !== undefined && result.retryAfterMs > backoff.maxRetryAfterMs) {
        throw new EngineError('engine_unavailable', `${result.error.message}, and asks to wait ${Math.ceil(result.retryAfterMs / 1000)} s`, { status: result.error.status });
      }
      await sleep(result.retryAfterMs ?? backoffDelay(backoff, index, random));
    }
  }

  async function json<V extends Validator>(req: EngineRequest, validator: V): Promise<Checked<V>> {
    const reply = await request(req);
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(reply.body));
    } catch {
      throw badResponse(label, 'answered with a body that is not JSON');
    }
    if (!validator.Check(value)) {
      const [first] = validator.Errors(value);
      throw badResponse(label, `answered with an unexpected shape${first ? ` (${first.instancePath || '/'} ${first.message})` : ''}`);
    }
    return value as Checked<V>;
  }

  return { label, request, json };
}

/** Exponential in the attempt, capped, with "equal jitter" (half fixed, half random) so many workers do not retry in step. */
export function backoffDelay(backoff: Backoff, index: number, random: () => number): number {
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** index);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Delta-seconds or an HTTP date (RFC 9110 §10.2.3), in ms; undefined when absent or unreadable. */
function retryAfter(header: string | null): number | undefined {
  if (header === null) return undefined;
  if (/^\s*\d+\s*$/.test(header)) return Number(header) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The body, or undefined past `maxBytes` (the transfer is aborted there, not read to the end). */
async function readCapped(response: Response, maxBytes: number, controller: AbortController): Promise<Uint8Array | undefined> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    controller.abort();
    return undefined;
  }
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      controller.abort();
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

const MESSAGE_CHARS = 200;

/** A short, printable excerpt of what an engine said in an error body (FastAPI `detail`, OpenAI `error.message`, …). */
function engineMessage(body: Uint8Array): string {
  const text = new TextDecoder().decode(body.subarray(0, 4096));
  let said: unknown = text;
  try {
    const parsed: unknown = JSON.parse(text);
    said = pick(parsed, ['error', 'message']) ?? pick(parsed, ['detail', 'message']) ?? pick(parsed, ['error']) ?? pick(parsed, ['detail']) ?? pick(parsed, ['message']) ?? '';
  } catch {
    // Not JSON: the text itself.
  }
  return typeof said === 'string' ? printable(said) : '';
}

/** An engine's text made safe for a log line or a job failure: controls blanked, spaces squeezed, cut at 200 characters. */
export function printable(text: string): string {
  return [...text].map((char) => (isControl(char) ? ' ' : char)).join('').replace(/ {2,}/g, ' ').trim().slice(0, MESSAGE_CHARS);
}

/** C0 and C1 controls: an engine's text must not forge log lines or terminal escapes. */
function isControl(char: string): boolean {
  const code = char.codePointAt(0)!;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

function pick(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const name of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, name)) return undefined;
    current = (current as Record<string, unknown>)[name];
  }
  return typeof current === 'string' ? current : undefined;
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection reset';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  return code ?? 'network error';
}
