import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { describe, test } from 'node:test';
import { scratchDir } from '../../../test/helpers/dub-media.js';
import { iso639Of } from './languages.js';
import { toSrt, toWebVtt, writeSubtitles } from './subtitles.js';

const CUES = [
  { startMs: 3_723_004.4, endMs: 3_725_000, text: 'second <b>cue</b> & more' },
  { startMs: 500, endMs: 1_750, text: 'Hello -->\r\n\r\nworld\u0007\u202e' },
  { startMs: 2_000, endMs: 2_500, text: ' \n\t ' },
];

describe('subtitle files', () => {
  test('WebVTT: header, dotted timestamps, markup escaped, blank lines and controls gone', () => {
    assert.equal(
      toWebVtt(CUES),
      'WEBVTT\n\n00:00:00.500 --> 00:00:01.750\nHello --&gt;\nworld\n\n01:02:03.004 --> 01:02:05.000\nsecond &lt;b&gt;cue&lt;/b&gt; &amp; more\n',
    );
  });

  test('SRT: numbered from 1, comma timestamps, CRLF, no --> in text', () => {
    assert.equal(toSrt(CUES), '1\r\n00:00:00,500 --> 00:00:01,750\r\nHello ->\r\nworld\r\n\r\n2\r\n01:02:03,004 --> 01:02:05,000\r\nsecond <b>cue</b> & more\r\n');
  });

  test('a cue that ends before it starts is refused', () => {
    assert.throws(() => toSrt([{ startMs: 2_000, endMs: 1_000, text: 'x' }]), RangeError);
  });

  test('files are named subtitles.<lang>.vtt|srt, the tag cleaned first', async () => {
    const dir = scratchDir('subtitles');
    try {
      const { vtt, srt } = await writeSubtitles(dir, 'pt-BR/../x', CUES);
      assert.ok(vtt.endsWith('/subtitles.pt-BRx.vtt'), vtt);
      assert.ok(srt.endsWith('/subtitles.pt-BRx.srt'));
      assert.match(readFileSync(vtt, 'utf8'), /^WEBVTT/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('language tags for MP4 tracks', () => {
  test('BCP 47 to ISO 639-2/T; unknown or malformed is und', () => {
    const table: Array<[string | undefined, string]> = [
      ['ja', 'jpn'], ['en-US', 'eng'], ['pt-BR', 'por'], ['zh-Hant-TW', 'zho'], ['de', 'deu'], ['fr_CA', 'fra'],
      ['eng', 'eng'], ['ger', 'deu'], ['und', 'und'], ['xx', 'und'], ['', 'und'], [undefined, 'und'], ['e1', 'und'], ['english', 'und'],
    ];
    for (const [tag, code] of table) assert.equal(iso639Of(tag), code, String(tag));
  });
});
