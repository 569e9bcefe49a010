import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { WebSocketServer, type WebSocket } from 'ws';
import { type FakeEngine, type RecordedRequest, type Reply, startFake } from './engine-fakes.js';

/**
 * A ComfyUI that runs no model: its HTTP routes and its WebSocket as the
 * engines reference §2.4 gives them (Comfy-Org/ComfyUI server.py,
 * execution.py, main.py), prompts run one at a time, and the events of a run
 * in ComfyUI's order: execution_start, execution_cached, then per node
 * executing (progress for a sampler, executed for an output node), then
 * execution_success, the history entry written, and executing with node null.
 * Nodes "run" by class: a sampler reports `steps` progress, a SaveImage
 * saves a PNG, VHS_VideoCombine a clip under `gifs`, SaveAnimatedWEBP an
 * image flagged `animated`.
 */

export interface SavedFile {
  readonly filename: string;
  readonly bytes: Uint8Array;
}

export interface ComfyUiFakeOptions {
  /** Time each sampler step takes (ms); 0 by default. */
  stepMs?: number;
  /** Steps a sampler reports when its graph names none. */
  steps?: number;
  /** Fail at the first node of this class with execution_error. */
  failAt?: string;
  /** Refuse the WebSocket handshake: clients must poll /history. */
  noSocket?: boolean;
  /**
   * Send a binary preview frame (said to be a JPEG) with each progress event:
   * `true` sends a real 64×64 JPEG whose shade follows the step, a function
   * the bytes it returns for a step (a hostile engine's).
   */
  previews?: true | ((step: number) => Uint8Array | Promise<Uint8Array>);
  /** What an output node saves: by default a small real PNG for images, `video` for clips. */
  image?: (node: string) => Promise<SavedFile> | SavedFile;
  video?: (node: string) => Promise<SavedFile> | SavedFile;
  /** Mint its own prompt id whatever the client sends, as ComfyUI did before it took `prompt_id`. */
  ignorePromptId?: boolean;
  /** Node classes /object_info lists (and /prompt accepts); the classes the shipped templates use by default. */
  classes?: readonly string[];
}

/** Node classes of ComfyUI (and one custom node, VHS_VideoCombine) with their input names, as /object_info lists them. */
export const FAKE_NODE_INPUTS: Readonly<Record<string, readonly string[]>> = {
  CheckpointLoaderSimple: ['ckpt_name'],
  UNETLoader: ['unet_name', 'weight_dtype'],
  CLIPLoader: ['clip_name', 'type', 'device'],
  VAELoader: ['vae_name'],
  ModelSamplingSD3: ['model', 'shift'],
  CLIPTextEncode: ['text', 'clip'],
  EmptyLatentImage: ['width', 'height', 'batch_size'],
  EmptyHunyuanLatentVideo: ['width', 'height', 'length', 'batch_size'],
  KSampler: ['model', 'seed', 'steps', 'cfg', 'sampler_name', 'scheduler', 'positive', 'negative', 'latent_image', 'denoise'],
  VAEDecode: ['samples', 'vae'],
  VAEEncode: ['pixels', 'vae'],
  LoadImage: ['image'],
  SaveImage: ['images', 'filename_prefix'],
  SaveAnimatedWEBP: ['images', 'filename_prefix', 'fps', 'lossless', 'quality', 'method'],
  VHS_VideoCombine: ['images', 'frame_rate', 'loop_count', 'filename_prefix', 'format', 'pingpong', 'save_output'],
};
export const FAKE_CLASSES = Object.keys(FAKE_NODE_INPUTS);

interface Prompt {
  readonly id: string;
  readonly clientId: string;
  readonly graph: Record<string, { class_type: string; inputs: Record<string, unknown> }>;
  state: 'pending' | 'running' | 'done';
  interrupted: boolean;
}

export interface ComfyUiFake extends FakeEngine {
  readonly options: ComfyUiFakeOptions;
  /** Every message sent on any socket, in order, as `[clientId, type, data]`. */
  readonly sent: Array<readonly [string, string, Record<string, unknown>]>;
  /** Files uploaded to /upload/image, by name. */
  readonly uploads: Map<string, Uint8Array>;
  /** Prompts ever queued, by id. */
  readonly prompts: Map<string, Prompt>;
  /** Cuts every open socket, as a restarting proxy would. */
  dropSockets(): void;
}

const SAMPLERS = new Set(['KSampler', 'KSamplerAdvanced', 'SamplerCustom']);

export async function tinyPng(): Promise<Uint8Array> {
  return new Uint8Array(await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 200, g: 80, b: 120 } } }).png().toBuffer());
}

export async function startComfyUiFake(options: ComfyUiFakeOptions = {}): Promise<ComfyUiFake> {
  const sockets = new Map<string, WebSocket>();
  const history = new Map<string, Record<string, unknown>>();
  const files = new Map<string, Uint8Array>();
  const queue: Prompt[] = [];
  let running = false;
  const wss = new WebSocketServer({ noServer: true });
  const classes = () => options.classes ?? FAKE_CLASSES;

  const send = (clientId: string | undefined, type: string, data: Record<string, unknown>) => {
    for (const [sid, socket] of sockets) {
      if (clientId !== undefined && sid !== clientId) continue;
      fake.sent.push([sid, type, data]);
      socket.send(JSON.stringify({ type, data }));
    }
  };
  const status = (clientId?: string) => send(clientId, 'status', { status: { exec_info: { queue_remaining: queue.filter((p) => p.state !== 'done').length } } });
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  async function save(node: string, kind: 'image' | 'video'): Promise<{ filename: string; subfolder: string; type: string }> {
    const saved = kind === 'image' ? await (options.image ?? (async () => ({ filename: `ComfyUI_${node}_00001_.png`, bytes: await tinyPng() })))(node) : await options.video!(node);
    files.set(saved.filename, saved.bytes);
    return { filename: saved.filename, subfolder: '', type: 'output' };
  }

  async function execute(prompt: Prompt): Promise<void> {
    prompt.state = 'running';
    const at = () => Date.now();
    send(prompt.clientId, 'execution_start', { prompt_id: prompt.id, timestamp: at() });
    send(prompt.clientId, 'execution_cached', { nodes: [], prompt_id: prompt.id, timestamp: at() });
    const outputs: Record<string, unknown> = {};
    const messages: unknown[] = [['execution_start', { prompt_id: prompt.id }]];
    const fail = (type: string, data: Record<string, unknown>) => {
      send(prompt.clientId, type, data);
      messages.push([type, data]);
      history.set(prompt.id, { prompt: [0, prompt.id, prompt.graph, {}, []], outputs, status: { status_str: 'error', completed: false, messages }, meta: {} });
    };
    for (const [node, { class_type: type, inputs }] of Object.entries(prompt.graph)) {
      send(prompt.clientId, 'executing', { node, display_node: node, prompt_id: prompt.id });
      if (options.failAt === type) {
        return fail('execution_error', { prompt_id: prompt.id, node_id: node, node_type: type, executed: [], exception_message: 'CUDA out of memory. Tried to allocate 2.00 GiB', exception_type: 'torch.OutOfMemoryError', traceback: ['  File "execution.py", line 1'], current_inputs: {}, current_outputs: {} });
      }
      if (SAMPLERS.has(type)) {
        const steps = typeof inputs.steps === 'number' ? inputs.steps : (options.steps ?? 4);
        for (let value = 1; value <= steps; value++) {
          if (prompt.interrupted) return fail('execution_interrupted', { prompt_id: prompt.id, node_id: node, node_type: type, executed: [] });
          if (options.stepMs) await sleep(options.stepMs);
          send(prompt.clientId, 'progress', { value, max: steps, prompt_id: prompt.id, node });
          if (options.previews) {
            const frame = options.previews === true ? await previewJpeg(value) : await options.previews(value);
            sockets.get(prompt.clientId)?.send(Buffer.concat([u32(1), u32(1), frame]));
          }
        }
      }
      const output =
        type === 'SaveImage' ? { images: [await save(node, 'image')] }
        : type === 'SaveAnimatedWEBP' ? { images: [await save(node, 'image')], animated: [true] }
        : type === 'VHS_VideoCombine' ? { gifs: [{ ...(await save(node, 'video')), format: 'video/h264-mp4', frame_rate: 8 }] }
        : undefined;
      if (output) {
        outputs[node] = output;
        send(prompt.clientId, 'executed', { node, display_node: node, output, prompt_id: prompt.id });
      }
    }
    send(prompt.clientId, 'execution_success', { prompt_id: prompt.id, timestamp: at() });
    messages.push(['execution_success', { prompt_id: prompt.id }]);
    // As ComfyUI's prompt worker: the history entry is written after execution_success, before "executing null".
    await sleep(20);
    history.set(prompt.id, { prompt: [0, prompt.id, prompt.graph, {}, []], outputs, status: { status_str: 'success', completed: true, messages }, meta: {} });
    send(prompt.clientId, 'executing', { node: null, prompt_id: prompt.id });
  }

  async function drain(): Promise<void> {
    if (running) return;
    running = true;
    try {
      for (let next = queue.find((p) => p.state === 'pending'); next; next = queue.find((p) => p.state === 'pending')) {
        await execute(next);
        next.state = 'done';
        status();
      }
    } finally {
      running = false;
    }
  }

  function queuePrompt(request: RecordedRequest): Reply {
    const body = request.json ?? {};
    const graph = body.prompt as Prompt['graph'] | undefined;
    if (!graph || typeof graph !== 'object') return { status: 400, json: { error: { type: 'invalid_prompt', message: 'Cannot execute because the prompt is not a graph', details: '', extra_info: {} }, node_errors: {} } };
    const unknown = Object.entries(graph).filter(([, node]) => !classes().includes(node.class_type));
    if (unknown.length > 0) {
      const [node, { class_type: type }] = unknown[0]!;
      return { status: 400, json: { error: { type: 'invalid_prompt', message: `Cannot execute because node ${type} does not exist.`, details: `Node ID '#${node}'`, extra_info: {} }, node_errors: {} } };
    }
    const id = typeof body.prompt_id === 'string' && !options.ignorePromptId ? body.prompt_id : randomUUID();
    const prompt: Prompt = { id, clientId: String(body.client_id ?? ''), graph, state: 'pending', interrupted: false };
    fake.prompts.set(id, prompt);
    queue.push(prompt);
    status();
    setImmediate(() => void drain());
    return { json: { prompt_id: id, number: queue.length, node_errors: {} } };
  }

  async function handle(request: RecordedRequest): Promise<Reply> {
    const path = request.path.replace(/^\/api(?=\/)/, '');
    if (path === '/prompt' && request.method === 'POST') return queuePrompt(request);
    const historyId = /^\/history\/([^/]+)$/.exec(path)?.[1];
    if (historyId) {
      const entry = history.get(historyId);
      return { json: entry ? { [historyId]: entry } : {} };
    }
    if (path === '/view') {
      const name = request.query.get('filename') ?? '';
      if (name.includes('..') || (request.query.get('subfolder') ?? '').includes('..')) return { status: 403, json: {} };
      const bytes = files.get(name);
      return bytes ? { bytes, type: name.endsWith('.png') ? 'image/png' : 'application/octet-stream' } : { status: 404, json: {} };
    }
    if (path === '/upload/image' && request.method === 'POST') {
      const image = request.form?.find(([field]) => field === 'image')?.[1];
      if (!image?.bytes || !image.filename) return { status: 400, json: {} };
      fake.uploads.set(image.filename, image.bytes);
      return { json: { name: image.filename, subfolder: '', type: 'input' } };
    }
    if (path === '/interrupt' && request.method === 'POST') {
      const target = request.json?.prompt_id;
      for (const prompt of queue) if (prompt.state === 'running' && (target === undefined || target === prompt.id)) prompt.interrupted = true;
      return { json: {} };
    }
    if (path === '/queue') {
      if (request.method === 'POST') {
        const ids = Array.isArray(request.json?.delete) ? (request.json.delete as unknown[]) : [];
        for (const prompt of queue) if (prompt.state === 'pending' && ids.includes(prompt.id)) prompt.state = 'done';
        return { json: {} };
      }
      const entry = (p: Prompt) => [0, p.id, p.graph, {}, []];
      return { json: { queue_running: queue.filter((p) => p.state === 'running').map(entry), queue_pending: queue.filter((p) => p.state === 'pending').map(entry) } };
    }
    if (path === '/object_info') {
      const inputs = (name: string) => Object.fromEntries((FAKE_NODE_INPUTS[name] ?? []).map((input) => [input, ['STRING', {}]]));
      return { json: Object.fromEntries(classes().map((name) => [name, { input: { required: inputs(name), optional: {} }, output: [], name, display_name: name, category: 'fake' }])) };
    }
    if (path === '/system_stats') {
      return { json: { system: { os: 'posix', ram_total: 0, ram_free: 0, comfyui_version: '0.3.66', python_version: '3.12', pytorch_version: '2.8.0', embedded_python: false, argv: [] }, devices: [{ name: 'cpu', type: 'cpu', index: null, vram_total: 0, vram_free: 0, torch_vram_total: 0, torch_vram_free: 0 }] } };
    }
    return { status: 404, json: {} };
  }

  const fake = (await startFake(handle, {
    upgrade(request, socket, head) {
      const url = new URL(request.url ?? '/', 'http://fake');
      if (options.noSocket || !['/ws', '/api/ws'].includes(url.pathname)) return void socket.destroy();
      wss.handleUpgrade(request, socket, head, (ws) => {
        const sid = url.searchParams.get('clientId') ?? randomUUID();
        sockets.set(sid, ws);
        ws.on('close', () => sockets.delete(sid));
        status(sid);
      });
    },
  })) as ComfyUiFake;
  Object.assign(fake, {
    options,
    sent: [],
    uploads: new Map(),
    prompts: new Map(),
    dropSockets: () => {
      for (const socket of sockets.values()) socket.terminate();
    },
  });
  const close = fake.close;
  fake.close = async () => {
    for (const socket of sockets.values()) socket.terminate();
    wss.close();
    await close();
  };
  return fake;
}

function u32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
}

/** A preview as ComfyUI's latent previewer sends one: a small JPEG, here a flat shade that brightens with each step. */
export function previewJpeg(step: number): Promise<Buffer> {
  const shade = Math.min(255, 40 * step);
  return sharp({ create: { width: 64, height: 64, channels: 3, background: { r: shade, g: 64, b: 128 } } }).jpeg().toBuffer();
}
