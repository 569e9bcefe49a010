import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { Reply } from '../../api/types';
import { ErrorNotice, StatusNotice } from '../../components/form';
import { useAction } from '../../components/use-action';
import { useApiData } from '../../components/use-api-data';
import { OutputMedia } from '../gallery/output-media';

type Project = Reply<'/api/projects/{id}', 'get'>;
type Version = Project['versions'][number];
type Output = Version['outputs'][number];

/** Where "branch from this version" leads: the generate form, filled from the version. */
function branchLink(project: Project, version: Version): string {
  const query = new URLSearchParams({ project: project.id, parent: version.id, prompt: version.prompt });
  if (typeof version.params.template === 'string') query.set('template', version.params.template);
  return `/generate?${query}`;
}

/** Publish or unpublish one output, and make a share link for it (shown once: only its hash is kept). */
function OutputActions({ output, onChanged }: { output: Output; onChanged(): void }) {
  const action = useAction();
  const [link, setLink] = useState<string>();
  const publish = (visibility: 'public' | 'private') =>
    action.run(async () => {
      unwrap(await api.PUT('/api/gallery/items/{id}/visibility', { params: { path: { id: output.id } }, body: { visibility } }));
      onChanged();
      return visibility === 'public' ? 'Published in the gallery.' : 'Private again.';
    });
  const share = () =>
    action.run(async () => {
      const made = unwrap(await api.POST('/api/gallery/items/{id}/shares', { params: { path: { id: output.id } }, body: {} }));
      setLink(new URL(made.path, window.location.origin).href);
      return 'A share link was made; it works for 30 days unless revoked.';
    });
  return (
    <div className="stack">
      <div className="row">
        {output.visibility === 'private' ? (
          <button type="button" disabled={action.busy} onClick={() => void publish('public')}>
            Publish
          </button>
        ) : (
          <button type="button" className="secondary" disabled={action.busy} onClick={() => void publish('private')}>
            Make private
          </button>
        )}
        <button type="button" className="secondary" disabled={action.busy} onClick={() => void share()}>
          Share link
        </button>
      </div>
      {output.hidden && <p className="hint">An admin hid this from the gallery.</p>}
      {link && (
        <p>
          <label>
            Share link (copy it now; it is not shown again){' '}
            <input readOnly value={link} onFocus={(event) => event.target.select()} />
          </label>
        </p>
      )}
      <StatusNotice>{action.status}</StatusNotice>
      <ErrorNotice error={action.error} />
    </div>
  );
}

function VersionCard({ project, version, head, comparing, onCompare, onChanged }: { project: Project; version: Version; head: boolean; comparing: boolean; onCompare(): void; onChanged(): void }) {
  const restore = useAction();
  const parent = project.versions.find((candidate) => candidate.id === version.parent_id);
  return (
    <li className="card version" aria-current={head ? 'true' : undefined}>
      <h2>
        Version {version.number}
        {head && <span className="badge">Current</span>}
      </h2>
      <p>{version.prompt}</p>
      <p className="hint">
        Seed {version.seed}
        {parent ? `, from version ${parent.number}` : ''}, <time dateTime={version.created_at}>{new Date(version.created_at).toLocaleString()}</time>
      </p>
      {version.outputs.map((output) => (
        <figure key={output.id}>
          <OutputMedia src={output.url} format={output.format} alt={`Version ${version.number}: ${version.prompt}`} />
          <figcaption>
            {output.width && output.height ? `${output.width} × ${output.height}` : output.kind}, {output.visibility === 'public' ? 'public' : 'private'}
          </figcaption>
          <OutputActions output={output} onChanged={onChanged} />
        </figure>
      ))}
      <div className="row">
        <Link to={branchLink(project, version)}>Branch from this version</Link>
        {!head && (
          <button
            type="button"
            className="secondary"
            disabled={restore.busy}
            onClick={() =>
              void restore.run(async () => {
                unwrap(await api.POST('/api/projects/{id}/restore', { params: { path: { id: project.id } }, body: { version_id: version.id } }));
                onChanged();
              })
            }
          >
            Restore this version
          </button>
        )}
        <label className="choice">
          <input type="checkbox" checked={comparing} onChange={onCompare} /> Compare
        </label>
      </div>
      <ErrorNotice error={restore.error} />
    </li>
  );
}

/** Two versions side by side: their pictures, and what differs between their settings. */
function Comparison({ versions }: { versions: readonly Version[] }) {
  if (versions.length !== 2) return null;
  const [a, b] = versions as [Version, Version];
  const keys = [...new Set([...Object.keys(a.params), ...Object.keys(b.params), 'seed', 'prompt'])];
  const valueOf = (version: Version, key: string) => String(key === 'seed' ? version.seed : key === 'prompt' ? version.prompt : (version.params[key] ?? '—'));
  const differing = keys.filter((key) => valueOf(a, key) !== valueOf(b, key));
  return (
    <section aria-labelledby="compare-heading" className="compare">
      <h2 id="compare-heading">
        Version {a.number} and version {b.number}
      </h2>
      <div className="compare-grid">
        {[a, b].map((version) => (
          <figure key={version.id}>
            {version.outputs[0] && <OutputMedia src={version.outputs[0].url} format={version.outputs[0].format} alt={`Version ${version.number}`} />}
            <figcaption>Version {version.number}</figcaption>
          </figure>
        ))}
      </div>
      {differing.length === 0 ? (
        <p>Same settings.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Setting</th>
              <th scope="col">Version {a.number}</th>
              <th scope="col">Version {b.number}</th>
            </tr>
          </thead>
          <tbody>
            {differing.map((key) => (
              <tr key={key}>
                <th scope="row">{key}</th>
                <td>{valueOf(a, key)}</td>
                <td>{valueOf(b, key)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** One project: its versions newest first, each with its outputs, branch, restore, publish and share; two can be compared. */
export default function ProjectPage() {
  const { id = '' } = useParams();
  const project = useApiData(async () => unwrap(await api.GET('/api/projects/{id}', { params: { path: { id } } })), [id]);
  const [compare, setCompare] = useState<string[]>([]);
  if (project.error && !project.data) return <ErrorNotice error={project.error} />;
  if (!project.data) return <p role="status">Loading the project…</p>;
  const data = project.data;
  const toggle = (versionId: string) => setCompare((current) => (current.includes(versionId) ? current.filter((x) => x !== versionId) : [...current, versionId].slice(-2)));
  return (
    <section>
      <p>
        <Link to="/projects">All projects</Link>
      </p>
      <h1>{data.name}</h1>
      <p>
        <Link to={`/generate?project=${data.id}`}>Generate a new version</Link>
      </p>
      {data.versions.length === 0 && <p>No versions yet.</p>}
      <Comparison versions={data.versions.filter((version) => compare.includes(version.id))} />
      <ol className="cards versions" reversed>
        {[...data.versions].reverse().map((version) => (
          <VersionCard
            key={version.id}
            project={data}
            version={version}
            head={version.id === data.head_version_id}
            comparing={compare.includes(version.id)}
            onCompare={() => toggle(version.id)}
            onChanged={() => void project.reload()}
          />
        ))}
      </ol>
    </section>
  );
}
