import type { StageContext, StageHandler } from '../../jobs/stage-context.js';
import { DUB_STAGES, type DubOptions, type DubStage } from '../dub-options.js';
import { transcribeStage, translateStage } from './language.js';
import { extractStage, probeStage } from './prepare.js';
import { packageStage } from './package.js';
import { qaStage } from './qa.js';
import { exportStage, mixStage } from './render.js';
import { stateForRun } from './dub-state.js';
import { dubRuntimeOf, type DubRuntime } from './runtime.js';
import { fitStage, synthesizeStage } from './voice.js';

type DubStageHandler = (context: StageContext, options: DubOptions, runtime: DubRuntime) => Promise<void>;

const STAGES: Record<DubStage, DubStageHandler> = {
  probe: probeStage,
  extract: extractStage,
  transcribe: transcribeStage,
  translate: translateStage,
  synthesize: synthesizeStage,
  fit: fitStage,
  mix: mixStage,
  export: exportStage,
  qa: qaStage,
  package: packageStage,
};

/**
 * The dub's stages in the job's child process, in DUB_STAGES order. Each is
 * idempotent: it reads the state the previous stages left in the work dir
 * and keeps what an earlier, interrupted attempt already made.
 */
export function dubHandlers(options: unknown, runtime: unknown): StageHandler[] {
  const dub = options as DubOptions;
  const checked = dubRuntimeOf(runtime);
  let first = true;
  return DUB_STAGES.map((stage) => async (context: StageContext) => {
    if (first && stage !== 'probe') await stateForRun(context.workDir, checked);
    first = false;
    await STAGES[stage](context, dub, checked);
  });
}
