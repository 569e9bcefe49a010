/**
 * What a job type's submission check may look at beyond its options: its
 * input uploads, already found to be the caller's own, accepted and of the
 * right kind (jobs/service.ts checks that first).
 */
export interface JobCheckContext {
  /** Who submits: a type's own resources (a generation's project) must be theirs. */
  readonly userId: string;
  input(uploadId: string): Promise<CheckedInput>;
}

export interface CheckedInput {
  readonly filename: string;
  /** What validation found (ffprobe's duration and streams for media). */
  readonly media: unknown;
  /** The upload's bytes; only for small files (subtitles, JSON). */
  read(): Promise<Uint8Array>;
}

/** What a check decided: stages the job will skip (shown on the job). */
export interface JobPlan {
  readonly skippedStages: readonly string[];
}
