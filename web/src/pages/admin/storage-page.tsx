import { Link } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { ErrorNotice } from '../../components/form';
import { useApiData } from '../../components/use-api-data';
import { formatBytes } from '../jobs/job-format';

const STATE_WORDS = { active: 'active: wraps new files', decrypt: 'opens older files only', retired: 'retired' } as const;

/** Admins: where files are kept, encryption at rest (its keys and what is left to do), and how much each person's work takes. */
export default function StoragePage() {
  const status = useApiData(async () => unwrap(await api.GET('/api/admin/storage')), []);
  const data = status.data;
  return (
    <section>
      <p>
        <Link to="/admin">Administration</Link>
      </p>
      <h1>Storage</h1>
      <ErrorNotice error={status.error} />
      {status.loading && !data && <p role="status">Loading…</p>}
      {data && (
        <>
          <dl className="facts">
            <dt>Kept in</dt>
            <dd>
              {data.backend === 's3' ? 'S3' : 'Local disk'}, <code>{data.location}</code>
            </dd>
            <dt>Files</dt>
            <dd>
              {data.totals.blobs} ({formatBytes(data.totals.bytes)})
            </dd>
            <dt>Encryption at rest</dt>
            <dd>{data.encryption.enabled ? 'On' : 'Off (ENCRYPTION_AT_REST)'}</dd>
            <dt>Deleted for good</dt>
            <dd>
              {data.shredded.objects} files ({data.shredded.encrypted} encrypted, erased with their keys)
              {data.shredded.in_older_backups > 0 && (
                <>
                  . {data.shredded.in_older_backups} of them could still be opened from a database backup taken before they were deleted, until storage key{' '}
                  {data.shredded.keys.map((kid) => (
                    <code key={kid}>{kid} </code>
                  ))}
                  is rotated out, retired and its file destroyed.
                </>
              )}
            </dd>
          </dl>
          {data.encryption.enabled && (
            <section aria-labelledby="keys-heading" className="stack">
              <h2 id="keys-heading">Keys</h2>
              <p className="hint">The keys are files in the data dir&apos;s secrets/storage-keys: back them up with the database, or encrypted files cannot be read back. Rotate with <code>sakuga keys rotate</code>.</p>
              <ul className="cards" aria-label="Storage keys">
                {data.encryption.keys.map((key) => (
                  <li key={key.kid}>
                    <h3>
                      <code>{key.kid}</code>
                    </h3>
                    <p>
                      {STATE_WORDS[key.state]} · {key.blobs} files · {key.secrets} sign-in secrets · since <time dateTime={key.created_at}>{new Date(key.created_at).toLocaleDateString()}</time>
                    </p>
                  </li>
                ))}
              </ul>
              <p role="status">
                {data.encryption.plaintext_blobs === 0 && data.encryption.rewrap_left === 0 && data.encryption.reseal_left === 0
                  ? 'Every file and sign-in secret is under the active key.'
                  : `In progress: ${data.encryption.plaintext_blobs} files still to encrypt, ${data.encryption.rewrap_left} keys still to re-wrap and ${data.encryption.reseal_left} sign-in secrets still to re-seal under the active key.`}
              </p>
            </section>
          )}
          <h2 id="usage-heading">Usage per person</h2>
          <div className="table-wrap">
            <table aria-labelledby="usage-heading">
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">Job files</th>
                  <th scope="col">Uploads</th>
                </tr>
              </thead>
              <tbody>
                {data.users.map((user) => (
                  <tr key={user.user_id}>
                    <th scope="row">{user.username}</th>
                    <td>{formatBytes(user.artifact_bytes)}</td>
                    <td>{formatBytes(user.upload_bytes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
