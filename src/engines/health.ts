import { Type } from 'typebox';
import { Compile } from 'typebox/compile';
import type { EngineClient } from './engine-http.js';
import { EngineError } from './errors.js';
import type { CallOptions, EngineHealth } from './types.js';

/** A health probe answers quickly or not at all: one attempt, a short timeout. */
export const PROBE = { retries: 0, timeoutMs: 5_000 } as const;

/** Runs a probe; an EngineError becomes `answers: false` with its (key-free) message. */
export async function probe(run: () => Promise<EngineHealth>): Promise<EngineHealth> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof EngineError) return { answers: false, detail: error.message };
    throw error;
  }
}

const ModelId = Type.String({ minLength: 1, maxLength: 200 });
const ModelList = Compile(Type.Object({ data: Type.Array(Type.Object({ id: ModelId }), { maxItems: 2000 }) }));

/** `GET /v1/models`, the OpenAI shape most self-hosted servers answer (speaches, LocalAI, Ollama, llama.cpp, vLLM). */
export async function openAiModels(client: EngineClient, options: CallOptions = {}): Promise<readonly string[]> {
  const reply = await client.json({ path: '/v1/models', ...PROBE, signal: options.signal }, ModelList);
  return reply.data.map((model) => model.id);
}

/**
 * Health of an OpenAI-shaped server: its model list, else (a server without
 * one, e.g. whisper.cpp behind a renamed inference path) its `/health`.
 */
export function openAiHealth(client: EngineClient, options: CallOptions = {}): Promise<EngineHealth> {
  return probe(async () => {
    try {
      return { answers: true, models: await openAiModels(client, options) };
    } catch (error) {
      if (!(error instanceof EngineError) || error.code !== 'engine_rejected') throw error;
      await client.request({ path: '/health', ...PROBE, signal: options.signal });
      return { answers: true, detail: 'answers /health; lists no models' };
    }
  });
}
