import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkJson, checkSubtitles } from './text-formats.js';

const bytes = (text: string) => new TextEncoder().encode(text);

test('subtitles: each format needs its own structure and UTF-8', () => {
  assert.equal(checkSubtitles(bytes('1\n00:00:01,000 --> 00:00:02,500\nHello\n'), '.srt'), undefined);
  assert.equal(checkSubtitles(bytes('\uFEFF1\r\n00:00:01,000 --> 00:00:02,500\r\nHello\r\n'), '.srt'), undefined, 'a BOM and CRLF are fine');
  assert.equal(checkSubtitles(bytes('WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n'), '.vtt'), undefined);
  assert.equal(checkSubtitles(bytes('[Script Info]\nTitle: x\n\n[Events]\nDialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,Hi\n'), '.ass'), undefined);
  assert.equal(checkSubtitles(bytes('<html><script>alert(1)</script></html>'), '.srt'), 'subtitles_invalid');
  assert.equal(checkSubtitles(bytes('1\n00:00:01,000 --> 00:00:02,500\nHi'), '.vtt'), 'subtitles_invalid', 'an SRT is no VTT');
  assert.equal(checkSubtitles(new Uint8Array([0xff, 0xfe, 0x00, 0x31]), '.srt'), 'not_utf8');
  assert.equal(checkSubtitles(bytes('1\n00:00:01,000 --> 00:00:02,500\nHi\u0000'), '.srt'), 'not_utf8', 'no NUL bytes');
});

test('JSON: parses, and nests at most 32 deep', () => {
  assert.equal(checkJson(bytes('{"lines": [{"text": "hi"}]}')), undefined);
  assert.equal(checkJson(bytes('{"unterminated": ')), 'json_invalid');
  assert.equal(checkJson(bytes(`${'['.repeat(33)}${']'.repeat(33)}`)), 'json_too_deep');
  assert.equal(checkJson(bytes(`${'['.repeat(32)}${']'.repeat(32)}`)), undefined);
  assert.equal(checkJson(bytes(`${'['.repeat(100000)}${']'.repeat(100000)}`)), 'json_too_deep', 'deep input does not crash');
});
