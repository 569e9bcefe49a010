import { type Static, Type } from 'typebox';
import { DubOptions } from '../dub-options.js';
import { SpeakerLabel, VoiceName } from '../imports/segments-document.js';
import { MAX_LINE_CHARS } from '../segments.js';

const Ms = Type.Integer({ minimum: 0, maximum: 24 * 3_600_000 });
const strict = { additionalProperties: false } as const;

/**
 * The options of a `dub_preview` job: one line of a dub as it stood when the
 * preview was asked for (its words, slot and voice choice), so the job needs
 * nothing else of the dub and a later edit cannot change what it speaks.
 * Sakuga makes them (POST /api/jobs/:id/segments/:sid/preview); they are
 * never taken from a client as they are.
 */
export const DubPreviewOptions = Type.Object(
  {
    dub_id: Type.String({ pattern: '^[0-9a-f]{32}$', description: 'The dub whose line this is.' }),
    segment_id: Type.String({ pattern: '^s\\d{4,6}$' }),
    text: Type.String({ minLength: 1, maxLength: MAX_LINE_CHARS, description: 'What is spoken: the text asked to be heard, else the line\'s saved text.' }),
    start_ms: Ms,
    end_ms: Ms,
    next_start_ms: Type.Union([Ms, Type.Null()], { description: 'Where the next line starts (the video\'s end for the last): what the line may borrow.' }),
    speaker: Type.Union([SpeakerLabel, Type.Null()]),
    voice: Type.Union([VoiceName, Type.Null()], { description: 'The line\'s own voice; null: its speaker\'s, else the dub\'s.' }),
    dub: Type.Object({ target_language: DubOptions.properties.target_language, voices: DubOptions.properties.voices, voice: DubOptions.properties.voice }, strict),
  },
  strict,
);
export type DubPreviewOptions = Static<typeof DubPreviewOptions>;
