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
 * An upload id field that says which file the id names, so a person pasting
 * ids from the uploads page sees at once that it is the right one (and of
 * the right kind) before submitting.
 */
export function UploadField(props: { label: string; name: string; kind: string; hint: string; value: string; required?: boolean; onChange(value: string): void }) {
  const id = useId();
  const [summary, setSummary] = useState<{ text: string; fits: boolean }>();
  const value = props.value.trim();

  useEffect(() => {
    setSummary(undefined);
    if (!UPLOAD_ID.test(value)) return;
    let current = true;
    const lookup = setTimeout(() => {
      void api
        .GET('/api/uploads/{id}', { params: { path: { id: value } } })
        .then((result) => current && setSummary(describeUpload(unwrap(result), props.kind)))
        .catch((error: unknown) => current && setSummary({ text: describeError(error), fits: false }));
    }, 250);
    return () => {
      current = false;
      clearTimeout(lookup);
    };
  }, [value, props.kind]);

  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        required={props.required}
        pattern="\s*[0-9a-f]{32}\s*"
        autoComplete="off"
        spellCheck={false}
        className="mono"
        aria-describedby={`${id}-hint ${id}-check`}
        aria-invalid={summary?.fits === false || undefined}
      />
      <small id={`${id}-hint`} className="hint">
        {props.hint}
      </small>
      <small id={`${id}-check`} className={summary?.fits === false ? 'hint hint-error' : 'hint'} aria-live="polite">
        {summary?.text}
      </small>
    </div>
  );
}
