import { useId, useState } from 'react';
import { percent, statusLabel } from './job-format';
import type { LiveJob, StageStatus } from './job-state';

const STAGE_LABELS: Readonly<Record<StageStatus, string>> = { pending: 'to do', running: 'running', done: 'done', skipped: 'skipped' };

/** The sentence a screen reader hears when the job moves on. */
export function stageAnnouncement(live: LiveJob): string {
  if (live.status !== 'running') return statusLabel(live.status);
  const index = live.stages.findIndex((stage) => stage.status === 'running');
  if (index === -1) return 'Running';
  return `Running ${live.stages[index]!.name}, step ${index + 1} of ${live.stages.length}`;
}

/** Overall progress, the running stage's own, and each stage's state. */
export function JobStages({ live }: { live: LiveJob }) {
  const overallId = useId();
  const stageId = useId();
  const running = live.stageProgress && live.stages[live.stageProgress.index];
  return (
    <section aria-labelledby={`${overallId}-h`}>
      <h2 id={`${overallId}-h`}>Progress</h2>
      <p role="status" className="job-status" data-updates={live.updates}>
        {stageAnnouncement(live)}
      </p>
      <div className="field">
        <label htmlFor={overallId}>Overall: {percent(live.progress)}</label>
        <progress id={overallId} max={1} value={live.progress}>
          {percent(live.progress)}
        </progress>
      </div>
      {running && live.status === 'running' && (
        <div className="field">
          <label htmlFor={stageId}>
            {running.name}: {percent(live.stageProgress!.value)}
          </label>
          <progress id={stageId} max={1} value={live.stageProgress!.value}>
            {percent(live.stageProgress!.value)}
          </progress>
        </div>
      )}
      <ol className="stages">
        {live.stages.map((stage) => (
          <li key={stage.name} className={`stage stage-${stage.status}`}>
            <span>{stage.name}</span> <span className="muted">{STAGE_LABELS[stage.status]}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/**
 * The engine's latest preview frame, replaced as new ones are announced
 * (`seq` makes each a new address; the server sends them with no-store).
 * A frame asked for just after the job ended is gone (404): nothing shows.
 */
export function LivePreview({ jobId, seq }: { jobId: string; seq: number }) {
  const [failed, setFailed] = useState<number>();
  if (failed === seq) return null;
  return (
    <figure className="live-preview">
      <img src={`/api/jobs/${encodeURIComponent(jobId)}/preview?seq=${seq}`} alt="The engine's preview of what it is generating" onError={() => setFailed(seq)} />
      <figcaption className="muted">Live preview</figcaption>
    </figure>
  );
}
