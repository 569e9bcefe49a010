import { type ReactNode, type SelectHTMLAttributes, useId } from 'react';

/** A labelled <select>, the dropdown twin of Field. */
export function SelectField({ label, children, ...select }: { label: string; children: ReactNode } & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} {...select}>
        {children}
      </select>
    </div>
  );
}

export const ROLE_OPTIONS = [
  { value: 'viewer', label: 'Viewer: sees their own jobs' },
  { value: 'operator', label: 'Operator: uploads and runs jobs' },
  { value: 'editor', label: 'Editor: also reviews and edits dubs' },
  { value: 'admin', label: 'Admin: everything, including users' },
] as const;
