import { type Static, type TSchema, Type } from 'typebox';
import { Compile } from 'typebox/compile';
import { DUB_STAGES, DubOptions } from '../pipeline/dub-options.js';
import { importInputs } from '../pipeline/dub-plan.js';
import { createDubSubmissionCheck, type DubCapabilities } from '../pipeline/dub-submission.js';
import { PREVIEW_STAGES } from '../pipeline/preview/names.js';
import { DubPreviewOptions } from '../pipeline/preview/options.js';
import type { UploadKind } from '../uploads/kinds.js';
import type { JobCheckContext, JobPlan } from './job-check.js';
import { SelftestOptions } from './selftest.js';
import { type GenerationCapabilities, GenerateOptions, resolveGeneration } from '../generation/options.js';
import { BUILTIN_TEMPLATES } from '../generation/templates.js';

/** gpu-class jobs (dubbing, generation) share JOBS_GPU_SLOTS; cpu-class jobs only the global caps. */
export type JobClass = 'cpu' | 'gpu';

/** An upload a job reads: checked at submission (the caller's own, accepted, of a fitting kind). */
export interface JobInput {
  readonly uploadId: string;
  readonly kinds: readonly UploadKind[];
}

interface JobTypeSpec<S extends TSchema> {
  readonly schema: S;
  readonly doc: string;
  jobClass(options: Static<S>): JobClass;
  stages(options: Static<S>): readonly string[];
  inputs(options: Static<S>): readonly JobInput[];
  /** A short line for lists and text search. */
  title(options: Static<S>): string;
  /**
   * Why this server cannot run the type at all, known before a job is made
   * (no engine configured); undefined when it can.
   */
  unavailable(): string | undefined;
  /** Reads the inputs (already owned, accepted, of the right kind) for what only their contents tell; throws an AppError. */
  check?(options: Static<S>, context: JobCheckContext): Promise<JobPlan>;
  /**
   * Made by Sakuga itself for another job (a dub's line preview), never
   * submitted: POST /api/jobs refuses it as an unknown type, and job lists
   * leave it out unless asked for it by type.
   */
  readonly internal?: true;
}

const SelftestJobOptions = Type.Object(
  { steps: SelftestOptions.properties.steps, gpu: Type.Optional(Type.Boolean({ description: 'Run in the gpu class (scheduler tests).' })) },
  { additionalProperties: false },
);

/**
 * The closed set of job types: each with its options schema, class, stages
 * and inputs. A type not listed here cannot be submitted; a handler for each
 * runs in the job's child process (child.ts).
 */
const jobTypeSpecs = (dub: () => DubCapabilities, generation: () => GenerationCapabilities) => ({
  dub: {
    schema: DubOptions,
    doc: 'Dub a video into another language.',
    jobClass: () => 'gpu',
    stages: () => DUB_STAGES,
    inputs: (options) => [{ uploadId: options.upload_id, kinds: ['video'] }, ...importInputs(options)],
    title: (options) => `dub → ${options.target_language}`,
    unavailable: () => undefined,
    check: createDubSubmissionCheck(dub),
  } satisfies JobTypeSpec<typeof DubOptions>,
  dub_preview: {
    schema: DubPreviewOptions,
    doc: 'One line of a dub spoken and fitted to its slot, to hear before a re-render (internal).',
    // One short line: no GPU slot, so a preview never waits behind a dub.
    jobClass: () => 'cpu',
    stages: () => PREVIEW_STAGES,
    inputs: () => [],
    title: (options) => `preview ${options.segment_id}`,
    unavailable: () => undefined,
    internal: true,
  } satisfies JobTypeSpec<typeof DubPreviewOptions>,
  generate: {
    schema: GenerateOptions,
    doc: 'Generate an image or a clip from a prompt.',
    jobClass: () => 'gpu',
    stages: () => ['generate', 'export'],
    inputs: (options) => (options.reference_upload_id ? [{ uploadId: options.reference_upload_id, kinds: ['image'] }] : []),
    title: (options) => options.prompt.slice(0, 120),
    unavailable: () => (generation().engine ? undefined : 'no generation engine is configured (GENERATE_ENGINE)'),
    check: async (options, context) => {
      const capabilities = generation();
      resolveGeneration(options, capabilities);
      await capabilities.target?.(context.userId, options.project_id, options.parent_version_id);
      await capabilities.admit?.(context.userId);
      return { skippedStages: [] };
    },
  } satisfies JobTypeSpec<typeof GenerateOptions>,
  selftest: {
    schema: SelftestJobOptions,
    doc: 'Test-only: one stage per step (sleep, spin, alloc, fork, net, fail, write).',
    jobClass: (options) => (options.gpu ? 'gpu' : 'cpu'),
    stages: (options) => options.steps.map((_, index) => `step-${index + 1}`),
    inputs: () => [],
    title: (options) => `selftest: ${options.steps.map((step) => step.op).join(', ')}`,
    unavailable: () => undefined,
  } satisfies JobTypeSpec<typeof SelftestJobOptions>,
});

export type JobType = keyof ReturnType<typeof jobTypeSpecs>;
export const ALL_JOB_TYPES: readonly JobType[] = ['dub', 'dub_preview', 'generate', 'selftest'];

/** What the rest of Sakuga knows of a job type once its options are checked. */
export interface PreparedJob {
  readonly type: JobType;
  readonly options: unknown;
  readonly jobClass: JobClass;
  readonly stages: readonly string[];
  readonly inputs: readonly JobInput[];
  readonly title: string;
  /** Why this server cannot run it (no engine yet); checked after the inputs, so the caller's own mistakes come first. */
  readonly unavailable: string | undefined;
  /** The type's own look at its inputs, run after the generic input checks. */
  readonly check?: (context: JobCheckContext) => Promise<JobPlan>;
}

export type Preparation =
  | { readonly ok: true; readonly job: PreparedJob }
  | { readonly ok: false; readonly code: 'unknown_job_type' | 'invalid_job_options'; readonly detail?: string };

/**
 * The job types this server registers: `selftest` only when
 * SAKUGA_SELFTEST_JOBS is on. `prepare` checks options against the type's
 * schema (compiled once) and derives the rest; an internal type is prepared
 * only when Sakuga itself asks (`internal: true`), a client naming one gets
 * what an unknown type gets.
 */
export function createJobTypes(options: { selftest: boolean; dub?: () => DubCapabilities; generation?: () => GenerationCapabilities }) {
  const JOB_TYPES = jobTypeSpecs(
    options.dub ?? (() => ({ asr: false, translate: false, tts: false })),
    options.generation ?? (() => ({ engine: false, promptMax: 500, template: (name) => BUILTIN_TEMPLATES[name] })),
  );
  const registered = ALL_JOB_TYPES.filter((type) => type !== 'selftest' || options.selftest);
  const checkers = new Map(registered.map((type) => [type, Compile(JOB_TYPES[type].schema as TSchema)]));
  const internal = registered.filter((type) => (JOB_TYPES[type] as { internal?: true }).internal === true);
  const isInternal = (type: string) => (internal as readonly string[]).includes(type);

  function prepare(type: string, raw: unknown, from: { internal?: boolean } = {}): Preparation {
    const checker = checkers.get(type as JobType);
    if (!checker || (isInternal(type) && !from.internal)) return { ok: false, code: 'unknown_job_type' };
    if (!checker.Check(raw)) {
      const [first] = checker.Errors(raw);
      return { ok: false, code: 'invalid_job_options', detail: first ? `options${first.instancePath}: ${first.message}` : undefined };
    }
    // The union of specs is not callable with one options type; each spec was checked against its own schema above.
    const spec = JOB_TYPES[type as JobType] as unknown as JobTypeSpec<TSchema>;
    return {
      ok: true,
      job: {
        type: type as JobType,
        options: raw,
        jobClass: spec.jobClass(raw),
        stages: spec.stages(raw),
        inputs: spec.inputs(raw),
        title: spec.title(raw),
        unavailable: spec.unavailable(),
        ...(spec.check && { check: (context: JobCheckContext) => spec.check!(raw, context) }),
      },
    };
  }

  return {
    registered,
    /** The types only Sakuga makes, which lists hide unless asked for by type. */
    internal,
    prepare,
    describe: () => registered.filter((type) => !isInternal(type)).map((type) => ({ type, doc: JOB_TYPES[type].doc })),
  };
}

export type JobTypes = ReturnType<typeof createJobTypes>;
