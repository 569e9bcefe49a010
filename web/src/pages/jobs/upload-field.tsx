import { useEffect, useId, useState } from 'react';
import { api } from '../../api/client';
import { describeError, unwrap } from '../../api/errors';
import type { Reply } from '../../api/types';

type Upload = Reply<'/api/uploads/{id}', 'get'>;
const UPLOAD_ID = /^[0-9a-f]{32}$/;

/** One line on what an upload id names: its file, kind and state, or why it does not fit. */
function describeUpload(upload: Upload, kind: string): { text: string; fits: boolean } {
  if (upload.kind !== kind) return { text: `${upload.filename} is a ${upload.kind} upload; this needs ${kind}.`, fits: false };
  if (upload.status !== 'accepted') return { text: `${upload.filename} is ${upload.status === 'rejected' ? 'rejected' : 'still being checked'}.`, fits: false };
  return { text: `${upload.filename}, ready.`, fits: true };
}

/**
 * Picks one of the person's accepted uploads of the kind this input needs,
 * by file name. An id given in the address (`/jobs/new?upload=…`) that is not
 * among them is looked up, so the person sees which file it names and
 * whether it fits before submitting.
 */
export function UploadField(props: {
  label: string;
  name: string;
  kind: string;
  hint: string;
  value: string;
  required?: boolean;
  choices: readonly Upload[];
  onChange(value: string): void;
}) {
  const id = useId();
  const [summary, setSummary] = useState<{ text: string; fits: boolean }>();
  const value = props.value.trim();
  const options = props.choices.filter((upload) => upload.kind === props.kind && upload.status === 'accepted');
  const listed = options.some((upload) => upload.id === value);

  useEffect(() => {
    setSummary(undefined);
    if (listed || !UPLOAD_ID.test(value)) return;
    let current = true;
    void api
      .GET('/api/uploads/{id}', { params: { path: { id: value } } })
      .then((result) => current && setSummary(describeUpload(unwrap(result), props.kind)))
      .catch((error: unknown) => current && setSummary({ text: describeError(error), fits: false }));
    return () => {
      current = false;
    };
  }, [value, listed, props.kind]);

  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        name={props.name}
        value={value}
        onChange={(event) => props.onChange(event.target.value)}
        required={props.required}
        aria-describedby={`${id}-hint ${id}-check`}
        aria-invalid={summary?.fits === false || undefined}
      >
        <option value="">{props.required ? 'Choose one' : 'None'}</option>
        {value && !listed && <option value={value}>{summary?.text ?? 'Checking…'}</option>}
        {options.map((upload) => (
          <option key={upload.id} value={upload.id}>
            {upload.filename} · {new Date(upload.created_at).toLocaleString()}
          </option>
        ))}
      </select>
      <small id={`${id}-hint`} className="hint">
        {props.hint}
      </small>
      <small id={`${id}-check`} className={summary?.fits === false ? 'hint hint-error' : 'hint'} aria-live="polite">
        {summary?.fits === false ? summary.text : undefined}
      </small>
    </div>
  );
}
