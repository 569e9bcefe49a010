import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { enginesFor, expectEngineError, fakeTranslation, startChatFake, startDeeplFake, startLibreTranslateFake } from '../../../test/helpers/engine-fakes.js';
import type { TranslationLine } from '../types.js';

const KEY = 'tr-key-41f0aa7c9e';
const lines = (count: number, prefix = 'line'): TranslationLine[] => Array.from({ length: count }, (_, index) => ({ id: `s${index + 1}`, text: `${prefix} ${index + 1}` }));
const expected = (asked: readonly TranslationLine[], target: string) => new Map(asked.map((line) => [line.id, fakeTranslation(line.text, target)]));

describe('LibreTranslate (POST /translate, q as an array)', () => {
  test('batches lines, sends q/source/target/format and the key as api_key; blank lines are not sent', async () => {
    const fake = await startLibreTranslateFake();
    fake.expectedKey = KEY;
    try {
      const translate = enginesFor({ TRANSLATE_ENGINE: 'libretranslate', TRANSLATE_URL: fake.url, TRANSLATE_API_KEY: KEY }).translate!;
      const asked = [...lines(60), { id: 'blank', text: '  ' }];
      const result = await translate.translate({ target: 'en', lines: asked });
      assert.deepEqual(result, new Map([...expected(lines(60), 'en'), ['blank', '']]));
      assert.deepEqual(fake.requests.map((r) => (r.json!.q as string[]).length), [25, 25, 10]);
      const first = fake.requests[0]!;
      assert.deepEqual({ ...first.json, q: undefined }, { q: undefined, source: 'auto', target: 'en', format: 'text', api_key: KEY });
      assert.equal(first.headers.authorization, undefined);
      assert.deepEqual((await translate.languages()).map((l) => l.code), ['en', 'ja']);
      assert.equal((await translate.health()).answers, true);
    } finally {
      await fake.close();
    }
  });

  test('fewer translations than lines is engine_bad_response; a 5xx is retried', async () => {
    const fake = await startLibreTranslateFake({ dropOne: true });
    try {
      const translate = enginesFor({ TRANSLATE_ENGINE: 'libretranslate', TRANSLATE_URL: fake.url }).translate!;
      await expectEngineError(translate.translate({ target: 'en', lines: lines(3) }), 'engine_bad_response');
      fake.options.dropOne = false;
      fake.faults = { failTimes: 2, failStatus: 502 };
      fake.requests.length = 0;
      assert.equal((await translate.translate({ target: 'en', lines: lines(3) })).size, 3);
      assert.equal(fake.requests.length, 3);
    } finally {
      await fake.close();
    }
  });
});

describe('DeepL (POST /v2/translate, opt-in)', () => {
  test('text as an array, upper-case languages, DeepL-Auth-Key, context; translations in request order', async () => {
    const fake = await startDeeplFake();
    fake.expectedKey = KEY;
    try {
      const translate = enginesFor({ TRANSLATE_ENGINE: 'deepl', TRANSLATE_URL: fake.url, TRANSLATE_API_KEY: KEY }).translate!;
      const asked = lines(70);
      const result = await translate.translate({ source: 'ja', target: 'en-us', lines: asked, context: { note: 'A school comedy.', before: ['Earlier line'] } });
      assert.deepEqual([...result], [...expected(asked, 'EN-US')]);
      assert.deepEqual(fake.requests.map((r) => (r.json!.text as string[]).length), [50, 20]);
      const first = fake.requests[0]!;
      assert.equal(first.headers.authorization, `DeepL-Auth-Key ${KEY}`);
      assert.equal(first.json!.target_lang, 'EN-US');
      assert.equal(first.json!.source_lang, 'JA');
      assert.equal(first.json!.context, 'A school comedy.\nEarlier line');
      assert.equal(first.json!.api_key, undefined);
      assert.deepEqual((await translate.languages()).map((l) => l.code), ['EN-US', 'JA']);
      assert.deepEqual(await translate.health(), { answers: true, detail: '1200 of 500000 characters used' });
    } finally {
      await fake.close();
    }
  });

  test('a missing translation is engine_bad_response; a wrong key engine_rejected', async () => {
    const fake = await startDeeplFake({ dropOne: true });
    fake.expectedKey = 'right-key';
    try {
      const translate = enginesFor({ TRANSLATE_ENGINE: 'deepl', TRANSLATE_URL: fake.url, TRANSLATE_API_KEY: KEY }).translate!;
      await expectEngineError(translate.translate({ target: 'en', lines: lines(2) }), 'engine_rejected', KEY);
      fake.expectedKey = KEY;
      await expectEngineError(translate.translate({ target: 'en', lines: lines(2) }), 'engine_bad_response', KEY);
    } finally {
      await fake.close();
    }
  });
});

describe('a chat model (POST /v1/chat/completions)', () => {
  async function withChat(options: Parameters<typeof startChatFake>[0], body: (fake: Awaited<ReturnType<typeof startChatFake>>, translate: NonNullable<ReturnType<typeof enginesFor>['translate']>) => Promise<void>) {
    const fake = await startChatFake(options);
    fake.expectedKey = KEY;
    try {
      await body(fake, enginesFor({ TRANSLATE_ENGINE: 'openai', TRANSLATE_URL: `${fake.url}/v1`, TRANSLATE_MODEL: 'qwen2.5:14b', TRANSLATE_API_KEY: KEY }).translate!);
    } finally {
      await fake.close();
    }
  }
  const userOf = (request: { json?: Record<string, unknown> }) =>
    JSON.parse((request.json!.messages as Array<{ role: string; content: string }>).find((m) => m.role === 'user')!.content) as {
      before: string[];
      after: string[];
      notes?: string;
      lines: Record<string, { text: string; max_chars?: number }>;
    };

  test('asks for a JSON object keyed by segment id, with budgets, neighbours and a strict schema of exactly those keys', () =>
    withChat({}, async (fake, translate) => {
      const asked = lines(25).map((line, index) => (index === 0 ? { ...line, maxChars: 30 } : line));
      const result = await translate.translate({ source: 'ja', target: 'en', lines: asked, context: { before: ['b1', 'b2', 'b3', 'b4'], after: ['a1'], note: 'Names: Kaito' } });
      assert.deepEqual(result, expected(asked, 'en'));
      assert.equal(fake.requests.length, 2, 'two batches of at most 20');
      const [first, second] = fake.requests.map(userOf);
      assert.deepEqual(Object.keys(first!.lines), asked.slice(0, 20).map((l) => l.id));
      assert.deepEqual(first!.lines.s1, { text: 'line 1', max_chars: 30 });
      assert.deepEqual(first!.before, ['b2', 'b3', 'b4']);
      assert.deepEqual(first!.after, ['line 21', 'line 22', 'line 23']);
      assert.equal(first!.notes, 'Names: Kaito');
      assert.deepEqual(second!.before, ['line 18', 'line 19', 'line 20']);
      assert.deepEqual(second!.after, ['a1']);
      const request = fake.requests[0]!;
      assert.equal(request.headers.authorization, `Bearer ${KEY}`);
      assert.equal(request.json!.model, 'qwen2.5:14b');
      assert.equal(request.json!.stream, false);
      const format = request.json!.response_format as { type: string; json_schema: { strict: boolean; schema: { required: string[]; additionalProperties: boolean } } };
      assert.equal(format.type, 'json_schema');
      assert.equal(format.json_schema.strict, true);
      assert.deepEqual(format.json_schema.schema.required, asked.slice(0, 20).map((l) => l.id));
      assert.equal(format.json_schema.schema.additionalProperties, false);
      assert.match((request.json!.messages as Array<{ content: string }>)[0]!.content, /from Japanese \(ja\) into English \(en\)/);
    }));

  for (const [fault, spoil] of [
    ['a missing key', (reply: Record<string, string>) => delete reply[Object.keys(reply)[0]!]],
    ['an extra key', (reply: Record<string, string>) => (reply.s99 = 'extra')],
    ['a value that is not a string', (reply: Record<string, unknown>) => (reply[Object.keys(reply)[0]!] = 42)],
  ] as const) {
    test(`${fault}: the batch is asked again once, then line by line`, () =>
      withChat(
        {
          answer: (asked) => {
            if (Object.keys(asked).length === 1) return undefined;
            const reply: Record<string, string> = Object.fromEntries(Object.entries(asked).map(([id, line]) => [id, fakeTranslation(line.text, 'en')]));
            spoil(reply);
            return JSON.stringify(reply);
          },
        },
        async (fake, translate) => {
          const asked = lines(4);
          assert.deepEqual(await translate.translate({ target: 'en', lines: asked }), expected(asked, 'en'));
          assert.deepEqual(fake.requests.map((r) => Object.keys(userOf(r).lines).length), [4, 4, 1, 1, 1, 1]);
          assert.deepEqual(userOf(fake.requests[3]!).before, ['line 1'], 'a line alone still gets its neighbours');
        },
      ));
  }

  test('one good retry is enough; fenced JSON is accepted', () =>
    withChat({ answer: (asked, index) => (index === 0 ? 'Sure! Here are the translations.' : `\`\`\`json\n${JSON.stringify(Object.fromEntries(Object.keys(asked).map((id) => [id, `t-${id}`])))}\n\`\`\``) }, async (fake, translate) => {
      assert.deepEqual(await translate.translate({ target: 'en', lines: lines(2) }), new Map([['s1', 't-s1'], ['s2', 't-s2']]));
      assert.equal(fake.requests.length, 2);
    }));

  test('a model that never answers in shape: engine_bad_response after two tries per line', () =>
    withChat({ answer: () => 'no' }, async (fake, translate) => {
      await expectEngineError(translate.translate({ target: 'en', lines: lines(3) }), 'engine_bad_response', KEY);
      assert.equal(fake.requests.length, 4, 'batch twice, then the first line twice');
    }));

  test('a server without structured output: asked again without response_format, and not offered it again', () =>
    withChat({ refuseSchema: true }, async (fake, translate) => {
      await translate.translate({ target: 'en', lines: lines(2) });
      await translate.translate({ target: 'en', lines: lines(2) });
      assert.deepEqual(fake.requests.map((r) => r.json!.response_format !== undefined), [true, false, false]);
    }));

  test('health lists the models; the transport\'s own failures are not retried as shape problems', () =>
    withChat({}, async (fake, translate) => {
      assert.deepEqual(await translate.health(), { answers: true, models: ['qwen2.5:14b'] });
      fake.faults = { status: 401 };
      fake.requests.length = 0;
      await expectEngineError(translate.translate({ target: 'en', lines: lines(2) }), 'engine_rejected', KEY);
      assert.equal(fake.requests.length, 1);
    }));
});
