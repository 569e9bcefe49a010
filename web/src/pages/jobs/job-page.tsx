import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { ConfirmButton } from '../../components/confirm-button';
import { ErrorNotice, StatusNotice } from '../../components/form';
import { elapsed, failureSentence, statusLabel } from './job-format';
import { isFinished } from './job-state';
import { JobLog } from './job-log';
import { JobOutputs } from './job-outputs';
import { JobQr } from './job-qr';
import { QaPanel } from './qa-panel';
import { JobPlayer } from './job-player';
import { JobStages, LivePreview } from './job-stages';
import { GenerationResult } from './generation-result';
import { useLiveJob } from './use-live-job';
import { PRIVACY_WORDS, privacyLabel } from '../settings/privacy-words';

/** Cancelling asks first: a dub may have run for an hour. */
function CancelJob({ jobId, requested, onCancelled }: { jobId: string; requested: boolean; onCancelled(): void }) {
  if (requested) return <StatusNotice>Cancelling…</StatusNotice>;
  return (
    <div className="stack">
      <ConfirmButton
        label="Cancel job"
        question="Cancel this job? What it has done so far is lost."
        yes="Yes, cancel the job"
        no="Keep it running"
        onConfirm={async () => {
          unwrap(await api.POST('/api/jobs/{id}/cancel', { params: { path: { id: jobId } } }));
          onCancelled();
        }}
      />
    </div>
  );
}

/** One job: live stages and progress, its failure as a sentence, cancel while it runs, the log, the files and the player. */
export default function JobPage() {
  const { id = '' } = useParams();
  const { job, live, error, reload } = useLiveJob(id);

  if (error && !job) {
    return (
      <section>
        <h1>Job</h1>
        <ErrorNotice error={error} />
        <p>
          <Link to="/jobs">All jobs</Link>
        </p>
      </section>
    );
  }
  if (!job || !live) return <p role="status">Loading the job…</p>;

  const finished = isFinished(live.status);
  const took = elapsed(job.started_at, job.finished_at, Date.now());
  const stagesDone = live.stages.filter((stage) => stage.status === 'done').length;
  const failure = live.failure ?? job.failure;
  const version = stagesDone + (finished ? 100 : 0);
  // A dub's lines can be reviewed once it has rendered at least once (a re-render keeps the last one playing).
  const reviewable = job.type === 'dub' && (live.status === 'succeeded' || job.render > 1);
  return (
    <section>
      <p>
        <Link to="/jobs">All jobs</Link>
      </p>
      <h1>{job.title}</h1>
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <span className={`badge badge-${live.status}`}>{statusLabel(live.status)}</span>
        </dd>
        <dt>Kind</dt>
        <dd>{job.type}</dd>
        <dt>Privacy mode</dt>
        <dd title={PRIVACY_WORDS[job.privacy_mode]?.keeps}>{privacyLabel(job.privacy_mode)}</dd>
        <dt>Submitted</dt>
        <dd>
          <time dateTime={job.created_at}>{new Date(job.created_at).toLocaleString()}</time>
        </dd>
        {took && finished && (
          <>
            <dt>Took</dt>
            <dd>{took}</dd>
          </>
        )}
      </dl>
      {live.status === 'failed' && failure && (
        <p role="alert" className="notice notice-error">
          {failureSentence(failure)}
        </p>
      )}
      {!finished && <CancelJob jobId={job.id} requested={job.cancel_requested} onCancelled={() => void reload()} />}
      <JobStages live={live} />
      {live.preview && live.status === 'running' && <LivePreview jobId={job.id} seq={live.preview.seq} />}
      {job.type === 'generate' && live.status === 'succeeded' && <GenerationResult jobId={job.id} />}
      {job.type === 'dub' && <JobPlayer jobId={job.id} version={version} reviewable={reviewable} />}
      {job.type === 'dub' && reviewable && <QaPanel jobId={job.id} version={version} />}
      <JobOutputs jobId={job.id} version={version} />
      <JobLog jobId={job.id} running={!finished} />
      <JobQr jobId={job.id} />
    </section>
  );
}
