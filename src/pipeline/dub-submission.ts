import { AppError } from '../http/app-error.js';
import type { JobCheckContext, JobPlan } from '../jobs/job-check.js';
import type { DubOptions } from './dub-options.js';
import { type DubImports, type ImportFile, planDub } from './dub-plan.js';
import { dubErrors } from './errors.js';
import { ImportProblem } from './imports/problems.js';

/** Which engines this server has for dubbing. */
export interface DubCapabilities {
  readonly asr: boolean;
  readonly translate: boolean;
  /** A voice: the offline one installed, or a TTS engine configured. */
  readonly tts: boolean;
}

/** The video's length and whether it has sound, from what upload validation found. */
export function videoFacts(media: unknown): { durationMs: number; hasAudio: boolean } {
  const summary = (media ?? {}) as { durationSeconds?: unknown; streams?: Array<{ type?: unknown }> };
  const seconds = typeof summary.durationSeconds === 'number' && Number.isFinite(summary.durationSeconds) ? summary.durationSeconds : 0;
  return { durationMs: Math.round(seconds * 1000), hasAudio: (summary.streams ?? []).some((stream) => stream.type === 'audio') };
}

/**
 * The dub's submission check: its imports read and checked against the
 * video (every problem a 4xx with its own code), then the engines it still
 * needs, each missing one refused with a code naming it.
 */
export function createDubSubmissionCheck(capabilities: () => DubCapabilities) {
  return async function checkDubSubmission(options: DubOptions, context: JobCheckContext): Promise<JobPlan> {
    const video = videoFacts((await context.input(options.upload_id)).media);
    const file = async (id: string | undefined): Promise<ImportFile | undefined> => {
      if (!id) return undefined;
      const input = await context.input(id);
      return { filename: input.filename, bytes: await input.read() };
    };
    const { imports = {} } = options;
    const files: DubImports = {
      sourceSubtitles: await file(imports.source_subtitles),
      translatedSubtitles: await file(imports.translated_subtitles),
      segmentsJson: await file(imports.segments_json),
      diarizationJson: await file(imports.diarization_json),
    };
    let plan;
    try {
      plan = await planDub(options, files, video);
    } catch (error) {
      if (error instanceof ImportProblem) throw new AppError(dubErrors[error.code], `${dubErrors[error.code].message} (${error.detail})`);
      throw error;
    }
    const have = capabilities();
    if (plan.needs.asr && !have.asr) throw new AppError(dubErrors.asr_engine_unavailable);
    if (plan.needs.translate && !have.translate) throw new AppError(dubErrors.translate_engine_unavailable);
    if (!have.tts) throw new AppError(dubErrors.tts_engine_unavailable);
    return { skippedStages: plan.skipped };
  };
}
