import { Type } from 'typebox';
import { Compile } from 'typebox/compile';
import type { EngineClient } from '../engine-http.js';
import { PROBE, probe } from '../health.js';
import type { TranslateEngine } from '../types.js';
import { batches, translateLines, zipInOrder } from './batches.js';

const Translations = Compile(
  Type.Object({ translations: Type.Array(Type.Object({ text: Type.String({ maxLength: 100_000 }), detected_source_language: Type.Optional(Type.String()) }), { maxItems: 50 }) }),
);
const Languages = Compile(Type.Array(Type.Object({ language: Type.String({ minLength: 1, maxLength: 35 }), name: Type.Optional(Type.String({ maxLength: 200 })) }), { maxItems: 1000 }));
const Usage = Compile(Type.Object({ character_count: Type.Optional(Type.Number()), character_limit: Type.Optional(Type.Number()) }));

/** DeepL takes at most 50 texts per request, and 128 KiB of body. */
const BATCH_LINES = 50;
const BATCH_CHARS = 30_000;

/**
 * DeepL (a cloud service: the lines leave this machine, so it is used only
 * when TRANSLATE_ENGINE=deepl says so): `POST /v2/translate` with `text` as an
 * array, upper-case language codes, translations in request order.
 */
export function createDeepl(client: EngineClient): TranslateEngine {
  return {
    kind: 'translate',
    name: 'deepl',
    translate: (request, options = {}) =>
      translateLines(client.label, request, async (lines) => {
        const result = new Map<string, string>();
        const context = [request.context?.note, ...(request.context?.before ?? []), ...(request.context?.after ?? [])].filter((part) => part).join('\n');
        for (const batch of batches(lines, BATCH_LINES, BATCH_CHARS)) {
          const json = {
            text: batch.map((line) => line.text),
            target_lang: request.target.toUpperCase(),
            // A source is a bare language: "EN", never "EN-US".
            ...(request.source && { source_lang: request.source.split('-')[0]!.toUpperCase() }),
            ...(context && { context }),
          };
          const reply = await client.json({ path: '/v2/translate', json, signal: options.signal }, Translations);
          for (const [id, text] of zipInOrder(client.label, batch, reply.translations.map((entry) => entry.text))) result.set(id, text);
        }
        return result;
      }),
    async languages(options = {}) {
      const list = await client.json({ path: '/v2/languages', query: { type: 'target' }, signal: options.signal }, Languages);
      return list.map(({ language, name }) => (name === undefined ? { code: language } : { code: language, name }));
    },
    health: (options = {}) =>
      probe(async () => {
        const usage = await client.json({ path: '/v2/usage', ...PROBE, signal: options.signal }, Usage);
        const used = usage.character_count !== undefined && usage.character_limit !== undefined ? `${usage.character_count} of ${usage.character_limit} characters used` : undefined;
        return used ? { answers: true, detail: used } : { answers: true };
      }),
  };
}
