import { type Static, type TSchema, Type } from 'typebox';
import { Compile } from 'typebox/compile';
import type { UploadKind } from '../uploads/kinds.js';
import { SelftestOptions } from './selftest.js';

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
   * (no engine configured), as an error code; undefined when it can.
   */
  unavailable(options: Static<S>, engines: EngineAvailability): UnavailableCode | undefined;
}

/** Which dubbing engines this server has (see src/engines/). */
export interface EngineAvailability {
  readonly asr: boolean;
  readonly translate: boolean;
}

/** Codes of jobs/errors.ts and engines/errors.ts that refuse a type up front. */
export type UnavailableCode = 'job_type_unavailable' | 'asr_engine_unavailable' | 'translate_engine_unavailable';

const UploadId = Type.String({ pattern: '^[0-9a-f]{32}$', description: 'An accepted upload of yours.' });
const Language = Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$', maxLength: 35, description: 'A BCP 47 language tag, e.g. ja, en, pt-BR.' });

const DubOptions = Type.Object(
  {
    upload_id: UploadId,
    target_language: Language,
    source_language: Type.Optional(Language),
    voice: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._-]+$' })),
  },
  { additionalProperties: false },
);

const GenerateOptions = Type.Object(
  {
    prompt: Type.String({ minLength: 1, maxLength: 4000 }),
    negative_prompt: Type.Optional(Type.String({ maxLength: 4000 })),
    output: Type.Union([Type.Literal('image'), Type.Literal('clip')]),
    width: Type.Optional(Type.Integer({ minimum: 64, maximum: 4096, multipleOf: 8 })),
    height: Type.Optional(Type.Integer({ minimum: 64, maximum: 4096, multipleOf: 8 })),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 32 - 1 })),
    reference_upload_id: Type.Optional(UploadId),
  },
  { additionalProperties: false },
);

const SelftestJobOptions = Type.Object(
  { steps: SelftestOptions.properties.steps, gpu: Type.Optional(Type.Boolean({ description: 'Run in the gpu class (scheduler tests).' })) },
  { additionalProperties: false },
);

/** The dub and generation pipelines are not built yet: until they are, these types are refused up front. */
const NO_PIPELINE = () => 'job_type_unavailable' as const;

/** A dub needs speech recognition and translation (until imports can stand in for them), then the pipeline. */
function dubUnavailable(_options: unknown, engines: EngineAvailability): UnavailableCode {
  if (!engines.asr) return 'asr_engine_unavailable';
  if (!engines.translate) return 'translate_engine_unavailable';
  return NO_PIPELINE();
}

/**
 * The closed set of job types: each with its options schema, class, stages
 * and inputs. A type not listed here cannot be submitted; a handler for each
 * runs in the job's child process (child.ts).
 */
const JOB_TYPES = {
  dub: {
    schema: DubOptions,
    doc: 'Dub a video into another language.',
    jobClass: () => 'gpu',
    stages: () => ['probe', 'extract', 'transcribe', 'translate', 'synthesize', 'mix', 'export'],
    inputs: (options) => [{ uploadId: options.upload_id, kinds: ['video'] }],
    title: (options) => `dub → ${options.target_language}`,
    unavailable: dubUnavailable,
  } satisfies JobTypeSpec<typeof DubOptions>,
  generate: {
    schema: GenerateOptions,
    doc: 'Generate an image or a clip from a prompt.',
    jobClass: () => 'gpu',
    stages: () => ['generate', 'export'],
    inputs: (options) => (options.reference_upload_id ? [{ uploadId: options.reference_upload_id, kinds: ['image'] }] : []),
    title: (options) => options.prompt.slice(0, 120),
    unavailable: NO_PIPELINE,
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
} as const;

export type JobType = keyof typeof JOB_TYPES;
export const ALL_JOB_TYPES = Object.keys(JOB_TYPES) as JobType[];

/** What the rest of Sakuga knows of a job type once its options are checked. */
export interface PreparedJob {
  readonly type: JobType;
  readonly options: unknown;
  readonly jobClass: JobClass;
  readonly stages: readonly string[];
  readonly inputs: readonly JobInput[];
  readonly title: string;
  /** Why this server cannot run it (no engine yet); checked after the inputs, so the caller's own mistakes come first. */
  readonly unavailable: UnavailableCode | undefined;
}

export type Preparation =
  | { readonly ok: true; readonly job: PreparedJob }
  | { readonly ok: false; readonly code: 'unknown_job_type' | 'invalid_job_options'; readonly detail?: string };

/**
 * The job types this server registers: `selftest` only when
 * SAKUGA_SELFTEST_JOBS is on. `prepare` checks options against the type's
 * schema (compiled once) and derives the rest.
 */
export function createJobTypes(options: { selftest: boolean; engines?: EngineAvailability }) {
  const engines = options.engines ?? { asr: false, translate: false };
  const registered = ALL_JOB_TYPES.filter((type) => type !== 'selftest' || options.selftest);
  const checkers = new Map(registered.map((type) => [type, Compile(JOB_TYPES[type].schema as TSchema)]));

  function prepare(type: string, raw: unknown): Preparation {
    const checker = checkers.get(type as JobType);
    if (!checker) return { ok: false, code: 'unknown_job_type' };
    if (!checker.Check(raw)) {
      const [first] = checker.Errors(raw);
      return { ok: false, code: 'invalid_job_options', detail: first ? `options${first.instancePath}: ${first.message}` : undefined };
    }
    // The union of specs is not callable with one options type; each spec was checked against its own schema above.
    const spec = JOB_TYPES[type as JobType] as unknown as JobTypeSpec<TSchema>;
    return {
      ok: true,
      job: { type: type as JobType, options: raw, jobClass: spec.jobClass(raw), stages: spec.stages(raw), inputs: spec.inputs(raw), title: spec.title(raw), unavailable: spec.unavailable(raw, engines) },
    };
  }

  return { registered, prepare, describe: () => registered.map((type) => ({ type, doc: JOB_TYPES[type].doc })) };
}

export type JobTypes = ReturnType<typeof createJobTypes>;
