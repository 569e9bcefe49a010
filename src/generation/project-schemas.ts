import { Type } from 'typebox';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Name = Type.String({ minLength: 1, maxLength: 100, description: 'Trimmed; runs of spaces and line breaks become one space.' });

export const ProjectParams = Type.Object({ id: Id }, { additionalProperties: false });
export const CreateProjectBody = Type.Object({ name: Name }, { additionalProperties: false });
export const RenameProjectBody = Type.Object({ name: Name }, { additionalProperties: false });
export const RestoreBody = Type.Object({ version_id: Id }, { additionalProperties: false });
export const ProjectListQuery = Type.Object(
  { cursor: Type.Optional(Type.String({ maxLength: 300 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) },
  { additionalProperties: false },
);

export const OutputSchema = Type.Object({
  id: Type.String(),
  name: Type.String({ description: 'The job\'s artifact name, e.g. output-1.png.' }),
  kind: Type.Union([Type.Literal('image'), Type.Literal('video')]),
  format: Type.String(),
  bytes: Type.Integer(),
  width: Type.Union([Type.Integer(), Type.Null()]),
  height: Type.Union([Type.Integer(), Type.Null()]),
  visibility: Type.Union([Type.Literal('private'), Type.Literal('public')]),
  hidden: Type.Boolean({ description: 'An admin hid it from the gallery.' }),
  url: Type.String({ description: 'The owner\'s download.' }),
});

export const VersionSchema = Type.Object({
  id: Type.String(),
  number: Type.Integer({ description: '1, 2, … within the project.' }),
  parent_id: Type.Union([Type.String(), Type.Null()], { description: 'The version this one was generated from (a branch when it is not the newest before it).' }),
  job_id: Type.String(),
  prompt: Type.String(),
  negative_prompt: Type.Union([Type.String(), Type.Null()]),
  params: Type.Record(Type.String(), Type.Unknown(), { description: 'template, output, width, height, steps, frames, reference_upload_id as asked.' }),
  seed: Type.Integer({ description: 'The seed used (chosen at random when none was asked).' }),
  created_at: Type.String(),
  outputs: Type.Array(OutputSchema),
});

export const ProjectSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  head_version_id: Type.Union([Type.String(), Type.Null()], { description: 'The version shown first and generated from by default: the newest, or the one restored.' }),
  created_at: Type.String(),
  updated_at: Type.String(),
});

export const ProjectDetail = Type.Intersect([ProjectSchema, Type.Object({ versions: Type.Array(VersionSchema) })]);
export const ProjectList = Type.Object({ projects: Type.Array(ProjectSchema), next_cursor: Type.Optional(Type.String()) });
export const JobGeneration = Type.Object({ project_id: Type.String(), version: VersionSchema });
