import { type StageContext, StageError } from '../../jobs/stage-context.js';
import type { DubOptions } from '../dub-options.js';
import type { DubStage } from '../dub-options.js';
import { loadState } from './dub-state.js';
import type { DubRuntime } from './runtime.js';

/**
 * transcribe and translate: done by engines the worker reaches for the job
 * (the job process has no network). A stage an import made unnecessary is a
 * no-op that says so.
 */
export function engineStage(stage: Extract<DubStage, 'transcribe' | 'translate'>) {
  return async function runEngineStage(context: StageContext, _options: DubOptions, _runtime: DubRuntime): Promise<void> {
    const state = await loadState(context.workDir);
    if (state.skipped.includes(stage)) return context.log('info', `${stage}: skipped, the imports already hold it`);
    throw new StageError(stage === 'transcribe' ? 'asr_engine_unavailable' : 'translate_engine_unavailable', `This server has no ${stage === 'transcribe' ? 'speech recognition' : 'translation'} engine for this job.`);
  };
}
