import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { ErrorNotice, Field, SelectField } from '../../components/form';
import { useApiData } from '../../components/use-api-data';
import { UploadField } from '../jobs/upload-field';
import { useJobSubmission } from '../jobs/use-job-submission';
import { useUploads } from '../uploads/use-uploads';
import { generateJobBody, type GenerateFormValues, initialGenerateValues, MAX_FRAMES, MAX_STEPS, promptLength, SIZES } from './generate-form';

/** A new image or clip: a template, a prompt with its counter, size, seed, a reference image where the template redraws one, and the project it lands in. */
export default function GeneratePage() {
  const [search] = useSearchParams();
  const [values, setValues] = useState<GenerateFormValues>(() => initialGenerateValues(search));
  const { busy, error, submit: submitJob } = useJobSubmission();
  const templates = useApiData(async () => unwrap(await api.GET('/api/generation/templates')), []);
  const projects = useApiData(async () => unwrap(await api.GET('/api/projects', { params: { query: { limit: 100 } } })), []);
  const usage = useApiData(async () => unwrap(await api.GET('/api/usage')), []);
  const uploads = useUploads();
  const set = (change: Partial<GenerateFormValues>) => setValues((current) => ({ ...current, ...change }));
  const template = templates.data?.templates.find((candidate) => candidate.name === values.template);
  const promptMax = templates.data?.prompt_max ?? 500;
  const length = promptLength(values.prompt);
  const takes = (param: string) => template?.params.includes(param) ?? false;
  const left = usage.data?.generations.remaining;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (template) void submitJob(generateJobBody(values, template));
  }

  return (
    <section>
      <h1>Generate</h1>
      <p>
        An image or a clip from a prompt. It becomes a version of a project: see <Link to="/projects">your projects</Link>.
      </p>
      {left !== undefined && left !== null && <p className="hint">{left === 0 ? 'You have no generations left today.' : `${left} generations left today.`}</p>}
      <form className="stack" onSubmit={submit} aria-describedby="generate-errors">
        <ErrorNotice error={templates.error} />
        <SelectField label="Template" name="template" value={values.template} onChange={(event) => set({ template: event.target.value })} required>
          {templates.data?.templates.map((candidate) => (
            <option key={candidate.name} value={candidate.name}>
              {candidate.title}
            </option>
          ))}
        </SelectField>

        <div className="field">
          <label htmlFor="prompt">Prompt</label>
          <textarea
            id="prompt"
            name="prompt"
            rows={4}
            required
            value={values.prompt}
            onChange={(event) => set({ prompt: event.target.value })}
            aria-describedby="prompt-count"
            aria-invalid={length > promptMax}
          />
          <small id="prompt-count" className={length > promptMax ? 'hint notice-error' : 'hint'} aria-live="polite">
            {length} of {promptMax} characters
          </small>
        </div>
        {takes('negative_prompt') && (
          <Field label="Leave out (negative prompt)" name="negative_prompt" value={values.negativePrompt} onChange={(event) => set({ negativePrompt: event.target.value })} />
        )}
        {takes('width') && takes('height') && (
          <SelectField label="Size" name="size" value={values.size} onChange={(event) => set({ size: event.target.value })}>
            <option value="">The template's ({template?.defaults.width ?? '?'} × {template?.defaults.height ?? '?'})</option>
            {SIZES.map((size) => (
              <option key={size} value={size}>
                {size.replace('x', ' × ')}
              </option>
            ))}
          </SelectField>
        )}
        {takes('seed') && (
          <Field label="Seed" name="seed" inputMode="numeric" pattern="[0-9]*" value={values.seed} onChange={(event) => set({ seed: event.target.value })} hint="Empty: a new one each time (kept with the result, to make it again)." />
        )}
        {takes('steps') && (
          <Field label="Steps" name="steps" inputMode="numeric" pattern="[0-9]*" value={values.steps} onChange={(event) => set({ steps: event.target.value })} hint={`Empty: the template's ${template?.defaults.steps ?? ''}. More steps, more detail and a longer wait (1 to ${MAX_STEPS}).`} />
        )}
        {takes('frames') && (
          <Field label="Frames" name="frames" inputMode="numeric" pattern="[0-9]*" value={values.frames} onChange={(event) => set({ frames: event.target.value })} hint={`Empty: the template's ${template?.defaults.frames ?? ''}. The clip's length in frames (1 to ${MAX_FRAMES}).`} />
        )}
        {takes('reference') && (
          <UploadField
            label="Reference image"
            name="reference_upload_id"
            kind="image"
            required
            hint="An accepted image from your uploads, redrawn by the template."
            choices={uploads.uploads}
            value={values.referenceUploadId}
            onChange={(referenceUploadId) => set({ referenceUploadId })}
          />
        )}
        <SelectField label="Project" name="project_id" value={values.projectId} onChange={(event) => set({ projectId: event.target.value, parentVersionId: '' })}>
          <option value="">A new project, named after the prompt</option>
          {projects.data?.projects.map((project) => (
            <option key={project.id} value={project.id}>
              {project.name}
            </option>
          ))}
        </SelectField>
        {values.parentVersionId && <p className="hint">Branching from an earlier version of this project.</p>}

        <div id="generate-errors">
          <ErrorNotice error={error} />
        </div>
        <button type="submit" disabled={busy || !template || length > promptMax}>
          {busy ? 'Submitting…' : 'Generate'}
        </button>
      </form>
    </section>
  );
}
