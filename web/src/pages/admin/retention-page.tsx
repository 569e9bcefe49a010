import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { ConfirmButton } from '../../components/confirm-button';
import { ErrorNotice, StatusNotice } from '../../components/form';
import { useAction } from '../../components/use-action';
import { useApiData } from '../../components/use-api-data';
import { ageWords, reportSentences, runTitle } from './retention-words';

/** Admins: what retention removes and when, the latest runs' reports, and a run now (a dry one first, if in doubt). */
export default function RetentionPage() {
  const overview = useApiData(async () => unwrap(await api.GET('/api/admin/retention')), []);
  const dry = useAction();
  /** What the last run asked for here did, dry or not. */
  const [outcome, setOutcome] = useState<string>();
  const data = overview.data;

  async function runNow(dryRun: boolean): Promise<void> {
    setOutcome(undefined);
    const report = unwrap(await api.POST('/api/admin/retention/run', { body: { dry_run: dryRun } }));
    setOutcome(`${runTitle(report)}: ${reportSentences(report).join(' ')}`);
    await overview.reload();
  }

  return (
    <section>
      <p>
        <Link to="/admin">Administration</Link>
      </p>
      <h1>Retention</h1>
      <p>
        What outgrows its age leaves on its own, every {data ? `${data.policy.interval_minutes} minutes` : 'interval'}. Files are erased for good (a crypto-shred where
        encryption at rest is on). The ages are set by the RETENTION_* variables and TRASH_DAYS.
      </p>
      <ErrorNotice error={overview.error} />
      {overview.loading && !data && <p role="status">Loading…</p>}
      {data && (
        <>
          <dl className="facts">
            <dt>Uploads no job uses</dt>
            <dd>{ageWords(data.policy.unused_upload_days)}</dd>
            <dt>Logs of finished jobs</dt>
            <dd>{ageWords(data.policy.log_days)}</dd>
            <dt>Finished jobs, then to the trash</dt>
            <dd>{ageWords(data.policy.output_days)}</dd>
            <dt>The trash, then deleted for good</dt>
            <dd>{ageWords(data.policy.trash_days)}</dd>
          </dl>
          <div className="row">
            <button type="button" className="secondary" disabled={dry.busy} onClick={() => void dry.run(() => runNow(true))}>
              {dry.busy ? 'Counting…' : 'Dry run'}
            </button>
            <ConfirmButton label="Run now" question="Remove everything past its age now?" yes="Yes, run retention" no="No" onConfirm={() => runNow(false)} />
          </div>
          <ErrorNotice error={dry.error} />
          {outcome && <StatusNotice>{outcome}</StatusNotice>}
          <h2 id="runs-heading">Latest runs</h2>
          {data.runs.length === 0 ? (
            <p>No run yet.</p>
          ) : (
            <ol className="stack" aria-labelledby="runs-heading">
              {data.runs.map((run) => (
                <li key={run.id}>
                  <p>
                    <strong>{runTitle(run)}</strong>, <time dateTime={run.started_at}>{new Date(run.started_at).toLocaleString()}</time>
                  </p>
                  {reportSentences(run).map((sentence) => (
                    <p key={sentence}>{sentence}</p>
                  ))}
                  {!run.dry_run && run.trash.jobs + run.unused_uploads.uploads > 0 && <p className="hint">{run.backups}</p>}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
