import { type InputHTMLAttributes, type ReactNode, useId } from 'react';
import { describeError } from '../api/errors';

/** A labelled input with an optional hint, announced together by screen readers. */
export function Field({ label, hint, ...input }: { label: string; hint?: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-describedby={hint ? hintId : undefined} {...input} />
      {hint && (
        <small id={hintId} className="hint">
          {hint}
        </small>
      )}
    </div>
  );
}

/** A failure, as a sentence; role=alert makes screen readers say it at once. */
export function ErrorNotice({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p role="alert" className="notice notice-error">
      {describeError(error)}
    </p>
  );
}

/** A polite status line (saved, sent, …). */
export function StatusNotice({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <p role="status" className="notice notice-ok">
      {children}
    </p>
  );
}
