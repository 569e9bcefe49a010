import { describe, expect, test } from 'vitest';
import { lineFormValues, linePatch, mayEditLines, rerenderBody, speakersOf } from './line-edit';
import type { Segment } from './segment-paging';

const segment: Segment = {
  id: 's0002',
  start_ms: 3_000,
  end_ms: 4_500,
  speaker: 'Mika',
  source_text: null,
  target_text: 'Is the storyboard done?',
  voice: null,
  locked: false,
  hash: null,
  clip: null,
  tempo: null,
  overflow_ms: null,
  warnings: [],
  etag: '"e1"',
};

describe('a line\'s edit', () => {
  test('an untouched form changes nothing', () => {
    expect(linePatch(segment, lineFormValues(segment))).toBeUndefined();
  });

  test('only what changed is sent, times in milliseconds', () => {
    expect(linePatch(segment, { ...lineFormValues(segment), text: ' Is it ready? ', end: '4.75' })).toEqual({ target_text: 'Is it ready?', end_ms: 4_750 });
    expect(linePatch(segment, { ...lineFormValues(segment), locked: true, voice: 'gmw/en-US' })).toEqual({ locked: true, voice: 'gmw/en-US' });
  });

  test('emptied text, speaker and voice become none', () => {
    expect(linePatch({ ...segment, voice: 'gmw/en-US' }, { ...lineFormValues(segment), text: '  ', speaker: '', voice: '' })).toEqual({ target_text: null, speaker: null, voice: null });
  });

  test('a time that is not one is named, not sent', () => {
    expect(linePatch(segment, { ...lineFormValues(segment), start: 'soon' })).toEqual({ invalid: 'start' });
    expect(linePatch(segment, { ...lineFormValues(segment), end: '-2' })).toEqual({ invalid: 'end' });
  });
});

describe('voices and who may edit', () => {
  test('speakers in the order they first speak, once each', () => {
    expect(speakersOf([{ ...segment, speaker: 'Ren' }, { ...segment, speaker: null }, segment, { ...segment, speaker: 'Ren' }])).toEqual(['Ren', 'Mika']);
  });

  test('the re-render sends the chosen voices, the default as null, and clears a map only when there was one', () => {
    expect(rerenderBody({ voice: '', voices: { Mika: '', Ren: 'gmw/en-GB' } }, {})).toEqual({ voice: null, voices: { Ren: 'gmw/en-GB' } });
    expect(rerenderBody({ voice: 'gmw/en-US', voices: { Mika: '' } }, {})).toEqual({ voice: 'gmw/en-US' });
    expect(rerenderBody({ voice: 'gmw/en-US', voices: { Mika: '' } }, { voices: { Mika: 'gmw/en-GB' } })).toEqual({ voice: 'gmw/en-US', voices: {} });
  });

  test('editors and admins edit while no render runs; viewers and operators never', () => {
    expect(mayEditLines('editor', true)).toBe(true);
    expect(mayEditLines('admin', true)).toBe(true);
    expect(mayEditLines('admin', false)).toBe(false);
    expect(mayEditLines('viewer', true)).toBe(false);
    expect(mayEditLines('operator', true)).toBe(false);
  });
});
