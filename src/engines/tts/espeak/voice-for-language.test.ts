import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { VoiceInfo } from './protocol.js';
import { voiceForLanguage } from './voice-for-language.js';

/** Entries as @echogarden/espeak-ng-emscripten 0.3.5 lists them (a subset), languages best first. */
const VOICES: VoiceInfo[] = [
  { id: 'sit/cmn', name: 'Chinese (Mandarin, latin as English)', languages: [{ tag: 'cmn', priority: 5 }, { tag: 'zh-cmn', priority: 5 }, { tag: 'zh', priority: 5 }] },
  { id: 'gmw/en-029', name: 'English (Caribbean)', languages: [{ tag: 'en-029', priority: 5 }, { tag: 'en', priority: 10 }] },
  { id: 'gmw/en', name: 'English (Great Britain)', languages: [{ tag: 'en-gb', priority: 2 }, { tag: 'en', priority: 2 }] },
  { id: 'gmw/en-US', name: 'English (America)', languages: [{ tag: 'en-us', priority: 2 }, { tag: 'en', priority: 3 }] },
  { id: 'jpx/ja', name: 'Japanese', languages: [{ tag: 'ja', priority: 5 }] },
  { id: 'gmq/nb', name: 'Norwegian Bokmål', languages: [{ tag: 'nb', priority: 5 }, { tag: 'no', priority: 5 }] },
  { id: 'roa/pt', name: 'Portuguese (Portugal)', languages: [{ tag: 'pt', priority: 5 }, { tag: 'pt-pt', priority: 5 }] },
  { id: 'roa/pt-BR', name: 'Portuguese (Brazil)', languages: [{ tag: 'pt-br', priority: 5 }, { tag: 'pt', priority: 6 }] },
  { id: 'zls/sr', name: 'Serbian', languages: [{ tag: 'sr', priority: 5 }] },
  { id: 'sit/yue', name: 'Chinese (Cantonese)', languages: [{ tag: 'yue', priority: 5 }, { tag: 'zh-yue', priority: 5 }, { tag: 'zh', priority: 8 }] },
];

describe('the espeak-ng voice for a BCP 47 tag', () => {
  test('an exact tag, in any case or with an underscore, finds its voice', () => {
    for (const [tag, voice] of [['ja', 'jpx/ja'], ['pt-BR', 'roa/pt-BR'], ['pt_br', 'roa/pt-BR'], ['EN-US', 'gmw/en-US'], ['yue', 'sit/yue'], ['no', 'gmq/nb']]) {
      assert.deepEqual(voiceForLanguage(tag as string, VOICES), { voice, matched: true }, tag);
    }
  });

  test('a longer tag falls back one subtag at a time', () => {
    assert.equal(voiceForLanguage('zh-Hans', VOICES).voice, 'sit/cmn');
    assert.equal(voiceForLanguage('zh-Hant-TW', VOICES).voice, 'sit/cmn');
    assert.equal(voiceForLanguage('ja-JP', VOICES).voice, 'jpx/ja');
    assert.equal(voiceForLanguage('sr-Latn-RS', VOICES).voice, 'zls/sr');
    assert.equal(voiceForLanguage('en-US-x-private', VOICES).voice, 'gmw/en-US');
  });

  test('among voices that share a language, espeak-ng’s priority decides', () => {
    assert.equal(voiceForLanguage('en', VOICES).voice, 'gmw/en', 'not the Caribbean voice listed first');
    assert.equal(voiceForLanguage('pt', VOICES).voice, 'roa/pt');
    assert.equal(voiceForLanguage('en-AU', VOICES).voice, 'gmw/en');
  });

  test('a language espeak-ng does not speak gets English, flagged as unmatched', () => {
    assert.deepEqual(voiceForLanguage('tlh', VOICES), { voice: 'gmw/en', matched: false });
    assert.deepEqual(voiceForLanguage('', VOICES), { voice: 'gmw/en', matched: false });
    assert.deepEqual(voiceForLanguage('xx', VOICES.slice(4, 5)), { voice: 'jpx/ja', matched: false }, 'no English at all: the first voice');
    assert.throws(() => voiceForLanguage('en', []), /empty/);
  });
});
