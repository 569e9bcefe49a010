import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { ErrorNotice } from '../../components/form';
import { useApiData } from '../../components/use-api-data';
import { formatBytes } from './job-format';

/** The same-origin URL of one artifact (Range-capable; names are escaped into the path, never read as another path). */
const artifactUrl = (jobId: string, name: string): string => `/api/jobs/${encodeURIComponent(jobId)}/artifacts/${encodeURIComponent(name)}`;

/** Every file the job made, as a download; `version` reloads the list as stages finish. */
export function JobOutputs({ jobId, version }: { jobId: string; version: number }) {
  const list = useApiData(async () => unwrap(await api.GET('/api/jobs/{id}/artifacts', { params: { path: { id: jobId } } })), [jobId, version]);
  const artifacts = list.data?.artifacts ?? [];
  return (
    <section aria-labelledby="files-heading">
      <h2 id="files-heading">Files</h2>
      <ErrorNotice error={list.error} />
      {artifacts.length === 0 ? (
        <p className="muted">{list.loading ? 'Loading…' : 'No files yet.'}</p>
      ) : (
        <ul className="artifacts">
          {artifacts.map((artifact) => (
            <li key={artifact.name}>
              <a href={artifactUrl(jobId, artifact.name)} download={artifact.name}>
                {artifact.name}
              </a>{' '}
              <span className="muted">{formatBytes(artifact.size)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
