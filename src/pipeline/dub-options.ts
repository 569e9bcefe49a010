import { type Static, Type } from 'typebox';
import { SpeakerLabel, VoiceName } from './imports/segments-document.js';

const UploadId = Type.String({ pattern: '^[0-9a-f]{32}$', description: 'An accepted upload of yours.' });
export const Language = Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$', maxLength: 35, description: 'A BCP 47 language tag, e.g. ja, en, pt-BR.' });

/** The options of a `dub` job (binding names: the HTTP contract's). */
export const DubOptions = Type.Object(
  {
    upload_id: Type.String({ ...UploadId, description: 'The video to dub: an accepted video upload of yours.' }),
    target_language: Language,
    source_language: Type.Optional(Language),
    imports: Type.Optional(
      Type.Object(
        {
          source_subtitles: Type.Optional(Type.String({ ...UploadId, description: 'SRT or WebVTT in the source language: skips transcription.' })),
          translated_subtitles: Type.Optional(Type.String({ ...UploadId, description: 'SRT or WebVTT in the target language: skips transcription and translation.' })),
          segments_json: Type.Optional(Type.String({ ...UploadId, description: 'A Sakuga segments document (docs/segments.schema.json).' })),
          diarization_json: Type.Optional(Type.String({ ...UploadId, description: 'Speaker turns: {"turns": [{"speaker", "start", "end"}]}, seconds.' })),
        },
        { additionalProperties: false },
      ),
    ),
    voices: Type.Optional(Type.Record(SpeakerLabel, VoiceName, { maxProperties: 50, description: 'A voice per speaker; the rest get `voice`.' })),
    voice: Type.Optional(VoiceName),
    loudness: Type.Optional(Type.Union([Type.Literal('standard'), Type.Literal('broadcast')], { description: 'standard: −16 LUFS / −1.5 dBTP (phones, web); broadcast: EBU R 128, −23 LUFS / −1 dBTP.' })),
  },
  { additionalProperties: false },
);
export type DubOptions = Static<typeof DubOptions>;

/** The dub's stages, in order; a stage made unnecessary by an import still runs, as a no-op the job lists as skipped. */
export const DUB_STAGES = ['probe', 'extract', 'transcribe', 'translate', 'synthesize', 'fit', 'mix', 'export', 'qa', 'package'] as const;
export type DubStage = (typeof DUB_STAGES)[number];
