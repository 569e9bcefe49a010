import { Link } from 'react-router';
import { api } from '../../api/client';
import { ApiError, unwrap } from '../../api/errors';
import { ErrorNotice } from '../../components/form';
import { useApiData } from '../../components/use-api-data';
import { formatStart, listFindings, measured } from './qa-summary';

/**
 * The dub's QA report: the programme's figures, then every finding, failures
 * first, each line's finding a link to that line in the review editor.
 * `version` reloads it after a render.
 */
export function QaPanel({ jobId, version }: { jobId: string; version: number }) {
  const report = useApiData(async () => unwrap(await api.GET('/api/jobs/{id}/qa', { params: { path: { id: jobId } } })), [jobId, version]);
  const notReady = report.error instanceof ApiError && report.error.code === 'qa_not_ready';
  const data = report.data;
  const findings = data ? listFindings(data) : [];
  return (
    <section aria-labelledby="qa-heading" className="qa-panel">
      <h2 id="qa-heading">Quality check</h2>
      {notReady ? <p className="muted">No quality report yet: it is made at the end of each render.</p> : <ErrorNotice error={report.error} />}
      {!data && !report.error && <p className="muted">Loading…</p>}
      {data && (
        <>
          <p className={data.overall.failures > 0 ? 'qa-verdict qa-failed' : 'qa-verdict'} role="status">
            {data.overall.failures === 0 && data.overall.warnings === 0
              ? 'No problems found.'
              : `${data.overall.failures} ${data.overall.failures === 1 ? 'problem' : 'problems'} and ${data.overall.warnings} ${data.overall.warnings === 1 ? 'warning' : 'warnings'}.`}
          </p>
          <dl className="qa-figures">
            <dt>Loudness</dt>
            <dd>{measured(data.overall.integrated_lufs, 'LUFS')}{data.overall.target_lufs !== null && ` (target ${data.overall.target_lufs})`}</dd>
            <dt>True peak</dt>
            <dd>{measured(data.overall.true_peak_dbtp, 'dBTP')}</dd>
            <dt>Loudness range</dt>
            <dd>{measured(data.overall.loudness_range_lu, 'LU')}</dd>
            <dt>Fastest line</dt>
            <dd>{data.overall.max_tempo === null ? '—' : `${data.overall.max_tempo.toFixed(2)}× (limit ${data.overall.tempo_cap.toFixed(2)}×)`}</dd>
            <dt>Sound vs picture</dt>
            <dd>{measured(data.overall.drift_ms, 'ms apart', 0)}</dd>
          </dl>
          {findings.length > 0 && (
            <ul className="qa-findings">
              {findings.map((finding, index) => (
                <li key={`${finding.code}-${finding.segment ?? 'all'}-${index}`} className={finding.severity === 'failure' ? 'qa-failure' : 'qa-warning'}>
                  <span className="qa-severity">{finding.severity === 'failure' ? 'Problem' : 'Warning'}</span>{' '}
                  {finding.segment && finding.startMs !== null ? (
                    <Link to={`/jobs/${encodeURIComponent(jobId)}/review?line=${encodeURIComponent(finding.segment)}`}>
                      Line {finding.segment.replace(/^s0*/, '')} at {formatStart(finding.startMs)}
                    </Link>
                  ) : (
                    <span>Whole dub</span>
                  )}
                  : {finding.message}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
