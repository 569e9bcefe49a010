import { type Static, Type } from 'typebox';
import { AppError } from '../http/app-error.js';
import { generationErrors } from './errors.js';
import { type ParamName, type TemplateValues, unsupportedValues, type WorkflowTemplate } from './templates.js';

const UploadId = Type.String({ pattern: '^[0-9a-f]{32}$', description: 'An accepted upload of yours.' });

/**
 * `POST /api/jobs {type: "generate", options}` (binding names). The prompt's
 * schema limit is the hard ceiling; GENERATE_PROMPT_MAX (default 500) is
 * checked at submission. Sizes and frames are only taken where the template
 * has a parameter for them.
 */
export const GenerateOptions = Type.Object(
  {
    prompt: Type.String({ minLength: 1, maxLength: 4000 }),
    negative_prompt: Type.Optional(Type.String({ maxLength: 4000 })),
    output: Type.Union([Type.Literal('image'), Type.Literal('video')]),
    template: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,39}$', description: 'An installed workflow template; default txt2img, img2img with a reference, txt2video for video.' })),
    width: Type.Optional(Type.Integer({ minimum: 64, maximum: 4096, multipleOf: 8 })),
    height: Type.Optional(Type.Integer({ minimum: 64, maximum: 4096, multipleOf: 8 })),
    steps: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    frames: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'Video templates only.' })),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 32 - 1, description: 'Unset: chosen at random, and kept with the result.' })),
    reference_upload_id: Type.Optional(UploadId),
    project_id: Type.Optional(Type.String({ pattern: '^[0-9a-f]{32}$', description: 'A project of yours; the result becomes its newest version. Unset: a new project named after the prompt.' })),
    parent_version_id: Type.Optional(Type.String({ pattern: '^[0-9a-f]{32}$', description: 'Branch from this version of project_id (default: the project\'s head).' })),
  },
  { additionalProperties: false },
);
export type GenerateOptions = Static<typeof GenerateOptions>;

/** The template a generation names, or the one its output and reference choose. */
export function templateNameOf(options: Pick<GenerateOptions, 'output' | 'template' | 'reference_upload_id'>): string {
  return options.template ?? (options.output === 'video' ? 'txt2video' : options.reference_upload_id ? 'img2img' : 'txt2img');
}

/**
 * The template and values a generation will run with, or an AppError with a
 * stable code: an unknown template, another output kind, a value the
 * template has no parameter for, a missing reference, a prompt past the
 * server's limit.
 */
export interface GenerationCapabilities {
  /** A generation engine is configured (GENERATE_ENGINE): without one, generate jobs are refused up front. */
  readonly engine: boolean;
  /** GENERATE_PROMPT_MAX. */
  readonly promptMax: number;
  /** An installed template by name. */
  template(name: string): WorkflowTemplate | undefined;
  /** Throws 429 when the user has no generation allowance left today. */
  admit?(userId: string): Promise<void>;
  /** Throws an AppError unless the project (and the version to branch from) is the user's own. */
  target?(userId: string, projectId: string | undefined, parentVersionId: string | undefined): Promise<void>;
}

export function resolveGeneration(options: GenerateOptions, deps: GenerationCapabilities): { template: WorkflowTemplate; values: TemplateValues } {
  for (const text of [options.prompt, options.negative_prompt ?? '']) {
    if ([...text].length > deps.promptMax) throw new AppError(generationErrors.prompt_too_long, `A prompt may be at most ${deps.promptMax} characters.`);
  }
  const name = templateNameOf(options);
  const template = deps.template(name);
  if (!template) throw new AppError(generationErrors.template_not_found);
  if (template.output !== options.output) throw new AppError(generationErrors.template_output_mismatch);
  const given: Partial<Record<ParamName, unknown>> = { ...options, reference: options.reference_upload_id };
  const unsupported = unsupportedValues(template, given);
  if (unsupported.length > 0) throw new AppError(generationErrors.template_param_unsupported, `The template ${template.name} has no ${unsupported.join(', ')}.`);
  if (template.params.reference && !options.reference_upload_id) throw new AppError(generationErrors.reference_required);
  const { prompt, negative_prompt, seed, width, height, steps, frames } = options;
  return { template, values: { prompt, negative_prompt, seed, width, height, steps, frames } };
}
