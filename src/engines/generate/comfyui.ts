import { randomUUID } from 'node:crypto';
import { Type } from 'typebox';
import { Compile } from 'typebox/compile';
import { type EngineClient, printable } from '../engine-http.js';
import { badResponse, EngineError } from '../errors.js';
import type { EngineHealth, GenerateCallbacks, GeneratedFile, GenerateEngine, ReferenceImage } from '../types.js';
import { openPromptSocket, type PromptEvent, type PromptSocket } from './comfyui-socket.js';
import { MAX_OUTPUT_FILES } from './limits.js';

/**
 * ComfyUI's HTTP and WebSocket API (engines reference §2.4): a filled-in
 * workflow graph in, every output file out. ComfyUI has no authentication
 * and its custom nodes run arbitrary code, so only the worker calls it, only
 * with graphs Sakuga built from an admin's template, and what comes back is
 * checked by the job like an upload.
 */

export interface ComfyUiSettings {
  readonly baseUrl: string;
  /** How long a socket may take to open before the generation falls back to polling. */
  readonly socketTimeoutMs?: number;
  /** Between two `/history` reads when there is no socket (with one, every tenth wait). */
  readonly pollMs?: number;
  /** The longest one generation may run, queued time included. */
  readonly maxWaitMs?: number;
  /** Largest output file fetched, in bytes (a video clip). */
  readonly maxOutputBytes?: number;
}

const DEFAULTS = { socketTimeoutMs: 5_000, pollMs: 1_000, maxWaitMs: 3_600_000, maxOutputBytes: 512 * 1024 * 1024 };
/** With a socket, the history is still read every this many waits, in case an event is lost. */
const SOCKET_CHECK_EVERY = 10;
/** The history entry is written just after `execution_success` is sent: read it again for this long. */
const HISTORY_SETTLE_MS = 30_000;
const VIDEO_EXTENSIONS = /\.(mp4|webm|mov|mkv|gif)$/i;

const Name = Type.String({ minLength: 1, maxLength: 255 });
const PromptReply = Compile(Type.Object({ prompt_id: Type.String({ minLength: 1, maxLength: 64 }), number: Type.Optional(Type.Number()) }));
const UploadReply = Compile(Type.Object({ name: Name, subfolder: Type.Optional(Type.String({ maxLength: 255 })), type: Type.Optional(Type.String({ maxLength: 16 })) }));
const FileRef = Type.Object({ filename: Name, subfolder: Type.String({ maxLength: 255 }), type: Type.String({ maxLength: 16 }) });
const HistoryEntry = Type.Object({
  outputs: Type.Optional(Type.Record(Type.String(), Type.Record(Type.String(), Type.Unknown()))),
  status: Type.Optional(Type.Object({ status_str: Type.Optional(Type.String()), completed: Type.Optional(Type.Boolean()), messages: Type.Optional(Type.Array(Type.Unknown())) })),
});
const History = Compile(Type.Record(Type.String(), HistoryEntry));
const FileRefCheck = Compile(FileRef);
const ObjectInfoReply = Compile(Type.Record(Type.String(), Type.Object({ input: Type.Optional(Type.Record(Type.String(), Type.Unknown())) })));
const SystemStats = Compile(
  Type.Object({
    system: Type.Object({ comfyui_version: Type.Optional(Type.String({ maxLength: 64 })) }),
    devices: Type.Optional(Type.Array(Type.Object({ name: Type.Optional(Type.String({ maxLength: 200 })) }), { maxItems: 64 })),
  }),
);

type HistoryEntryValue = ReturnType<(typeof History)['Parse']>[string];

export function createComfyUi(client: EngineClient, settings: ComfyUiSettings): GenerateEngine {
  const { socketTimeoutMs, pollMs, maxWaitMs, maxOutputBytes } = { ...DEFAULTS, ...settings };
  const label = client.label;

  async function upload(reference: ReferenceImage, signal: AbortSignal | undefined): Promise<string> {
    const form = new FormData();
    const extension = reference.type === 'image/jpeg' ? 'jpg' : reference.type === 'image/webp' ? 'webp' : 'png';
    // A name of Sakuga's own, so two jobs never overwrite each other's reference.
    form.append('image', new Blob([Buffer.from(reference.bytes)], { type: reference.type }), `sakuga-${randomUUID()}.${extension}`);
    form.append('type', 'input');
    form.append('overwrite', 'false');
    const reply = await client.json({ path: '/upload/image', form, signal }, UploadReply);
    return reply.subfolder ? `${reply.subfolder}/${reply.name}` : reply.name;
  }

  async function history(promptId: string, signal: AbortSignal | undefined): Promise<HistoryEntryValue | undefined> {
    const reply = await client.json({ path: `/history/${promptId}`, signal }, History);
    return reply[promptId];
  }

  /** Best effort, never thrown: take the prompt out of the queue, or stop it if it runs. */
  async function cancel(promptId: string): Promise<void> {
    const quick = { retries: 0, timeoutMs: 5_000 };
    await client.request({ path: '/queue', json: { delete: [promptId] }, ...quick }).catch(() => undefined);
    await client.request({ path: '/interrupt', json: { prompt_id: promptId }, ...quick }).catch(() => undefined);
  }

  /**
   * Waits for the prompt to end: from the socket's events while it lasts,
   * from `/history` when it is lost or never opened (and now and then with
   * it, in case an event never comes). Resolves with the history entry of a
   * successful run.
   */
  async function finished(promptId: string, socket: PromptSocket | undefined, callbacks: GenerateCallbacks): Promise<HistoryEntryValue> {
    const signal = callbacks.signal;
    const deadline = Date.now() + maxWaitMs;
    let ended: { readonly at: number; readonly error?: Error } | undefined;
    let wake: (() => void) | undefined;
    let polling = socket === undefined;
    const settle = (error?: Error) => {
      ended ??= { at: Date.now(), ...(error && { error }) };
      wake?.();
    };
    socket?.follow((event: PromptEvent) => {
      if (event.type === 'progress') callbacks.onProgress?.({ fraction: Math.min(1, event.value / event.max), node: event.node });
      else if (event.type === 'preview') callbacks.onPreview?.({ mime: event.mime, bytes: event.bytes });
      else if (event.type === 'success' || (event.type === 'executing' && event.node === null)) settle();
      else if (event.type === 'error') settle(executionError(label, event));
      else if (event.type === 'interrupted') settle(new EngineError('engine_unavailable', `${label} stopped the generation (interrupted on the engine)`));
    });
    socket?.onLost(() => {
      polling = true;
      wake?.();
    });
    const onAbort = () => wake?.();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for (let checks = 0; ; checks += 1) {
        signal?.throwIfAborted();
        if (ended?.error) throw ended.error;
        if (ended || polling || checks % SOCKET_CHECK_EVERY === SOCKET_CHECK_EVERY - 1) {
          const entry = await history(promptId, signal);
          const outcome = entry && historyOutcome(label, entry);
          if (outcome?.ok) return entry!;
          if (outcome) throw outcome.error;
          // Ended on the socket but not in the history yet: ComfyUI writes it just after.
          if (ended && Date.now() > ended.at + HISTORY_SETTLE_MS) throw badResponse(label, 'reported the generation done but has no history of it');
        }
        if (Date.now() > deadline) throw new EngineError('engine_unavailable', `${label} did not finish the generation within ${Math.round(maxWaitMs / 60_000)} min`);
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, pollMs);
        });
        clearTimeout(timer);
        wake = undefined;
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  async function fetchOutputs(entry: HistoryEntryValue, signal: AbortSignal | undefined): Promise<GeneratedFile[]> {
    const listed = outputFiles(entry);
    if (listed.length > MAX_OUTPUT_FILES) throw badResponse(label, `listed ${listed.length} output files (at most ${MAX_OUTPUT_FILES})`);
    const files: GeneratedFile[] = [];
    for (const file of listed) {
      const reply = await client.request({ path: '/view', query: { filename: file.filename, subfolder: file.subfolder, type: file.type }, accept: '*/*', maxResponseBytes: maxOutputBytes, signal });
      files.push({ node: file.node, kind: file.kind, filename: file.filename, bytes: reply.body });
    }
    return files;
  }

  return {
    kind: 'generate',
    name: 'comfyui',
    async generate(request, callbacks = {}) {
      const { signal } = callbacks;
      const graph = structuredClone(request.graph) as Record<string, { inputs?: Record<string, unknown> }>;
      for (const reference of request.references ?? []) {
        const node = graph[reference.node];
        if (!node?.inputs || !(reference.input in node.inputs)) throw new RangeError(`the graph has no input ${reference.node}.${reference.input} for a reference image`);
        node.inputs[reference.input] = await upload(reference, signal);
      }
      const clientId = randomUUID();
      const promptId = randomUUID();
      // Opened before the prompt is queued, so no event of it is missed; without it, /history is polled.
      const socket = await openPromptSocket(settings.baseUrl, { clientId, promptId }, { timeoutMs: socketTimeoutMs, ...(signal && { signal }) }).catch(() => undefined);
      try {
        const queued = await client.json({ path: '/prompt', json: { prompt: graph, client_id: clientId, prompt_id: promptId }, signal }, PromptReply);
        if (queued.prompt_id !== promptId) {
          // A ComfyUI from before `prompt_id` was taken: its events could not be told apart. Not left to run unwatched.
          await cancel(queued.prompt_id);
          throw badResponse(label, 'queued the prompt under an id of its own (a ComfyUI too old to take prompt_id: update it)');
        }
        try {
          const entry = await finished(promptId, socket, callbacks);
          return { promptId, files: await fetchOutputs(entry, signal) };
        } catch (error) {
          if (signal?.aborted) await cancel(promptId);
          throw error;
        }
      } finally {
        socket?.close();
      }
    },
    objectInfo: (options = {}) => client.json({ path: '/object_info', maxResponseBytes: 64 * 1024 * 1024, signal: options.signal }, ObjectInfoReply),
    async health(options = {}): Promise<EngineHealth> {
      try {
        const stats = await client.json({ path: '/system_stats', retries: 0, signal: options.signal }, SystemStats);
        const device = stats.devices?.[0]?.name;
        return { answers: true, detail: [`ComfyUI ${stats.system.comfyui_version ?? '(version not given)'}`, device].filter(Boolean).join(', ') };
      } catch (error) {
        if (error instanceof EngineError) return { answers: false, detail: error.message };
        throw error;
      }
    },
  };
}

/** A finished history entry as an outcome; undefined while it is still running. */
function historyOutcome(label: string, entry: HistoryEntryValue): { ok: true } | { ok: false; error: EngineError } | undefined {
  const status = entry.status;
  if (status?.status_str === 'error') {
    const reported = status.messages?.find((message): message is [string, Record<string, unknown>] => Array.isArray(message) && message[0] === 'execution_error' && typeof message[1] === 'object' && message[1] !== null);
    const data = reported?.[1] ?? {};
    const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
    return { ok: false, error: executionError(label, { type: 'error', nodeType: text(data.node_type), exceptionType: text(data.exception_type), message: text(data.exception_message) }) };
  }
  if (status?.completed === true || status?.status_str === 'success') return { ok: true };
  return undefined;
}

/** A node that failed: not transient (the same graph fails again), its message cut short and stripped of control characters. */
function executionError(label: string, event: Extract<PromptEvent, { type: 'error' }>): EngineError {
  const clean = printable([event.exceptionType, event.message].filter(Boolean).join(': '));
  return new EngineError('engine_rejected', `${label} failed the generation${event.nodeType ? ` at a ${event.nodeType} node` : ''}${clean ? `: ${clean}` : ''}`);
}

/** Every file under every output node, in node order, with the kind ComfyUI gives it. */
export function outputFiles(entry: HistoryEntryValue): Array<{ node: string; kind: 'image' | 'video'; filename: string; subfolder: string; type: string }> {
  const files: Array<{ node: string; kind: 'image' | 'video'; filename: string; subfolder: string; type: string }> = [];
  for (const [node, output] of Object.entries(entry.outputs ?? {})) {
    const animated = Array.isArray(output.animated) && output.animated.some((flag) => flag === true);
    for (const [key, list] of Object.entries(output)) {
      if (!Array.isArray(list)) continue;
      for (const item of list) {
        // `animated` is a list of flags, `text` of strings: only file references are outputs.
        if (!FileRefCheck.Check(item) || item.type !== 'output') continue;
        const video = key === 'gifs' || key === 'videos' || animated || VIDEO_EXTENSIONS.test(item.filename);
        files.push({ node, kind: video ? 'video' : 'image', filename: item.filename, subfolder: item.subfolder, type: item.type });
      }
    }
  }
  return files;
}
