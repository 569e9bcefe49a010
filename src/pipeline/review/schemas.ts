import { Type } from 'typebox';
import { JobSchema } from '../../jobs/schemas.js';
import { SpeakerLabel, VoiceName } from '../imports/segments-document.js';
import { MAX_LINE_CHARS } from '../segments.js';

const SegmentId = Type.String({ pattern: '^s\\d{4,6}$', description: 'A segment id, e.g. s0001.' });
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);
/** Milliseconds of the source video; a line of a two-hour film fits well inside. */
const Ms = Type.Integer({ minimum: 0, maximum: 24 * 3_600_000 });

export const SegmentParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }), sid: SegmentId }, { additionalProperties: false });
export const RenderFileParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 64 }), render: Type.Integer({ minimum: 1, maximum: 1_000_000 }), name: Type.String({ minLength: 1, maxLength: 128 }) },
  { additionalProperties: false },
);

export const SegmentQuery = Type.Object(
  { after: Type.Optional(SegmentId), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) },
  { additionalProperties: false },
);

export const SegmentSchema = Type.Object({
  id: Type.String(),
  start_ms: Type.Integer(),
  end_ms: Type.Integer(),
  speaker: Type.Union([Type.String(), Type.Null()]),
  source_text: Type.Union([Type.String(), Type.Null()]),
  target_text: Type.Union([Type.String(), Type.Null()]),
  voice: Type.Union([Type.String(), Type.Null()], { description: 'Null: the speaker\'s voice, else the dub\'s.' }),
  locked: Type.Boolean({ description: 'A locked line keeps its clip through every re-render.' }),
  hash: Type.Union([Type.String(), Type.Null()], { description: 'Of what the clip depends on (text, voice, timing, engine).' }),
  clip: Type.Union([Type.Object({ sha256: Type.String(), duration_ms: Type.Integer() }), Type.Null()]),
  tempo: Type.Union([Type.Number(), Type.Null()]),
  overflow_ms: Type.Union([Type.Integer(), Type.Null()]),
  warnings: Type.Array(Type.String()),
  etag: Type.String({ description: 'Send it back as If-Match to edit this line.' }),
});

export const SegmentPage = Type.Object({
  total: Type.Integer(),
  render: Type.Integer({ description: 'The render these segments belong to.' }),
  editable: Type.Boolean({ description: 'Whether the caller may edit the lines now: their role (and API key) allow it, and no render is running.' }),
  segments: Type.Array(SegmentSchema),
  next_after: Type.Optional(Type.String({ description: 'Pass as `after` for the next page.' })),
});

export const SegmentPatchBody = Type.Object(
  {
    target_text: Type.Optional(Nullable(Type.String({ maxLength: MAX_LINE_CHARS }))),
    start_ms: Type.Optional(Ms),
    end_ms: Type.Optional(Ms),
    speaker: Type.Optional(Type.Union([SpeakerLabel, Type.Null()])),
    voice: Type.Optional(Type.Union([VoiceName, Type.Null()])),
    locked: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const RerenderBody = Type.Object(
  {
    voices: Type.Optional(Type.Record(SpeakerLabel, VoiceName, { maxProperties: 50, description: 'A voice per speaker, replacing the dub\'s.' })),
    voice: Type.Optional(Type.Union([VoiceName, Type.Null()], { description: 'The voice of lines without one; null: the server\'s default.' })),
  },
  { additionalProperties: false },
);

export const PreviewBody = Type.Object(
  { target_text: Type.Optional(Type.String({ maxLength: MAX_LINE_CHARS, description: 'Text to hear before saving it; absent: the line\'s saved text.' })) },
  { additionalProperties: false },
);

export const PreviewReply = Type.Object({
  job: JobSchema,
  audio_path: Type.String({ description: 'Where `preview.wav` will be once the job succeeds (GET with Range, or mint a signed URL for it).' }),
});

const KeptArtifact = Type.Object({ name: Type.String(), stage: Type.Integer(), size: Type.Integer(), sha256: Type.String() });

export const RenderList = Type.Object({
  current: Type.Integer({ description: 'The render the job\'s artifacts are from (or are being made for).' }),
  versions: Type.Array(Type.Object({ render: Type.Integer(), finished_at: Type.String(), artifacts: Type.Array(KeptArtifact) }), { description: 'Earlier renders kept, newest first.' }),
});
