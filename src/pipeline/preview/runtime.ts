import type { TypeRuntime } from '../../jobs/job-runtime.js';
import type { LocatedTool } from '../../media/toolchain.js';
import type { PreviewRuntime } from '../stages/preview.js';
import type { DubSettings } from '../stages/runtime.js';

/**
 * The worker's side of a line preview: the same ffmpeg and dub settings a
 * dub gets (so the line is fitted with the same tempo cap), and no
 * bookkeeping after its stage. It reads nothing of the dub: the line is in
 * the preview's options, so a preview can never write the dub's segments.
 */
export function createPreviewRuntime(deps: { tools: () => { ffmpeg: LocatedTool }; settings: DubSettings }): TypeRuntime {
  return {
    runtime: (): Promise<PreviewRuntime> => Promise.resolve({ tools: { ffmpeg: deps.tools().ffmpeg.path }, settings: deps.settings }),
    afterStage: () => Promise.resolve(),
  };
}
