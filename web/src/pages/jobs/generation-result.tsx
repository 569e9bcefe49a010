import { Link } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { useApiData } from '../../components/use-api-data';
import { OutputMedia } from '../gallery/output-media';

/** A finished generation on its job page: what it made, and the project version it became. */
export function GenerationResult({ jobId }: { jobId: string }) {
  const made = useApiData(async () => unwrap(await api.GET('/api/jobs/{id}/generation', { params: { path: { id: jobId } } })), [jobId]);
  if (!made.data) return null;
  const { version, project_id } = made.data;
  return (
    <section aria-labelledby="result-heading">
      <h2 id="result-heading">Result</h2>
      {version.outputs.map((output) => (
        <OutputMedia key={output.id} src={output.url} format={output.format} alt={version.prompt} />
      ))}
      <p>
        Seed {version.seed}. <Link to={`/projects/${project_id}`}>Version {version.number} of its project</Link>
      </p>
    </section>
  );
}
