import { Type } from 'typebox';
import { PRIVACY_MODES } from '../storage/privacy-policy.js';

export const PrivacyModeSchema = Type.Union([Type.Literal(PRIVACY_MODES[0]), Type.Literal(PRIVACY_MODES[1]), Type.Literal(PRIVACY_MODES[2])], { description: 'off keeps everything; balanced removes intermediates and the extracted source audio after success and keeps transcript text out of the log; minimal also removes the source uploads, keeping only the outputs.',
});

const Tag = Type.String({ minLength: 1, maxLength: 40, pattern: '^[\\p{L}\\p{N}][\\p{L}\\p{N} _.-]*$' });

export const JobRequestBody = Type.Object(
  {
    type: Type.String({ minLength: 1, maxLength: 40, description: 'dub, generate (and selftest on test servers).' }),
    options: Type.Record(Type.String(), Type.Unknown(), { description: 'Checked against the type\'s own schema.' }),
    tags: Type.Optional(Type.Array(Tag, { maxItems: 20, uniqueItems: true })),
    privacy_mode: Type.Optional(PrivacyModeSchema),
  },
  { additionalProperties: false },
);

export const BatchBody = Type.Object({ jobs: Type.Array(JobRequestBody, { minItems: 1, maxItems: 100 }) }, { additionalProperties: false });

export const JobParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });
export const ArtifactParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }), name: Type.String({ minLength: 1, maxLength: 128 }) }, { additionalProperties: false });

export const JobStatusSchema = Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('succeeded'), Type.Literal('failed'), Type.Literal('cancelled')]);

export const ListQuery = Type.Object(
  {
    status: Type.Optional(JobStatusSchema),
    type: Type.Optional(Type.String({ maxLength: 40 })),
    text: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    tag: Type.Optional(Tag),
    archived: Type.Optional(Type.Boolean()),
    cursor: Type.Optional(Type.String({ maxLength: 300 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);

export const JobSchema = Type.Object({
  id: Type.String(),
  type: Type.String(),
  title: Type.String(),
  status: JobStatusSchema,
  options: Type.Unknown(),
  tags: Type.Array(Type.String()),
  stages: Type.Array(
    Type.Object({
      name: Type.String(),
      status: Type.Union([Type.Literal('pending'), Type.Literal('running'), Type.Literal('done'), Type.Literal('skipped')], { description: 'skipped: an import made it unnecessary.' }),
    }),
  ),
  progress: Type.Number(),
  attempts: Type.Integer(),
  failure: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
  cancel_requested: Type.Boolean(),
  archived: Type.Boolean(),
  render: Type.Integer({ minimum: 1, description: 'Which render the outputs are from: 1, then one more per re-render of a dub.' }),
  privacy_mode: PrivacyModeSchema,
  created_at: Type.String(),
  started_at: Type.Union([Type.String(), Type.Null()]),
  finished_at: Type.Union([Type.String(), Type.Null()]),
});

export const JobList = Type.Object({ jobs: Type.Array(JobSchema), next_cursor: Type.Optional(Type.String()) });

export const LogQuery = Type.Object(
  { after: Type.Optional(Type.Integer({ minimum: 0 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) },
  { additionalProperties: false },
);
export const LogPage = Type.Object({
  entries: Type.Array(Type.Object({ id: Type.Integer(), level: Type.String(), msg: Type.String(), fields: Type.Optional(Type.Unknown()), at: Type.String() })),
  next_after: Type.Integer({ description: 'Pass as `after` to read on.' }),
});

export const ArtifactList = Type.Object({
  artifacts: Type.Array(Type.Object({ name: Type.String(), stage: Type.Integer(), size: Type.Integer(), sha256: Type.String(), created_at: Type.String() })),
});

export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
