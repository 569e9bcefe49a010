import { type FormEvent, useId, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { Reply } from '../../api/types';
import { ConfirmButton } from '../../components/confirm-button';
import { ErrorNotice, Field } from '../../components/form';
import { useAction } from '../../components/use-action';
import { statusLabel } from '../jobs/job-format';
import { MAX_TAGS, parseTags } from './library-query';

export type LibraryItem = Reply<'/api/library', 'get'>['items'][number];

const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);
const day = (iso: string) => new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'long', day: 'numeric' });

/** Title, notes and tags, edited in place. */
function DescribeForm({ item, onSaved, onClose }: { item: LibraryItem; onSaved: (sentence: string) => Promise<void>; onClose: () => void }) {
  const action = useAction();
  const [tagProblem, setTagProblem] = useState<string>();
  const id = useId();

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = parseTags(String(form.get('tags')));
    if (!('tags' in parsed)) {
      setTagProblem('invalid' in parsed ? `“${parsed.invalid}” cannot be a tag: start with a letter or digit, then letters, digits, spaces, dots, dashes or underscores, up to 40 characters.` : `At most ${MAX_TAGS} tags.`);
      return;
    }
    setTagProblem(undefined);
    const notes = String(form.get('notes')).trim();
    const body = { title: String(form.get('title')).trim(), notes: notes || null, tags: parsed.tags };
    void action.run(async () => {
      unwrap(await api.PATCH('/api/jobs/{id}', { params: { path: { id: item.id } }, body }));
      onClose();
      await onSaved(`Saved “${body.title}”.`);
    });
  }

  return (
    <form className="stack" aria-label={`Describe ${item.title}`} onSubmit={save}>
      <Field label="Title" name="title" defaultValue={item.title} required maxLength={200} autoFocus />
      <div className="field">
        <label htmlFor={`${id}-notes`}>Notes</label>
        <textarea id={`${id}-notes`} name="notes" rows={3} maxLength={10_000} defaultValue={item.notes ?? ''} />
      </div>
      <Field label="Tags" name="tags" defaultValue={item.tags.join(', ')} hint="Separated by commas: season 2, teaser" aria-invalid={tagProblem !== undefined} />
      {tagProblem && (
        <p role="alert" className="notice notice-error">
          {tagProblem}
        </p>
      )}
      <ErrorNotice error={action.error} />
      <div className="row">
        <button type="submit" disabled={action.busy}>
          Save
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/**
 * One dub or generation in the library: what it is, its tags (each one a
 * filter), and what can be done with it in this view: describe, archive,
 * trash; in the trash, restore or delete for good.
 */
export function LibraryEntry({ item, hardDelete, onChanged, onTag }: { item: LibraryItem; hardDelete: boolean; onChanged: (sentence: string) => Promise<void>; onTag: (tag: string) => void }) {
  const [editing, setEditing] = useState(false);
  const action = useAction();
  const path = { params: { path: { id: item.id } } };
  const inTrash = item.trashed_at !== null;

  const act = (work: () => Promise<unknown>, sentence: string) =>
    void action.run(async () => {
      await work();
      await onChanged(sentence);
    });

  return (
    <li>
      <Link to={`/jobs/${item.id}`}>{item.title}</Link>
      <span className={`badge badge-${item.status}`}>{statusLabel(item.status)}</span>
      <span className="muted">
        {item.type === 'generate' ? 'Generation' : item.type === 'dub' ? 'Dub' : item.type} · <time dateTime={item.created_at}>{day(item.created_at)}</time>
        {item.deletes_at && ` · deleted for good on ${day(item.deletes_at)}`}
      </span>
      {item.tags.length > 0 && (
        <ul className="tags" aria-label={`Tags of ${item.title}`}>
          {item.tags.map((tag) => (
            <li key={tag}>
              <button type="button" className="tag" onClick={() => onTag(tag)} aria-label={`Show tag ${tag}`}>
                {tag}
              </button>
            </li>
          ))}
        </ul>
      )}
      {item.notes && <p className="notes">{item.notes}</p>}
      {editing ? (
        <DescribeForm item={item} onSaved={onChanged} onClose={() => setEditing(false)} />
      ) : (
        <div className="row item-actions">
          {inTrash ? (
            <>
              <button type="button" disabled={action.busy} aria-label={`Restore ${item.title}`} onClick={() => act(async () => unwrap(await api.POST('/api/jobs/{id}/restore', path)), `Restored “${item.title}”.`)}>
                Restore
              </button>
              {hardDelete && (
                <ConfirmButton
                  label="Delete for good"
                  ariaLabel={`Delete for good: ${item.title}`}
                  question={`Delete “${item.title}” for good? Its files are erased now and cannot be restored.`}
                  yes="Yes, delete it"
                  no="Keep it"
                  onConfirm={async () => {
                    unwrap(await api.DELETE('/api/jobs/{id}/permanently', path));
                    await onChanged(`Deleted “${item.title}” for good.`);
                  }}
                />
              )}
            </>
          ) : (
            <>
              <button type="button" className="secondary" aria-label={`Describe ${item.title}`} onClick={() => setEditing(true)}>
                Describe
              </button>
              {item.archived ? (
                <button type="button" className="secondary" disabled={action.busy} aria-label={`Unarchive ${item.title}`} onClick={() => act(async () => unwrap(await api.POST('/api/jobs/{id}/unarchive', path)), `“${item.title}” is back in the library.`)}>
                  Unarchive
                </button>
              ) : (
                <button type="button" className="secondary" disabled={action.busy} aria-label={`Archive ${item.title}`} onClick={() => act(async () => unwrap(await api.POST('/api/jobs/{id}/archive', path)), `Archived “${item.title}”.`)}>
                  Archive
                </button>
              )}
              {FINISHED.has(item.status) && (
                <button type="button" className="danger" disabled={action.busy} aria-label={`Move to trash: ${item.title}`} onClick={() => act(async () => unwrap(await api.DELETE('/api/jobs/{id}', path)), `Moved “${item.title}” to the trash.`)}>
                  Move to trash
                </button>
              )}
            </>
          )}
        </div>
      )}
      <ErrorNotice error={action.error} />
    </li>
  );
}
