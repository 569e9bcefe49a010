import { type FormEvent, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { type AuditEvent, AuditEventList } from '../../components/audit-event-list';
import { ACTION_FAMILIES, ACTION_WORDS } from '../../components/audit-words';
import { ErrorNotice, Field, SelectField } from '../../components/form';
import { useApiData } from '../../components/use-api-data';
import { loadUsers, usernamesById } from './admin-users';
import { filtersFromForm, filtersFromSearch, toLocalInput } from './audit-filters';

const PAGE_SIZE = 50;

/** Every security event on the server, filtered by action, person, outcome and time, older pages on demand. */
export default function AuditPage() {
  const [search, setSearch] = useSearchParams();
  const filters = filtersFromSearch(search);
  const key = JSON.stringify(filters);
  const users = useApiData(loadUsers, []);
  const names = usernamesById(users.data);
  const first = useApiData(async () => unwrap(await api.GET('/api/admin/audit', { params: { query: { ...filters, limit: PAGE_SIZE } } })), [key]);
  const [older, setOlder] = useState<{ events: AuditEvent[]; cursor: string | null }>();
  const [olderError, setOlderError] = useState<unknown>();
  useEffect(() => setOlder(undefined), [first.data]);

  const events = [...(first.data?.events ?? []), ...(older?.events ?? [])];
  const cursor = older ? older.cursor : (first.data?.next_cursor ?? null);

  async function loadOlder() {
    if (!cursor) return;
    setOlderError(undefined);
    try {
      const page = unwrap(await api.GET('/api/admin/audit', { params: { query: { ...filters, limit: PAGE_SIZE, cursor } } }));
      setOlder({ events: [...(older?.events ?? []), ...page.events], cursor: page.next_cursor });
    } catch (failure) {
      setOlderError(failure);
    }
  }

  function applyFilters(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = Object.fromEntries([...new FormData(event.currentTarget)].map(([name, value]) => [name, String(value)]));
    setSearch(filtersFromForm(values));
  }

  return (
    <section>
      <p>
        <Link to="/admin">Administration</Link>
      </p>
      <h1>Audit log</h1>
      <form className="stack filters" aria-label="Filter events" onSubmit={applyFilters} key={key}>
        <div className="filter-grid">
          <SelectField label="Action" name="action" defaultValue={filters.action ?? ''}>
            <option value="">Any action</option>
            {ACTION_FAMILIES.map((family) => (
              <optgroup key={family.value} label={family.label}>
                <option value={family.value}>All: {family.label.toLowerCase()}</option>
                {Object.entries(ACTION_WORDS)
                  .filter(([action]) => action.startsWith(`${family.value}.`))
                  .map(([action, words]) => (
                    <option key={action} value={action}>
                      {words}
                    </option>
                  ))}
              </optgroup>
            ))}
          </SelectField>
          <SelectField label="Person" name="actor" defaultValue={filters.actor ?? ''}>
            <option value="">Anyone</option>
            {(users.data ?? []).map((user) => (
              <option key={user.id} value={user.id}>
                {user.username}
              </option>
            ))}
          </SelectField>
          <SelectField label="Result" name="result" defaultValue={filters.result ?? ''}>
            <option value="">Any result</option>
            <option value="success">Succeeded</option>
            <option value="failure">Failed</option>
            <option value="denied">Refused</option>
          </SelectField>
          <Field label="From" name="from" type="datetime-local" defaultValue={toLocalInput(filters.from)} />
          <Field label="Until" name="to" type="datetime-local" defaultValue={toLocalInput(filters.to)} />
        </div>
        <div className="row">
          <button type="submit">Show events</button>
          <button type="button" className="secondary" onClick={() => setSearch(new URLSearchParams())}>
            Clear filters
          </button>
        </div>
      </form>
      <h2>Events</h2>
      <ErrorNotice error={first.error ?? users.error} />
      {first.loading && <p role="status">Loading…</p>}
      {first.data && !first.loading && <AuditEventList events={events} usernames={names} />}
      <ErrorNotice error={olderError} />
      {cursor && (
        <p>
          <button type="button" className="secondary" onClick={() => void loadOlder()}>
            Older events
          </button>
        </p>
      )}
    </section>
  );
}
