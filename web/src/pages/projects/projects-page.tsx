import { Link } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { ErrorNotice } from '../../components/form';
import { useApiData } from '../../components/use-api-data';

/** A person's generation projects, most recently changed first. */
export default function ProjectsPage() {
  const projects = useApiData(async () => unwrap(await api.GET('/api/projects', { params: { query: { limit: 100 } } })), []);
  return (
    <section>
      <h1>Projects</h1>
      <p>
        <Link to="/generate">Generate an image or a clip</Link>
      </p>
      <ErrorNotice error={projects.error} />
      {projects.data && projects.data.projects.length === 0 && <p>No projects yet: your first generation starts one.</p>}
      <ul className="cards">
        {projects.data?.projects.map((project) => (
          <li key={project.id}>
            <Link to={`/projects/${project.id}`}>{project.name}</Link>
            <p className="hint">
              Changed <time dateTime={project.updated_at}>{new Date(project.updated_at).toLocaleString()}</time>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
