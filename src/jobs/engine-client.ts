import { copyFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SynthesizeRequest, Transcript, TranslateRequest } from '../engines/types.js';
import { STAGE_CODE } from './child-protocol.js';
import { type EngineRequestMessage, type EngineResults, engineInputName } from './engine-protocol.js';
import { StageError } from './stage-context.js';

/** What a stage in the job process can ask of the engines, through its runner. */
export interface EngineCalls {
  /** Speech recognition of a WAV file in the work dir (copied into `out/` for the runner to read). */
  transcribe(audioPath: string, options?: { language?: string; prompt?: string }): Promise<Transcript>;
  /** One translation per line id asked, by id. */
  translate(request: TranslateRequest): Promise<Map<string, string>>;
  /** A WAV file of the text spoken. */
  synthesize(request: SynthesizeRequest): Promise<Uint8Array>;
  /** The job's generation, run by the worker from the job's own options: the seed used and the outputs it keeps. */
  generate(): Promise<EngineResults['generate']>;
  /** A piece of one output from `offset` (empty past its end). */
  readOutput(output: number, offset: number): Promise<Uint8Array>;
}

type Request =
  | { engine: 'asr'; audio: string; language?: string; prompt?: string }
  | ({ engine: 'translate' } & TranslateRequest)
  | ({ engine: 'tts' } & SynthesizeRequest)
  | { engine: 'generate' }
  | { engine: 'generate_read'; output: number; offset: number };
type Waiter = { resolve: (result: unknown) => void; reject: (error: Error) => void };

/**
 * The child's half of the engine channel (engine-protocol.ts): one request
 * at a time, each answered by the reply line with its id. A refusal becomes
 * a StageError with the engine's code, so the stage fails as a whole and
 * nothing it was making is reported.
 */
export function createEngineCalls(deps: { outDir: string; send: (message: EngineRequestMessage) => void }) {
  let nextId = 1;
  let waiting: { id: number; waiter: Waiter } | undefined;
  let closed = false;

  async function ask<K extends keyof EngineResults>(request: Request & { engine: K }, id = nextId++): Promise<EngineResults[K]> {
    if (waiting) throw new Error('one engine request at a time');
    if (closed) throw new StageError('engine_unavailable', 'The worker is no longer listening.', true);
    return new Promise<EngineResults[K]>((resolve, reject) => {
      waiting = { id, waiter: { resolve: resolve as (result: unknown) => void, reject } };
      deps.send({ kind: 'engine_request', id, ...request } as EngineRequestMessage);
    });
  }

  const calls: EngineCalls = {
    async transcribe(audioPath, options = {}) {
      const id = nextId++;
      const name = engineInputName(id);
      const target = join(deps.outDir, name);
      await copyFile(audioPath, target);
      try {
        return await ask({ engine: 'asr', audio: name, ...(options.language && { language: options.language }), ...(options.prompt && { prompt: options.prompt }) }, id);
      } finally {
        await rm(target, { force: true });
      }
    },
    async translate(request) {
      const { translations } = await ask({ engine: 'translate', ...request });
      return new Map(Object.entries(translations));
    },
    async synthesize(request) {
      const { wav } = await ask({ engine: 'tts', ...request });
      return Buffer.from(wav, 'base64');
    },
    generate: () => ask({ engine: 'generate' }),
    async readOutput(output, offset) {
      const { data } = await ask({ engine: 'generate_read', output, offset });
      return Buffer.from(data, 'base64');
    },
  };

  return {
    calls,
    /** One reply line from stdin. */
    deliver(line: string): void {
      const reply = JSON.parse(line) as { kind?: unknown; id?: unknown; ok?: unknown; result?: unknown; code?: unknown; message?: unknown; transient?: unknown };
      if (reply.kind !== 'engine_reply' || !waiting || reply.id !== waiting.id) return;
      const { waiter } = waiting;
      waiting = undefined;
      if (reply.ok === true) return waiter.resolve(reply.result);
      const code = typeof reply.code === 'string' && STAGE_CODE.test(reply.code) ? reply.code : 'engine_bad_response';
      waiter.reject(new StageError(code, typeof reply.message === 'string' ? reply.message.slice(0, 1_000) : 'The engine call failed.', reply.transient === true));
    },
    /** stdin ended: the runner is gone, no reply will come. */
    close(): void {
      closed = true;
      waiting?.waiter.reject(new StageError('engine_unavailable', 'The worker is no longer listening.', true));
      waiting = undefined;
    },
  };
}
