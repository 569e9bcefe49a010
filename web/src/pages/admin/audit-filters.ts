/** The admin audit filters, kept in the address so a filtered view can be reloaded or shared. */
export interface AuditFilters {
  action?: string;
  actor?: string;
  result?: 'success' | 'failure' | 'denied';
  from?: string;
  to?: string;
}

const RESULTS = new Set(['success', 'failure', 'denied']);
const KEYS = ['action', 'actor', 'result', 'from', 'to'] as const;

/**
 * Form values to address parameters. `<input type="datetime-local">` gives a
 * time without a zone, which the browser reads as the person's local time;
 * the address carries it as UTC so the server and a reload agree.
 */
export function filtersFromForm(values: Readonly<Record<string, string>>): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = values[key]?.trim();
    if (!value) continue;
    if (key === 'from' || key === 'to') {
      const time = new Date(value);
      if (!Number.isNaN(time.getTime())) params.set(key, time.toISOString());
    } else {
      params.set(key, value);
    }
  }
  return params;
}

/** Address parameters to the API's query; anything malformed is dropped rather than sent. */
export function filtersFromSearch(search: URLSearchParams): AuditFilters {
  const filters: AuditFilters = {};
  const action = search.get('action');
  if (action && /^[a-z_]+(\.[a-z_]+)*$/.test(action)) filters.action = action;
  const actor = search.get('actor');
  if (actor) filters.actor = actor;
  const result = search.get('result');
  if (result && RESULTS.has(result)) filters.result = result as AuditFilters['result'];
  for (const key of ['from', 'to'] as const) {
    const value = search.get(key);
    if (value && !Number.isNaN(Date.parse(value))) filters[key] = new Date(value).toISOString();
  }
  return filters;
}

/** An ISO time as the value a datetime-local input shows (local time, minutes). */
export function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const time = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())}T${pad(time.getHours())}:${pad(time.getMinutes())}`;
}
