import type { JobStatus } from './job-state';

/** What the jobs list shows, as kept in the address bar (so a reload, a bookmark or Back shows the same page). */
export interface ListFilters {
  readonly status?: JobStatus;
  readonly type?: string;
  /** Words of the title. */
  readonly q?: string;
  /**
   * The cursors of the pages walked through so far, oldest first: the page
   * shown is the one after the last. The API pages by cursor only, so "back a
   * page" needs the cursor before it; keeping the trail lets Previous work
   * after a reload too.
   */
  readonly cursors: readonly string[];
}

export const STATUS_CHOICES: ReadonlyArray<{ value: JobStatus; label: string }> = [
  { value: 'queued', label: 'Waiting' },
  { value: 'running', label: 'Running' },
  { value: 'succeeded', label: 'Done' },
  { value: 'failed', label: 'Failed' },
  { value: 'cancelled', label: 'Cancelled' },
];

export const TYPE_CHOICES: ReadonlyArray<{ value: string; label: string }> = [
  { value: 'dub', label: 'Dubs' },
  { value: 'generate', label: 'Generations' },
  { value: 'selftest', label: 'Self-tests' },
];

const STATUSES = new Set<string>(STATUS_CHOICES.map((choice) => choice.value));
const TYPE_PATTERN = /^[a-z][a-z0-9_-]{0,39}$/;
/** The API's own limits (src/jobs/schemas.ts), so a hand-edited address never makes a request it would refuse. */
const MAX_TEXT = 200;
const MAX_CURSOR = 300;
const MAX_TRAIL = 50;

/** Reads the filters from a query string, dropping anything the API would refuse. */
export function filtersFromSearch(search: string | URLSearchParams): ListFilters {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const status = params.get('status') ?? '';
  const type = params.get('type') ?? '';
  const q = (params.get('q') ?? '').trim().slice(0, MAX_TEXT);
  const cursors = cursorTrail(params);
  return {
    ...(STATUSES.has(status) && { status: status as JobStatus }),
    ...(TYPE_PATTERN.test(type) && { type }),
    ...(q && { q }),
    cursors,
  };
}

/** The page trail of an address (see ListFilters.cursors), without anything the API would refuse. */
export function cursorTrail(params: URLSearchParams): string[] {
  return params
    .getAll('cursor')
    .filter((cursor) => cursor.length > 0 && cursor.length <= MAX_CURSOR)
    .slice(-MAX_TRAIL);
}

/** The query string for filters (no leading "?"); empty filters give "". */
export function searchFromFilters(filters: ListFilters): string {
  const params = new URLSearchParams();
  if (filters.status) params.set('status', filters.status);
  if (filters.type) params.set('type', filters.type);
  if (filters.q) params.set('q', filters.q);
  for (const cursor of filters.cursors) params.append('cursor', cursor);
  return params.toString();
}

/** The GET /api/jobs query for the page the filters show. */
export function apiQueryOf(filters: ListFilters, limit: number) {
  const cursor = filters.cursors.at(-1);
  return {
    limit,
    ...(filters.status && { status: filters.status }),
    ...(filters.type && { type: filters.type }),
    ...(filters.q && { text: filters.q }),
    ...(cursor && { cursor }),
  };
}

/** New filters start again at the first page: an old cursor belongs to another result. */
export function withFilter(filters: ListFilters, change: Partial<Omit<ListFilters, 'cursors'>>): ListFilters {
  return { ...filters, ...change, cursors: [] };
}

type Paged = { readonly cursors: readonly string[] };
export const nextPage = <T extends Paged>(filters: T, cursor: string): T => ({ ...filters, cursors: [...filters.cursors, cursor] });
export const previousPage = <T extends Paged>(filters: T): T => ({ ...filters, cursors: filters.cursors.slice(0, -1) });
