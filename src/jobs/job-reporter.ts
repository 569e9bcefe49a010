import type { Logger } from 'pino';
import type { Db } from '../db/types.js';
import { redactFields, redactText } from '../ops/redact.js';
import { promiseOf, TRANSCRIPT_LOG_FIELD } from '../storage/privacy-policy.js';
import type { ArtifactStore } from './artifacts.js';
import type { ClaimedJob, Queue } from './queue.js';
import type { LogEntry, ProducedArtifact, RunCallbacks, RunResult } from './runner-types.js';
import { countLogs, deletePreview, insertEvents, insertLogs, savePreview, stagesOf } from './store.js';

/** A job's log keeps this many lines; a runaway child cannot fill the database. */
const MAX_LOG_LINES = 5000;
const PROGRESS_EVERY_MS = 250;

/** How a run ended: the runner's result, or a refusal before it started (e.g. `sandbox_unavailable`). */
export type Ending = RunResult | { readonly outcome: 'failed'; readonly code: string; readonly message: string; readonly transient: boolean };

/**
 * What a run reports, recorded: stage starts and progress as events (progress
 * at most four times a second), log lines redacted and capped, each finished
 * stage checkpointed with its artifacts published first, and the latest
 * preview frame an engine sent (checked by its caller), until the run ends.
 */
export function createJobReporter(deps: {
  db: Db;
  queue: Queue;
  artifacts: ArtifactStore;
  job: ClaimedJob;
  now: () => Date;
  log: Logger;
  /** The job type's own bookkeeping for a finished stage (a dub's segments), before its checkpoint. */
  afterStage?: (artifacts: readonly ProducedArtifact[]) => Promise<void>;
}) {
  const { db, job } = deps;
  const jobId = job.row.id;
  const stageCount = stagesOf(job.row).length;
  let logLines: number | undefined;
  let lastProgress = 0;
  /** Preview frames stored so far (the latest replaces the one before). */
  let previews = 0;
  /** The frame being stored, so the run's end removes the preview after it, never before. */
  let storing: Promise<void> = Promise.resolve();
  let runOver = false;
  /** The last stage's checkpoint ended the job already (one transaction fewer per job). */
  let succeededAtCheckpoint = false;
  const stamp = () => deps.now().toISOString();
  const transcriptInLogs = promiseOf(job.row.privacy_mode).transcriptInLogs;
  const withoutTranscript = (fields: Record<string, unknown>) => (transcriptInLogs ? fields : Object.fromEntries(Object.entries(fields).filter(([name]) => name !== TRANSCRIPT_LOG_FIELD)));

  async function log(entry: LogEntry): Promise<void> {
    logLines ??= await countLogs(db, jobId);
    if (logLines > MAX_LOG_LINES) return;
    logLines += 1;
    const truncated = logLines > MAX_LOG_LINES;
    await insertLogs(db, [
      {
        job_id: jobId,
        level: truncated ? 'warn' : entry.level,
        msg: truncated ? `log truncated at ${MAX_LOG_LINES} lines` : redactText(entry.msg).slice(0, 4000),
        fields: truncated || !entry.fields ? null : JSON.stringify(redactFields(withoutTranscript(entry.fields))).slice(0, 16_000),
        created_at: stamp(),
      },
    ]);
  }

  const callbacks: RunCallbacks = {
    async onStageStart(index) {
      await insertEvents(db, stamp(), [{ jobId, kind: 'stage', data: { index, status: 'started' } }]);
    },
    async onProgress(index, progress) {
      const now = Date.now();
      if (now - lastProgress < PROGRESS_EVERY_MS) return;
      lastProgress = now;
      const overall = (index + progress) / stageCount;
      await deps.queue.progress(job, overall);
      await insertEvents(db, stamp(), [{ jobId, kind: 'progress', data: { index, stage_progress: progress, progress: overall } }]);
    },
    onLog: log,
    async onStageDone(index, artifacts: readonly ProducedArtifact[]) {
      for (const artifact of artifacts) await deps.artifacts.publish(jobId, artifact.name, artifact.path);
      await deps.afterStage?.(artifacts);
      succeededAtCheckpoint = await deps.queue.checkpoint(job, index, artifacts.map(({ name, size, sha256 }) => ({ name, size, sha256, stage: index })));
    },
  };

  return {
    callbacks,
    log,
    /** Keeps `frame` (of stage `index`) as the job's preview and tells the job's event stream which frame it is. */
    preview(index: number, frame: { readonly mediaType: string; readonly bytes: Uint8Array }): Promise<void> {
      if (runOver) return Promise.resolve();
      const seq = (previews += 1);
      // After the frame before it, failed or not: one failed write must not stop the frames after it.
      storing = storing.catch(() => undefined).then(async () => {
        const createdAt = stamp();
        await deps.artifacts.previews.save(jobId, seq, frame.bytes);
        await savePreview(db, { jobId, seq, mediaType: frame.mediaType, createdAt });
        await insertEvents(db, createdAt, [{ jobId, kind: 'preview', data: { index, seq } }]);
      });
      return storing;
    },
    /** Drops the preview once the run is over (the outputs say the rest); frames that come later are ignored. */
    async clearPreview() {
      runOver = true;
      await storing.catch(() => undefined);
      if (previews > 0) {
        await deletePreview(db, jobId);
        await deps.artifacts.previews.clear(jobId);
      }
    },
    /** Ends the run in the queue; undefined when the lease was already lost. */
    async end(result: Ending) {
      if (succeededAtCheckpoint) return 'succeeded' as const;
      if (result.outcome !== 'failed') return deps.queue.finish(job, result);
      // A stage's own code (e.g. selftest_failed) says more than `stage_failed`.
      const code = 'stageCode' in result && result.stageCode ? result.stageCode : result.code;
      await log({ level: 'error', msg: `failed (${code}): ${result.message}` });
      return deps.queue.finish(job, { outcome: 'failed', code, message: result.message, transient: result.transient });
    },
    /** Whether the last stage's checkpoint already ended the job (its lease is gone for that reason, not lost). */
    succeeded: () => succeededAtCheckpoint,
    /** Hands the job back untouched (the worker is shutting down); it resumes from its checkpoint. */
    release: () => deps.queue.release(job),
  };
}

export type JobReporter = ReturnType<typeof createJobReporter>;
