import { describe, expect, test } from 'vitest';
import { dubJobBody, type DubFormValues, initialValues, newIdempotencyKey, voicesFor, withDefaults } from './dub-form';

const VIDEO = 'a'.repeat(32);
const SUBS = 'b'.repeat(32);
const base: DubFormValues = { uploadId: ` ${VIDEO} `, targetLanguage: 'en', sourceLanguage: '', imports: {}, voice: '', speakerVoices: [], loudness: 'standard', privacyMode: '' };

describe('the new-dub form', () => {
  test('the least a dub needs: the video and the language; defaults left to the server', () => {
    expect(dubJobBody(base)).toEqual({ type: 'dub', options: { upload_id: VIDEO, target_language: 'en' } });
  });

  test('everything chosen goes in; empty imports and half-filled speaker rows do not', () => {
    const body = dubJobBody({
      ...base,
      sourceLanguage: 'ja',
      imports: { translated_subtitles: SUBS, diarization_json: '  ' },
      voice: 'gmw/en-US',
      speakerVoices: [
        { speaker: ' Mika ', voice: 'gmw/en-GB-x-rp' },
        { speaker: 'Ren', voice: '' },
        { speaker: '', voice: 'gmw/en-US' },
      ],
      loudness: 'broadcast',
      privacyMode: 'minimal',
    });
    expect(body.privacy_mode).toBe('minimal');
    expect(body.options).toEqual({
      upload_id: VIDEO,
      target_language: 'en',
      source_language: 'ja',
      imports: { translated_subtitles: SUBS },
      voice: 'gmw/en-US',
      voices: { Mika: 'gmw/en-GB-x-rp' },
      loudness: 'broadcast',
    });
  });

  test('uploads passed in the address fill the form; anything that is not an upload id is ignored', () => {
    const values = initialValues(new URLSearchParams(`upload=${VIDEO}&translated_subtitles=${SUBS}&segments_json=../etc`));
    expect(values.uploadId).toBe(VIDEO);
    expect(values.imports).toMatchObject({ translated_subtitles: SUBS, segments_json: '' });
  });

  test("a person's saved language and voice fill the form; none saved leaves the form's own", () => {
    expect(withDefaults(base, { target_language: 'pt-BR', voice: 'roa/pt-BR' })).toMatchObject({ targetLanguage: 'pt-BR', voice: 'roa/pt-BR' });
    expect(withDefaults(base, { target_language: null, voice: null })).toMatchObject({ targetLanguage: 'en', voice: '' });
  });

  test('idempotency keys are fresh and fit the header rule', () => {
    const key = newIdempotencyKey();
    expect(key).toMatch(/^[\x21-\x7e]{1,200}$/);
    expect(newIdempotencyKey()).not.toBe(key);
  });

  test('the voices of the dub language come first', () => {
    const voices = [{ id: 'gmw/en-US' }, { id: 'roa/fr' }, { id: 'gmw/en-GB-x-rp' }, { id: 'af_heart' }];
    expect(voicesFor(voices, 'en').matching.map((voice) => voice.id)).toEqual(['gmw/en-US', 'gmw/en-GB-x-rp']);
    expect(voicesFor(voices, 'pt-BR').others).toHaveLength(4);
  });
});
