import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, useId } from 'react';
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

/** One choice of a SelectField. */
export type SelectOption = { readonly value: string; readonly label: string };

/**
 * A labelled <select>, the dropdown twin of Field: `options` become <option>s
 * after any `children` (a "no choice" option, optgroups).
 */
export function SelectField({
  label,
  hint,
  options,
  children,
  ...select
}: { label: string; hint?: ReactNode; options?: readonly SelectOption[]; children?: ReactNode } & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} aria-describedby={hint ? hintId : undefined} {...select}>
        {children}
        {options?.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
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
