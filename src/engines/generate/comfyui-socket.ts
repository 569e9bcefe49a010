import WebSocket from 'ws';

/**
 * ComfyUI's WebSocket (`GET /ws?clientId=<id>`): JSON messages `{type, data}`
 * and binary frames with a 4-byte big-endian event type (engines reference
 * §2.4). Per-prompt events reach only the socket whose id was the prompt's
 * `client_id`, so each generation opens its own socket before it submits.
 * This module only reads events; what they mean is decided by the caller.
 */

/** What a generation hears about its prompt. */
export type PromptEvent =
  | { readonly type: 'progress'; readonly value: number; readonly max: number; readonly node: string | undefined }
  | { readonly type: 'executing'; readonly node: string | null }
  | { readonly type: 'success' }
  | { readonly type: 'error'; readonly nodeType: string | undefined; readonly exceptionType: string | undefined; readonly message: string | undefined }
  | { readonly type: 'interrupted' }
  | { readonly type: 'preview'; readonly mime: 'image/jpeg' | 'image/png'; readonly bytes: Uint8Array };

export interface PromptSocket {
  /** Passes the prompt's events to `listener`: first those that came before, then each as it comes. */
  follow(listener: (event: PromptEvent) => void): void;
  /** Called once if the socket closes or fails before `close()`: the caller falls back to polling. */
  onLost(listener: () => void): void;
  close(): void;
}

/** Binary frame type of a preview image (ComfyUI's `BinaryEventTypes.PREVIEW_IMAGE`), then 1 = JPEG, 2 = PNG. */
const PREVIEW_IMAGE = 1;
const PREVIEW_MIME = { 1: 'image/jpeg', 2: 'image/png' } as const;
/** A preview is a small JPEG; a message larger than this is dropped by the socket. */
export const MAX_SOCKET_MESSAGE_BYTES = 8 * 1024 * 1024;

/** Events kept for a prompt nobody follows yet: a run with no sampler sends a dozen. */
const MAX_HELD_EVENTS = 1_000;

/**
 * Opens the socket for `clientId` below `baseUrl` (http → ws, https → wss;
 * the same origin and path prefix as every other call), for the events of
 * `promptId`, which the caller chose before queuing it: events that arrive
 * before `follow()` are kept for it. Resolves once the socket is open;
 * rejects if it cannot open within `timeoutMs`. Redirects are not followed.
 */
export function openPromptSocket(baseUrl: string, ids: { clientId: string; promptId: string }, options: { timeoutMs: number; signal?: AbortSignal }): Promise<PromptSocket> {
  const url = new URL(baseUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/ws`;
  url.search = new URLSearchParams({ clientId: ids.clientId }).toString();
  const socket = new WebSocket(url, { handshakeTimeout: options.timeoutMs, followRedirects: false, maxPayload: MAX_SOCKET_MESSAGE_BYTES, perMessageDeflate: false });
  let listener: ((event: PromptEvent) => void) | undefined;
  const held: PromptEvent[] = [];
  let lost: (() => void) | undefined;
  let closing = false;

  socket.on('message', (data, isBinary) => {
    const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    const event = isBinary ? binaryEvent(bytes) : jsonEvent(bytes, ids.promptId);
    if (!event) return;
    if (listener) listener(event);
    // Previews are only worth showing live.
    else if (event.type !== 'preview' && held.length < MAX_HELD_EVENTS) held.push(event);
  });

  return new Promise((resolve, reject) => {
    const onAbort = () => socket.terminate();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('open', () => {
      socket.removeAllListeners('error');
      socket.on('error', () => undefined);
      socket.once('close', () => {
        options.signal?.removeEventListener('abort', onAbort);
        if (!closing) lost?.();
      });
      resolve({
        follow(follower) {
          listener = follower;
          for (const event of held.splice(0)) follower(event);
        },
        onLost(listener) {
          lost = listener;
        },
        close() {
          closing = true;
          socket.terminate();
        },
      });
    });
    socket.once('error', (error) => {
      options.signal?.removeEventListener('abort', onAbort);
      reject(error);
    });
  });
}

/** A JSON message as a prompt event, or undefined for anything else (status, other prompts, unknown types). */
export function jsonEvent(bytes: Uint8Array, promptId: string): PromptEvent | undefined {
  let message: unknown;
  try {
    message = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isRecord(message) || typeof message.type !== 'string' || !isRecord(message.data)) return undefined;
  const data = message.data;
  if (data.prompt_id !== promptId) return undefined;
  switch (message.type) {
    case 'progress':
      return typeof data.value === 'number' && typeof data.max === 'number' && data.max > 0 ? { type: 'progress', value: data.value, max: data.max, node: text(data.node) } : undefined;
    case 'executing':
      return data.node === null ? { type: 'executing', node: null } : typeof data.node === 'string' ? { type: 'executing', node: data.node } : undefined;
    case 'execution_success':
      return { type: 'success' };
    case 'execution_error':
      return { type: 'error', nodeType: text(data.node_type), exceptionType: text(data.exception_type), message: text(data.exception_message) };
    case 'execution_interrupted':
      return { type: 'interrupted' };
    default:
      return undefined;
  }
}

/** A binary frame as a preview image, or undefined (other binary events, unknown image types). */
export function binaryEvent(bytes: Buffer): PromptEvent | undefined {
  if (bytes.length < 8 || bytes.readUInt32BE(0) !== PREVIEW_IMAGE) return undefined;
  const format = bytes.readUInt32BE(4);
  if (format !== 1 && format !== 2) return undefined;
  return { type: 'preview', mime: PREVIEW_MIME[format], bytes: new Uint8Array(bytes.subarray(8)) };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
