import { readFile } from 'node:fs/promises';
import { Type } from 'typebox';
import { Compile } from 'typebox/compile';
import type { Db } from '../db/types.js';
import type { JobRow } from '../jobs/store.js';
import type { ProducedArtifact } from '../jobs/runner-types.js';
import type { GenerateOptions } from './options.js';
import { type OutputRow, findOwnProject, findVersion, insertProject, insertVersion, nextVersionNumber, updateProject, versionOfJob, type VersionRow } from './project-store.js';
import { newId, projectName } from './projects.js';
import { RESULT_ARTIFACT } from './stages.js';

/** generation.json as the job process wrote it: checked again here, the job is not trusted. */
const GenerationResultSchema = Type.Object({
  seed: Type.Integer({ minimum: 0, maximum: 2 ** 32 - 1 }),
  outputs: Type.Array(
    Type.Object({
      name: Type.String({ pattern: '^output-[0-9]{1,2}\\.(png|jpg|webp|gif|mp4|webm)$' }),
      kind: Type.Union([Type.Literal('image'), Type.Literal('video')]),
      format: Type.Union(['png', 'jpeg', 'webp', 'gif', 'mp4', 'webm'].map((format) => Type.Literal(format))),
      bytes: Type.Integer({ minimum: 1 }),
      width: Type.Optional(Type.Integer({ minimum: 1 })),
      height: Type.Optional(Type.Integer({ minimum: 1 })),
      frames: Type.Optional(Type.Integer({ minimum: 1 })),
      durationSeconds: Type.Optional(Type.Number({ minimum: 0 })),
    }),
    { minItems: 1, maxItems: 32 },
  ),
});
const checkResult = Compile(GenerationResultSchema);
const MAX_RESULT_BYTES = 64 * 1024;

/**
 * Makes a finished generation a version of its project, once the export
 * stage's artifacts are stored: in the project the job named (a new one,
 * named after the prompt, when it named none or the project was deleted
 * meanwhile), child of the version it branched from (else the project's
 * head), and the project's new head. One transaction; a job already
 * recorded (a retried checkpoint) is left as it is.
 */
export async function recordGeneration(db: Db, row: JobRow, artifacts: readonly ProducedArtifact[], now: () => Date): Promise<void> {
  const document = artifacts.find((artifact) => artifact.name === RESULT_ARTIFACT);
  if (!document) return;
  // A few hundred bytes per output: anything near this is not what the export stage writes.
  if (document.size > MAX_RESULT_BYTES) throw new Error('generation.json is too large');
  const result: unknown = JSON.parse(await readFile(document.path, 'utf8'));
  if (!checkResult.Check(result)) throw new Error('generation.json does not fit its schema');
  const published = new Set(artifacts.map((artifact) => artifact.name));
  if (!result.outputs.every((output) => published.has(output.name))) throw new Error('generation.json names an output the job did not publish');

  const options = JSON.parse(row.options) as GenerateOptions;
  const stamp = now().toISOString();
  await db.transaction().execute(async (trx) => {
    if (await versionOfJob(trx, row.id)) return;
    let project = options.project_id ? await findOwnProject(trx, row.user_id, options.project_id) : undefined;
    if (!project) {
      project = { id: newId(), user_id: row.user_id, name: projectName(options.prompt, 60) || 'Untitled', head_version_id: null, created_at: stamp, updated_at: stamp };
      await insertProject(trx, project);
    }
    const parent = (options.parent_version_id && (await findVersion(trx, project.id, options.parent_version_id))?.id) || project.head_version_id;
    const { prompt, negative_prompt, seed: _seed, project_id: _project, parent_version_id: _parent, ...params } = options;
    const version: VersionRow = {
      id: newId(),
      project_id: project.id,
      job_id: row.id,
      number: await nextVersionNumber(trx, project.id),
      parent_id: parent ?? null,
      prompt,
      negative_prompt: negative_prompt ?? null,
      params: JSON.stringify(params),
      seed: result.seed,
      created_at: stamp,
    };
    const outputs: OutputRow[] = result.outputs.map((output, position) => ({
      id: newId(),
      version_id: version.id,
      user_id: row.user_id,
      job_id: row.id,
      artifact: output.name,
      position,
      kind: output.kind,
      format: output.format,
      bytes: output.bytes,
      width: output.width ?? null,
      height: output.height ?? null,
      visibility: 'private',
      published_at: null,
      hidden_at: null,
      created_at: stamp,
    }));
    await insertVersion(trx, version, outputs);
    await updateProject(trx, project.id, { head_version_id: version.id, updated_at: stamp });
  });
}
