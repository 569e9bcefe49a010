import { Type } from 'typebox';
import { Compile } from 'typebox/compile';
import type { EngineClient } from '../engine-http.js';
import { PROBE, probe } from '../health.js';
import type { EngineLanguage, TranslateEngine } from '../types.js';
import { batches, translateLines, zipInOrder } from './batches.js';

const Translated = Compile(Type.Object({ translatedText: Type.Array(Type.String({ maxLength: 100_000 }), { maxItems: 1000 }) }));
const Languages = Compile(
  Type.Array(Type.Object({ code: Type.String({ minLength: 1, maxLength: 35 }), name: Type.Optional(Type.String({ maxLength: 200 })) }), { maxItems: 1000 }),
);

/** Lines per request, and characters: under LibreTranslate's usual `batch_limit` / `char_limit` settings. */
const BATCH_LINES = 25;
const BATCH_CHARS = 5_000;

/**
 * LibreTranslate: `POST /translate` with `q` as an array (one translation per
 * element, in order), the key as its `api_key` field; `GET /languages`.
 */
export function createLibreTranslate(client: EngineClient): TranslateEngine {
  async function languages(options: { signal?: AbortSignal } = {}): Promise<EngineLanguage[]> {
    const list = await client.json({ path: '/languages', signal: options.signal }, Languages);
    return list.map(({ code, name }) => (name === undefined ? { code } : { code, name }));
  }
  return {
    kind: 'translate',
    name: 'libretranslate',
    translate: (request, options = {}) =>
      translateLines(client.label, request, async (lines) => {
        const result = new Map<string, string>();
        for (const batch of batches(lines, BATCH_LINES, BATCH_CHARS)) {
          const json = { q: batch.map((line) => line.text), source: request.source ?? 'auto', target: request.target, format: 'text' };
          const reply = await client.json({ path: '/translate', json, signal: options.signal }, Translated);
          for (const [id, text] of zipInOrder(client.label, batch, reply.translatedText)) result.set(id, text);
        }
        return result;
      }),
    languages,
    health: (options = {}) =>
      probe(async () => {
        const list = await client.json({ path: '/languages', ...PROBE, signal: options.signal }, Languages);
        return { answers: true, detail: `${list.length} languages` };
      }),
  };
}
