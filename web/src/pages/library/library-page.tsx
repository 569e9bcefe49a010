import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { ConfirmButton } from '../../components/confirm-button';
import { ErrorNotice, Field, SelectField, StatusNotice } from '../../components/form';
import { Pager } from '../../components/pager';
import { useApiData } from '../../components/use-api-data';
import { nextPage, previousPage } from '../jobs/list-query';
import { LibraryEntry } from './library-item';
import { KIND_CHOICES, type LibraryFilters, libraryApiQuery, libraryFiltersFromSearch, searchFromLibraryFilters, VIEWS, withLibraryFilter } from './library-query';

const PAGE_SIZE = 20;

/** "1 item", "3 items". */
const items = (count: number) => `${count} ${count === 1 ? 'item' : 'items'}`;

/** The person's dubs and generations: search, tags, archive, and the trash with restore and empty. */
export default function LibraryPage() {
  const [search, setSearch] = useSearchParams();
  const filters = libraryFiltersFromSearch(search);
  const query = searchFromLibraryFilters(filters);
  const list = useApiData(async () => unwrap(await api.GET('/api/library', { params: { query: libraryApiQuery(libraryFiltersFromSearch(query), PAGE_SIZE) } })), [query]);
  const [done, setDone] = useState<string>();
  const go = (next: LibraryFilters) => {
    setDone(undefined);
    setSearch(searchFromLibraryFilters(next));
  };
  const page = filters.cursors.length + 1;
  const view = VIEWS.find((choice) => choice.value === filters.view)!;
  const filtered = Boolean(filters.q || filters.tag || filters.type);

  async function changed(sentence: string) {
    setDone(sentence);
    await list.reload();
  }

  function applySearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const type = KIND_CHOICES.find((choice) => choice.value === form.get('type'))?.value;
    go(withLibraryFilter(filters, { q: String(form.get('q')).trim() || undefined, type }));
  }

  return (
    <section>
      <h1>Library</h1>
      <nav aria-label="Library views" className="row tabs">
        {VIEWS.map((choice) => (
          <Link key={choice.value} to={`?${searchFromLibraryFilters(withLibraryFilter(filters, { view: choice.value }))}`} aria-current={choice.value === filters.view ? 'page' : undefined}>
            {choice.label}
          </Link>
        ))}
      </nav>

      {/* key: the form shows the address bar's filters again after Back or Forward. */}
      <form key={query} className="filters" role="search" aria-label="Search the library" onSubmit={applySearch}>
        <Field label="Search" name="q" type="search" defaultValue={filters.q ?? ''} maxLength={200} hint="Words of the title, notes or tags" />
        <SelectField label="Kind" name="type" defaultValue={filters.type ?? ''} options={KIND_CHOICES}>
          <option value="">Dubs and generations</option>
        </SelectField>
        <div className="row">
          <button type="submit">Search</button>
          {filtered && (
            <button type="button" className="secondary" onClick={() => go(withLibraryFilter(filters, { q: undefined, tag: undefined, type: undefined }))}>
              Clear
            </button>
          )}
        </div>
      </form>
      {filters.tag && (
        <p className="row">
          Tagged <strong>{filters.tag}</strong>
          <button type="button" className="link-button" onClick={() => go(withLibraryFilter(filters, { tag: undefined }))}>
            Show every tag
          </button>
        </p>
      )}

      {filters.view === 'trash' && list.data && (
        <div className="stack">
          <p>
            What you put in the trash is deleted for good {list.data.trash_days} days later; until then you can restore it.
            {!list.data.hard_delete && ' This server does not delete anything sooner.'}
          </p>
          {list.data.hard_delete && list.data.items.length > 0 && page === 1 && !filtered && (
            <div>
              <ConfirmButton
                label="Empty the trash"
                question="Delete everything in the trash for good? Its files are erased now and cannot be restored."
                yes="Yes, empty the trash"
                no="Keep them"
                onConfirm={async () => {
                  const report = unwrap(await api.POST('/api/library/trash/empty'));
                  await changed(`Emptied the trash: ${items(report.jobs)} deleted for good.`);
                }}
              />
            </div>
          )}
        </div>
      )}
      <StatusNotice>{done}</StatusNotice>
      <ErrorNotice error={list.error} />
      <div aria-live="polite" aria-busy={list.loading}>
        {list.loading ? (
          <p role="status">Loading the library…</p>
        ) : list.data && list.data.items.length === 0 ? (
          <p>{page > 1 ? 'Nothing more.' : filtered ? 'Nothing matches this search.' : filters.view === 'trash' ? 'The trash is empty.' : filters.view === 'archived' ? 'Nothing archived.' : 'Nothing here yet: your dubs and generations appear here.'}</p>
        ) : (
          <ul className="job-list library-list" aria-label={`${view.label}, page ${page}`}>
            {list.data?.items.map((item) => (
              <LibraryEntry key={item.id} item={item} hardDelete={list.data?.hard_delete ?? false} onChanged={changed} onTag={(tag) => go(withLibraryFilter(filters, { tag }))} />
            ))}
          </ul>
        )}
      </div>
      <Pager page={page} nextCursor={list.data?.next_cursor} onPrevious={() => go(previousPage(filters))} onNext={(cursor) => go(nextPage(filters, cursor))} />
    </section>
  );
}
