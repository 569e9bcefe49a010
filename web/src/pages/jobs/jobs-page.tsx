import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { ErrorNotice, Field, SelectField } from '../../components/form';
import { Pager } from '../../components/pager';
import { useApiData } from '../../components/use-api-data';
import { percent, statusLabel } from './job-format';
import { apiQueryOf, filtersFromSearch, type ListFilters, nextPage, previousPage, searchFromFilters, STATUS_CHOICES, TYPE_CHOICES, withFilter } from './list-query';

const PAGE_SIZE = 10;

/** The person's jobs, newest first, filtered and paged through the address bar. */
export default function JobsPage() {
  const [search, setSearch] = useSearchParams();
  const filters = filtersFromSearch(search);
  const query = searchFromFilters(filters);
  const list = useApiData(async () => unwrap(await api.GET('/api/jobs', { params: { query: apiQueryOf(filtersFromSearch(query), PAGE_SIZE) } })), [query]);
  const go = (next: ListFilters) => setSearch(searchFromFilters(next));
  const page = filters.cursors.length + 1;

  function applyFilters(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    go(filtersFromSearch(new URLSearchParams({ status: String(form.get('status')), type: String(form.get('type')), q: String(form.get('q')) })));
  }

  return (
    <section>
      <div className="row spread">
        <h1>Your jobs</h1>
        <Link className="button" to="/jobs/new">
          New dub
        </Link>
      </div>
      {/* key: the form shows the address bar's filters again after Back or Forward. */}
      <form key={query} className="filters" role="search" aria-label="Filter jobs" onSubmit={applyFilters}>
        <SelectField label="Status" name="status" defaultValue={filters.status ?? ''} options={STATUS_CHOICES}>
          <option value="">Any status</option>
        </SelectField>
        <SelectField label="Kind" name="type" defaultValue={filters.type ?? ''} options={TYPE_CHOICES}>
          <option value="">Any kind</option>
        </SelectField>
        <Field label="Title contains" name="q" type="search" defaultValue={filters.q ?? ''} maxLength={200} />
        <div className="row">
          <button type="submit">Show</button>
          {(filters.status || filters.type || filters.q) && (
            <button type="button" className="secondary" onClick={() => go(withFilter(filters, { status: undefined, type: undefined, q: undefined }))}>
              Clear filters
            </button>
          )}
        </div>
      </form>

      <ErrorNotice error={list.error} />
      <div aria-live="polite" aria-busy={list.loading}>
        {list.loading ? (
          <p role="status">Loading jobs…</p>
        ) : list.data && list.data.jobs.length === 0 ? (
          <p>{page > 1 ? 'No more jobs.' : filters.status || filters.type || filters.q ? 'No job matches these filters.' : 'No jobs yet.'}</p>
        ) : (
          <ul className="job-list" aria-label={`Jobs, page ${page}`}>
            {list.data?.jobs.map((job) => (
              <li key={job.id}>
                <Link to={`/jobs/${job.id}`}>{job.title}</Link>
                <span className={`badge badge-${job.status}`}>{statusLabel(job.status)}</span>
                <span className="muted">
                  {job.type} · <time dateTime={job.created_at}>{new Date(job.created_at).toLocaleString()}</time>
                  {job.status === 'running' && ` · ${percent(job.progress)}`}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <Pager page={page} nextCursor={list.data?.next_cursor} onPrevious={() => go(previousPage(filters))} onNext={(cursor) => go(nextPage(filters, cursor))} />
    </section>
  );
}
