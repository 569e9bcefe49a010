import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_MESSAGE_BYTES, parseChildMessage, ProtocolViolation } from './child-protocol.js';
import { MessageLineSplitter, TokenBucket } from './message-stream.js';

describe('parsing a message from the child', () => {
  test('each known kind in its one shape', () => {
    assert.deepEqual(parseChildMessage('{"kind":"stage_start","index":2}'), { kind: 'stage_start', index: 2 });
    assert.deepEqual(parseChildMessage('{"kind":"progress","index":0,"value":0.5}'), { kind: 'progress', index: 0, value: 0.5 });
    assert.deepEqual(parseChildMessage('{"kind":"log","level":"warn","msg":"m","fields":{"a":1}}'), { kind: 'log', level: 'warn', msg: 'm', fields: { a: 1 } });
    assert.deepEqual(parseChildMessage('{"kind":"stage_done","index":1,"artifacts":["a.json"]}'), { kind: 'stage_done', index: 1, artifacts: ['a.json'] });
    const failed = '{"kind":"failed","index":0,"code":"selftest_failed","message":"no","transient":true}';
    assert.deepEqual(parseChildMessage(failed), { kind: 'failed', index: 0, code: 'selftest_failed', message: 'no', transient: true });
  });

  test('an unknown kind is dropped, not fatal', () => {
    assert.equal(parseChildMessage('{"kind":"telemetry","cpu":3}'), null);
    assert.equal(parseChildMessage('{"kind":"__proto__"}'), null);
  });

  test('anything malformed is a protocol violation', () => {
    const bad = [
      'not json',
      '[]',
      '"text"',
      '{"index":0}',
      '{"kind":"stage_start","index":-1}',
      '{"kind":"stage_start","index":1.5}',
      '{"kind":"stage_start","index":0,"extra":true}',
      '{"kind":"progress","index":0,"value":"1"}',
      '{"kind":"log","level":"fatal","msg":"m"}',
      `{"kind":"log","level":"info","msg":"${'x'.repeat(5_000)}"}`,
      '{"kind":"log","level":"info","msg":"m","fields":[1]}',
      '{"kind":"stage_done","index":0,"artifacts":"a"}',
      '{"kind":"stage_done","index":0,"artifacts":[1]}',
      '{"kind":"failed","index":0,"code":"Not-Snake","message":"m","transient":false}',
      '{"kind":"failed","index":0,"code":"x","message":"m"}',
    ];
    for (const line of bad) assert.throws(() => parseChildMessage(line), ProtocolViolation, line.slice(0, 80));
  });
});

describe('splitting the message pipe into lines', () => {
  test('lines split across chunks come out whole', () => {
    const splitter = new MessageLineSplitter();
    assert.deepEqual(splitter.push(Buffer.from('{"a":1}\n{"b"')), ['{"a":1}']);
    assert.deepEqual(splitter.push(Buffer.from(':2}\n\n{"c":3}\n')), ['{"b":2}', '', '{"c":3}']);
    assert.deepEqual(splitter.push(Buffer.from('tail')), []);
  });

  test('a multi-byte character split across chunks survives', () => {
    const splitter = new MessageLineSplitter();
    const bytes = Buffer.from('"ア"\n');
    assert.deepEqual([...splitter.push(bytes.subarray(0, 2)), ...splitter.push(bytes.subarray(2))], ['"ア"']);
  });

  test('a line past the cap is refused before it is held', () => {
    const splitter = new MessageLineSplitter();
    splitter.push(Buffer.alloc(MAX_MESSAGE_BYTES, 0x61));
    assert.throws(() => splitter.push(Buffer.from('a')), ProtocolViolation);
  });
});

test('a token bucket allows a burst, then its rate', () => {
  let now = 0;
  const bucket = new TokenBucket(10, 5, () => now);
  assert.ok(bucket.take(10));
  assert.ok(!bucket.take(1));
  now = 1_000;
  assert.ok(bucket.take(5));
  assert.ok(!bucket.take(1));
  now = 100_000;
  assert.ok(bucket.take(10) && !bucket.take(1), 'never more than the capacity');
});

describe('parsing an engine request from the child', () => {
  const line = (fields: object) => JSON.stringify({ kind: 'engine_request', id: 1, ...fields });
  test('each engine in its one shape', () => {
    assert.ok(parseChildMessage(line({ engine: 'asr', audio: 'engine-input-1.wav', language: 'ja' })));
    assert.ok(parseChildMessage(line({ engine: 'translate', target: 'en', lines: [{ id: 's0001', text: 'はい', maxChars: 20 }], context: { before: ['a'] } })));
    assert.ok(parseChildMessage(line({ engine: 'tts', text: 'Hello.', voice: 'af_heart', speed: 1 })));
    assert.ok(parseChildMessage(line({ engine: 'generate' })));
    assert.ok(parseChildMessage(line({ engine: 'generate_read', output: 0, offset: 8 * 1024 * 1024 })));
  });

  test('audio named anywhere but its own out/ name, a URL, duplicate or too many lines, or a key field are violations', () => {
    const bad = [
      line({ engine: 'asr', audio: '../state/asr.wav' }),
      line({ engine: 'asr', audio: 'engine-input-2.wav' }),
      line({ engine: 'asr', audio: 'engine-input-1.wav', url: 'http://10.0.0.1/' }),
      line({ engine: 'translate', target: 'en', lines: [{ id: 'a', text: 'x' }, { id: 'a', text: 'y' }] }),
      line({ engine: 'translate', target: 'en', lines: Array.from({ length: 101 }, (_, i) => ({ id: `s${i}`, text: 'x' })) }),
      line({ engine: 'translate', target: 'en', lines: [] }),
      line({ engine: 'tts', text: 'Hello.', voice: 'af_heart', api_key: 'k' }),
      line({ engine: 'tts', text: 'Hello.', voice: '../x' }),
      line({ engine: 'comfyui', prompt: 'x' }),
      // A generation names nothing: the worker builds the graph from the job's own options.
      line({ engine: 'generate', graph: { '1': { class_type: 'ExecutePython', inputs: {} } } }),
      line({ engine: 'generate', prompt: 'a fox', template: 'txt2img' }),
      line({ engine: 'generate_read', output: 32, offset: 0 }),
      line({ engine: 'generate_read', output: 0, offset: -1 }),
      line({ engine: 'generate_read', output: 0, offset: 0, job: 'f'.repeat(32) }),
      JSON.stringify({ kind: 'engine_request', id: 0, engine: 'tts', text: 'x', voice: 'v' }),
    ];
    for (const text of bad) assert.throws(() => parseChildMessage(text), ProtocolViolation, text.slice(0, 80));
  });
});
