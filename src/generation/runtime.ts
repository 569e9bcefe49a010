import type { Db } from '../db/types.js';
import type { TypeRuntime } from '../jobs/job-runtime.js';
import type { LocatedTool } from '../media/toolchain.js';
import { recordGeneration } from './record.js';
import type { GenerateRuntime } from './stages.js';

/**
 * The worker's side of a generate job's process: ffmpeg's path (for clips)
 * and the pixel limit its images are decoded under; once its outputs are
 * stored, the generation becomes a version of its project (record.ts). The
 * engine call itself is the generation runner's (worker-run.ts), reached over
 * the engine channel.
 */
export function createGenerateRuntime(deps: { db: Db; now: () => Date; tools: () => { ffmpeg: LocatedTool }; maxImagePixels: number }): TypeRuntime {
  return {
    runtime: (): Promise<GenerateRuntime> => Promise.resolve({ tools: { ffmpeg: deps.tools().ffmpeg.path }, maxImagePixels: deps.maxImagePixels }),
    afterStage: (row, artifacts) => recordGeneration(deps.db, row, artifacts, deps.now),
  };
}
