import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { ApiError, unwrap } from '../../api/errors';
import type { Body, Reply } from '../../api/types';
import { ConfirmButton } from '../../components/confirm-button';
import { ErrorNotice, Field, StatusNotice } from '../../components/form';
import { useAction } from '../../components/use-action';
import { useApiData } from '../../components/use-api-data';
import { problemsOf, readTemplateFile } from './template-file';

type Template = Reply<'/api/generation/templates', 'get'>['templates'][number];

/** A failure to install, with the server's list of what is wrong with the template when it gives one. */
function InstallError({ error }: { error: unknown }) {
  const problems = error instanceof ApiError ? problemsOf(error) : [];
  return (
    <>
      <ErrorNotice error={error} />
      {problems.length > 0 && (
        <ul aria-label="What is wrong with the template" className="problems">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
    </>
  );
}

function InstallForm({ onInstalled }: { onInstalled: () => Promise<void> }) {
  const action = useAction();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const file = new FormData(formElement).get('template');
    void action.run(async () => {
      const body: Body<'/api/generation/templates', 'post'> = await readTemplateFile(file);
      const installed = unwrap(await api.POST('/api/generation/templates', { body }));
      formElement.reset();
      await onInstalled();
      return `Installed “${installed.title}” (${installed.name}). People can choose it on the Generate page.`;
    });
  }

  return (
    <form className="stack" aria-labelledby="install-template" onSubmit={submit}>
      <h2 id="install-template">Install a template</h2>
      <Field
        label="Template file"
        name="template"
        type="file"
        accept=".json,application/json"
        required
        hint={
          <>
            A JSON file with <code>name</code>, <code>title</code>, <code>output</code>, <code>defaults</code>, <code>params</code> (each of Sakuga&apos;s parameters → the node and input it sets) and{' '}
            <code>graph</code> (the workflow from ComfyUI&apos;s “Save (API Format)”). It is checked against the engine first; installing a name again replaces it.
          </>
        }
      />
      <InstallError error={action.error} />
      <StatusNotice>{action.status}</StatusNotice>
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Checking…' : 'Install'}
      </button>
    </form>
  );
}

/** Removing asks first: people may be choosing it right now. */
function RemoveTemplate({ template, onRemoved }: { template: Template; onRemoved: (title: string) => Promise<void> }) {
  return (
    <ConfirmButton
      label="Remove"
      ariaLabel={`Remove ${template.title}`}
      className="secondary"
      question={`Remove “${template.title}”? Jobs already made with it keep their results.`}
      yes="Yes, remove it"
      no="Keep it"
      onConfirm={async () => {
        unwrap(await api.DELETE('/api/generation/templates/{name}', { params: { path: { name: template.name } } }));
        await onRemoved(template.title);
      }}
    />
  );
}

/** Admins: the workflow templates people generate with; install your own from a file, remove them again. */
export default function TemplatesPage() {
  const templates = useApiData(async () => unwrap(await api.GET('/api/generation/templates')), []);
  const [removed, setRemoved] = useState<string>();

  async function afterRemoving(title: string) {
    await templates.reload();
    setRemoved(`Removed “${title}”.`);
  }

  return (
    <section>
      <p>
        <Link to="/admin">Administration</Link>
      </p>
      <h1>Workflow templates</h1>
      <p>People choose one of these on the Generate page and fill in its parameters; nobody sends ComfyUI a graph of their own, as its custom nodes run any code.</p>
      <ErrorNotice error={templates.error} />
      <StatusNotice>{removed}</StatusNotice>
      {templates.data && (
        <ul className="cards" aria-label="Templates">
          {templates.data.templates.map((template) => (
            <li key={template.name}>
              <h3>{template.title}</h3>
              <p>
                <code>{template.name}</code> · {template.output === 'video' ? 'clips' : 'pictures'} · {template.builtin ? 'ships with Sakuga' : 'installed here'}
              </p>
              <p>Takes: {template.params.join(', ')}.</p>
              {!template.builtin && <RemoveTemplate template={template} onRemoved={afterRemoving} />}
            </li>
          ))}
        </ul>
      )}
      <InstallForm onInstalled={templates.reload} />
    </section>
  );
}
