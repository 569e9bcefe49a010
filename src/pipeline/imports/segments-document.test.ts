import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { newSegment } from '../segments.js';
import { parseSegmentsDocument, SegmentsDocument, segmentsDocumentOf, segmentsFromDocument } from './segments-document.js';

test('docs/segments.schema.json is the schema the server checks (kept in step)', () => {
  const documented = JSON.parse(readFileSync(new URL('../../../docs/segments.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;
  const { $schema, ...schema } = documented;
  assert.equal($schema, 'https://json-schema.org/draft/2020-12/schema');
  assert.deepEqual(schema, JSON.parse(JSON.stringify(SegmentsDocument)));
});

test('a dub\'s segments.json reads back as the same segments, ids and clips included', () => {
  const segments = [
    { ...newSegment(0, { startMs: 1_000, endMs: 2_000, speaker: 'Mika', sourceText: 'おはよう', targetText: 'Morning' }), hash: 'a'.repeat(64), clip: { sha256: 'b'.repeat(64), durationMs: 950 }, tempo: 1.1, overflowMs: 0, warnings: [] },
    { ...newSegment(1, { startMs: 2_500, endMs: 4_000, targetText: 'Ready?' }), locked: true },
  ];
  const text = JSON.stringify(segmentsDocumentOf(segments, { source: 'ja', target: 'en' }));
  assert.deepEqual(segmentsFromDocument(text), segments);
  // Imported back into a new dub, only what a dub starts from is kept.
  assert.deepEqual(parseSegmentsDocument(text, 10_000).map((line) => [line.startMs, line.targetText, line.locked]), [[1_000, 'Morning', false], [2_500, 'Ready?', true]]);
});

test('a job process\'s segments.json is refused when ids are missing or repeated, times run backwards, or the shape is wrong', () => {
  const doc = (segments: unknown[]) => JSON.stringify({ version: 1, segments });
  const line = { id: 's0001', start_ms: 0, end_ms: 1_000, target_text: 'Hi' };
  assert.ok(segmentsFromDocument(doc([line])));
  assert.equal(segmentsFromDocument(doc([{ ...line, id: undefined }])), undefined);
  assert.equal(segmentsFromDocument(doc([line, line])), undefined);
  assert.equal(segmentsFromDocument(doc([{ ...line, end_ms: 0 }])), undefined);
  assert.equal(segmentsFromDocument(doc([{ ...line, target_text: 7 }])), undefined);
  assert.equal(segmentsFromDocument(doc([{ ...line, extra: true }])), undefined);
  assert.equal(segmentsFromDocument('{"version":1,'), undefined);
});
