import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { Reply } from '../../api/types';
import { ErrorNotice, SelectField, StatusNotice } from '../../components/form';
import { useAction } from '../../components/use-action';
import { useApiData } from '../../components/use-api-data';
import { OutputMedia } from '../gallery/output-media';

type State = 'listed' | 'hidden';
type Item = Reply<'/api/admin/gallery', 'get'>['items'][number];

const STATES = [
  { value: 'listed', label: 'Public now' },
  { value: 'hidden', label: 'Hidden by an admin' },
] as const;

const what = (item: Item) => `${item.kind === 'video' ? 'clip' : 'picture'} by ${item.owner}`;

/** Every item of one state, page after page as the admin asks for more. */
async function loadAll(state: State, pages: number): Promise<{ items: Item[]; more: boolean }> {
  const items: Item[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < pages; page++) {
    const reply = unwrap(await api.GET('/api/admin/gallery', { params: { query: { state, limit: 48, ...(cursor && { cursor }) } } }));
    items.push(...reply.items);
    cursor = reply.next_cursor;
    if (!cursor) break;
  }
  return { items, more: cursor !== undefined };
}

/**
 * Admins: what the public gallery shows now, and what was hidden. Hiding
 * takes an item out of the gallery and stops its share links; its owner still
 * sees it, marked hidden. Showing it again undoes that.
 */
export default function GalleryModerationPage() {
  const [state, setState] = useState<State>('listed');
  const [pages, setPages] = useState(1);
  const list = useApiData(() => loadAll(state, pages), [state, pages]);
  const action = useAction();

  function setHidden(item: Item, hidden: boolean) {
    void action.run(async () => {
      unwrap(await api.POST('/api/gallery/items/{id}/hide', { params: { path: { id: item.id } }, body: { hidden } }));
      await list.reload();
      return hidden ? `Hid the ${what(item)}: it is out of the gallery and its share links stop working.` : `The ${what(item)} is back in the gallery.`;
    });
  }

  return (
    <section>
      <p>
        <Link to="/admin">Administration</Link>
      </p>
      <h1>Gallery moderation</h1>
      <SelectField
        label="Show"
        value={state}
        options={STATES}
        onChange={(event) => {
          setState(event.target.value as State);
          setPages(1);
        }}
      />
      <ErrorNotice error={list.error ?? action.error} />
      <StatusNotice>{action.status}</StatusNotice>
      {list.loading && !list.data && <p role="status">Loading…</p>}
      {list.data && list.data.items.length === 0 && <p>{state === 'listed' ? 'Nothing is public.' : 'Nothing is hidden.'}</p>}
      <ul className="gallery-grid" aria-label={state === 'listed' ? 'Public items' : 'Hidden items'}>
        {list.data?.items.map((item) => (
          <li key={item.id}>
            <OutputMedia src={item.file_url} format={item.format} alt={`A ${what(item)}`} thumbnail />
            <p className="hint">
              {item.owner}
              {item.display_name && ` (shown as ${item.display_name})`} · {item.visibility}
            </p>
            <button type="button" className={item.hidden_at ? 'secondary' : 'danger'} disabled={action.busy} onClick={() => setHidden(item, !item.hidden_at)} aria-label={`${item.hidden_at ? 'Show again' : 'Hide'}: the ${what(item)}`}>
              {item.hidden_at ? 'Show again' : 'Hide'}
            </button>
          </li>
        ))}
      </ul>
      {list.data?.more && (
        <button type="button" className="secondary" onClick={() => setPages(pages + 1)} disabled={list.loading}>
          Show more
        </button>
      )}
    </section>
  );
}
