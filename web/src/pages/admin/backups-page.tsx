import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { ErrorNotice, StatusNotice } from '../../components/form';
import { useAction } from '../../components/use-action';
import { useApiData } from '../../components/use-api-data';
import { formatBytes } from '../jobs/job-format';

const POLL_MS = 1_000;
const when = (iso: string) => new Date(iso).toLocaleString();

/** Admins: where backups go and how often, each backup with its last verify, a backup now and a verify now. */
export default function BackupsPage() {
  const overview = useApiData(async () => unwrap(await api.GET('/api/admin/backups')), []);
  const start = useAction();
  const check = useAction();
  const [outcome, setOutcome] = useState<string>();
  const data = overview.data;
  const running = data?.running ?? false;

  // While a backup is being made, the page follows it.
  useEffect(() => {
    if (!running) return undefined;
    const timer = setInterval(() => void overview.reload(), POLL_MS);
    return () => clearInterval(timer);
  }, [running, overview.reload]);

  function backUpNow() {
    void start.run(async () => {
      unwrap(await api.POST('/api/admin/backups'));
      await overview.reload();
      return 'A backup is being made; it is verified once it is done.';
    });
  }

  function verify(name: string) {
    void check.run(async () => {
      const result = unwrap(await api.POST('/api/admin/backups/{name}/verify', { params: { path: { name } } }));
      setOutcome(result.ok ? `${name} verified: ${result.checked.files} files present, ${result.checked.decrypted} decrypted whole.` : `${name} failed its verify: ${result.problems.join(' ')}`);
      await overview.reload();
    });
  }

  const lastCreate = data?.runs.find((run) => run.kind === 'create');
  return (
    <section>
      <p>
        <Link to="/admin">Administration</Link>
      </p>
      <h1>Backups</h1>
      <p>
        A backup holds the database and every file, encrypted. To restore one you also need the key: keep a copy of the data dir&apos;s <code>secrets</code> folder somewhere
        else than the backups.
      </p>
      <ErrorNotice error={overview.error} />
      {overview.loading && !data && <p role="status">Loading…</p>}
      {data && (
        <>
          <dl className="facts">
            <dt>Kept in</dt>
            <dd>
              <code>{data.dir}</code>
            </dd>
            <dt>Made</dt>
            <dd>{data.interval_hours === 0 ? 'Only when asked for (BACKUP_INTERVAL=off)' : `Every ${data.interval_hours} hours`}, the last {data.keep} kept</dd>
            <dt>Last backup</dt>
            <dd>{running ? 'Being made now…' : lastCreate ? `${when(lastCreate.finished_at)}: ${lastCreate.ok ? 'made' : `failed (${String(lastCreate.detail.reason ?? 'see the server log')})`}` : 'None yet'}</dd>
          </dl>
          <button type="button" disabled={start.busy || running} onClick={backUpNow}>
            {running ? 'Backing up…' : 'Back up now'}
          </button>
          <ErrorNotice error={start.error} />
          {start.status && !outcome && <StatusNotice>{start.status}</StatusNotice>}
          <ErrorNotice error={check.error} />
          {outcome && <StatusNotice>{outcome}</StatusNotice>}

          <h2 id="backups-heading">Backups</h2>
          {data.backups.length === 0 ? (
            <p>No backup yet.</p>
          ) : (
            <ol className="stack" aria-labelledby="backups-heading">
              {data.backups.map((backup) => (
                <li key={backup.name}>
                  <p>
                    <strong>{backup.name}</strong>
                    {backup.created_at && <>, {when(backup.created_at)}</>}
                  </p>
                  {backup.damaged ? (
                    <p className="notice notice-error">Damaged: {backup.damaged}.</p>
                  ) : (
                    <p>
                      {backup.files} files, {formatBytes(backup.copied_bytes ?? 0)} new in it. Last verify:{' '}
                      {backup.verify ? `${backup.verify.ok ? 'OK' : `failed (${backup.verify.problems.join(' ')})`}, ${when(backup.verify.at)}` : 'never'}.
                    </p>
                  )}
                  {!backup.damaged && (
                    <button type="button" className="secondary" disabled={check.busy} onClick={() => verify(backup.name)} aria-label={`Verify ${backup.name}`}>
                      Verify
                    </button>
                  )}
                </li>
              ))}
            </ol>
          )}
          <p className="hint">
            Restore one into an empty data dir, with the server stopped: <code>sakuga backup restore NAME</code>.
          </p>
        </>
      )}
    </section>
  );
}
