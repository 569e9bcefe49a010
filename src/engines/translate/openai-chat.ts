import { Type } from 'typebox';
import { Compile } from 'typebox/compile';
import type { EngineClient } from '../engine-http.js';
import { EngineError } from '../errors.js';
import { openAiHealth } from '../health.js';
import type { CallOptions, TranslateEngine, TranslateRequest, TranslationLine } from '../types.js';
import { batches, translateLines } from './batches.js';

const Completion = Compile(
  Type.Object({
    choices: Type.Array(Type.Object({ message: Type.Object({ content: Type.String({ maxLength: 1_000_000 }) }) }), { minItems: 1, maxItems: 16 }),
  }),
);

/** Lines per request: small enough for a local model's context, large enough to keep a scene together. */
const BATCH_LINES = 20;
const BATCH_CHARS = 4_000;
/** Neighbouring lines sent with each batch, for context only. */
const NEIGHBOURS = 3;

interface Settings {
  readonly model: string;
  readonly batchLines?: number;
}

/**
 * A chat model behind `POST /v1/chat/completions` (Ollama, llama.cpp, vLLM):
 * each batch of lines goes out as JSON keyed by segment id, with a few
 * neighbouring lines as context and each line's character budget, and must
 * come back as a JSON object with exactly those keys. A reply that does not
 * is asked again once; then the batch is translated line by line. The JSON
 * schema is sent as `response_format` and dropped if the server refuses it.
 */
export function createOpenAiChatTranslator(client: EngineClient, settings: Settings): TranslateEngine {
  let schemaRefused = false;

  async function complete(request: TranslateRequest, lines: readonly TranslationLine[], neighbours: { before: string[]; after: string[] }, options: CallOptions): Promise<string> {
    const ids = lines.map((line) => line.id);
    const body = {
      model: settings.model,
      temperature: 0,
      stream: false,
      messages: [
        { role: 'system', content: systemPrompt(request) },
        { role: 'user', content: JSON.stringify(userMessage(request, lines, neighbours)) },
      ],
    };
    const schema = {
      type: 'json_schema',
      json_schema: {
        name: 'translations',
        strict: true,
        schema: { type: 'object', properties: Object.fromEntries(ids.map((id) => [id, { type: 'string' }])), required: ids, additionalProperties: false },
      },
    };
    if (!schemaRefused) {
      try {
        return await ask({ ...body, response_format: schema }, options);
      } catch (error) {
        // Servers without structured output answer 400 to the field; the prompt alone asks for the same JSON.
        if (!(error instanceof EngineError) || error.code !== 'engine_rejected' || error.status !== 400) throw error;
        schemaRefused = true;
      }
    }
    return ask(body, options);
  }

  async function ask(json: Record<string, unknown>, options: CallOptions): Promise<string> {
    const reply = await client.json({ path: '/v1/chat/completions', json, signal: options.signal }, Completion);
    return reply.choices[0]!.message.content;
  }

  /** One batch: asked, asked again, then line by line; each reply must hold exactly the ids asked. */
  async function translateBatch(request: TranslateRequest, batch: readonly TranslationLine[], neighbours: { before: string[]; after: string[] }, options: CallOptions) {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const parsed = replyFor(await complete(request, batch, neighbours, options), batch);
      if (parsed) return parsed;
    }
    if (batch.length === 1) throw new EngineError('engine_bad_response', `${client.label}: the model did not answer with the translation asked for line ${batch[0]!.id}`);
    const result = new Map<string, string>();
    for (const [index, line] of batch.entries()) {
      const around = { before: [...neighbours.before, ...batch.slice(0, index).map((l) => l.text)].slice(-NEIGHBOURS), after: [...batch.slice(index + 1).map((l) => l.text), ...neighbours.after].slice(0, NEIGHBOURS) };
      for (const [id, text] of await translateBatch(request, [line], around, options)) result.set(id, text);
    }
    return result;
  }

  return {
    kind: 'translate',
    name: 'openai',
    translate: (request, options = {}) =>
      translateLines(client.label, request, async (lines) => {
        const result = new Map<string, string>();
        let start = 0;
        for (const batch of batches(lines, settings.batchLines ?? BATCH_LINES, BATCH_CHARS)) {
          const end = start + batch.length;
          const neighbours = {
            before: [...(request.context?.before ?? []), ...lines.slice(0, start).map((line) => line.text)].slice(-NEIGHBOURS),
            after: [...lines.slice(end).map((line) => line.text), ...(request.context?.after ?? [])].slice(0, NEIGHBOURS),
          };
          for (const [id, text] of await translateBatch(request, batch, neighbours, options)) result.set(id, text);
          start = end;
        }
        return result;
      }),
    languages: async () => [],
    health: (options) => openAiHealth(client, options),
  };
}

function languageName(code: string | undefined): string | undefined {
  if (!code) return undefined;
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'language' }).of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}

function systemPrompt(request: TranslateRequest): string {
  const source = languageName(request.source) ?? 'the source language';
  return [
    `You translate anime dialogue for dubbing, from ${source} into ${languageName(request.target)}.`,
    'The user sends JSON: "lines" maps each segment id to its text and, where given, "max_chars", the most characters its translation may have to be spoken in time.',
    '"before" and "after" are neighbouring lines for context only; never translate them. "notes" describe the work.',
    'Answer with one JSON object and nothing else: exactly one key per id in "lines", each value that line translated as natural, speakable dialogue within its max_chars.',
  ].join('\n');
}

function userMessage(request: TranslateRequest, lines: readonly TranslationLine[], neighbours: { before: string[]; after: string[] }) {
  return {
    ...(request.context?.note && { notes: request.context.note }),
    before: neighbours.before,
    lines: Object.fromEntries(lines.map((line) => [line.id, line.maxChars === undefined ? { text: line.text } : { text: line.text, max_chars: line.maxChars }])),
    after: neighbours.after,
  };
}

/**
 * The model's answer as id → text, or undefined unless it is one JSON object
 * with exactly the ids asked, each a string of sane length. Models often wrap
 * JSON in a Markdown fence; that much is forgiven.
 */
function replyFor(content: string, lines: readonly TranslationLine[]): Map<string, string> | undefined {
  const unfenced = content.trim().replace(/^```(?:json)?\s*/i, '').replace(/\s*```$/, '');
  let value: unknown;
  try {
    value = JSON.parse(unfenced);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const entries = Object.entries(value);
  if (entries.length !== lines.length) return undefined;
  const result = new Map<string, string>();
  for (const line of lines) {
    const text: unknown = Object.hasOwn(value, line.id) ? (value as Record<string, unknown>)[line.id] : undefined;
    if (typeof text !== 'string' || text.trim() === '' || text.length > Math.max(1_000, line.text.length * 8)) return undefined;
    result.set(line.id, text.trim());
  }
  return result;
}
