import { cursorTrail } from '../jobs/list-query';

export type LibraryView = 'active' | 'archived' | 'trash';

/** What the library shows, as kept in the address bar (a reload, a bookmark or Back shows the same page). */
export interface LibraryFilters {
  readonly view: LibraryView;
  /** Words found in the title, notes or tags. */
  readonly q?: string;
  readonly tag?: string;
  readonly type?: 'dub' | 'generate';
  /** The pages walked through so far (see ListFilters.cursors). */
  readonly cursors: readonly string[];
}

export const VIEWS: ReadonlyArray<{ value: LibraryView; label: string }> = [
  { value: 'active', label: 'Library' },
  { value: 'archived', label: 'Archived' },
  { value: 'trash', label: 'Trash' },
];

export const KIND_CHOICES = [
  { value: 'dub', label: 'Dubs' },
  { value: 'generate', label: 'Generations' },
] as const;

/** The API's own limits (src/library/routes.ts): a hand-edited address never makes a request it would refuse. */
const MAX_TEXT = 200;
export const MAX_TAGS = 20;
const TAG = /^[\p{L}\p{N}][\p{L}\p{N} _.-]{0,39}$/u;

/** Reads the filters from a query string, dropping anything the API would refuse. */
export function libraryFiltersFromSearch(search: string | URLSearchParams): LibraryFilters {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const view = VIEWS.find((choice) => choice.value === params.get('view'))?.value ?? 'active';
  const q = (params.get('q') ?? '').trim().slice(0, MAX_TEXT);
  const tag = (params.get('tag') ?? '').trim();
  const type = KIND_CHOICES.find((choice) => choice.value === params.get('type'))?.value;
  return { view, ...(q && { q }), ...(TAG.test(tag) && { tag }), ...(type && { type }), cursors: cursorTrail(params) };
}

/** The query string for filters (no leading "?"); the default view with no filter gives "". */
export function searchFromLibraryFilters(filters: LibraryFilters): string {
  const params = new URLSearchParams();
  if (filters.view !== 'active') params.set('view', filters.view);
  if (filters.q) params.set('q', filters.q);
  if (filters.tag) params.set('tag', filters.tag);
  if (filters.type) params.set('type', filters.type);
  for (const cursor of filters.cursors) params.append('cursor', cursor);
  return params.toString();
}

/** The GET /api/library query for the page the filters show. */
export function libraryApiQuery(filters: LibraryFilters, limit: number) {
  const cursor = filters.cursors.at(-1);
  return { limit, view: filters.view, ...(filters.q && { q: filters.q }), ...(filters.tag && { tag: filters.tag }), ...(filters.type && { type: filters.type }), ...(cursor && { cursor }) };
}

/** A change of filters starts at the first page again: an old cursor belongs to another result. */
export function withLibraryFilter(filters: LibraryFilters, change: Partial<Omit<LibraryFilters, 'cursors'>>): LibraryFilters {
  return { ...filters, ...change, cursors: [] };
}

/**
 * Tags as typed in one box, "season 2, teaser": split on commas, trimmed,
 * duplicates (in any case) dropped. Returns the first tag the server would
 * refuse instead, so the form can say which one.
 */
export function parseTags(text: string): { tags: string[] } | { invalid: string } | { tooMany: number } {
  const tags: string[] = [];
  for (const raw of text.split(',')) {
    const tag = raw.trim().replace(/\s+/g, ' ');
    if (!tag) continue;
    if (!TAG.test(tag)) return { invalid: tag };
    if (!tags.some((kept) => kept.toLowerCase() === tag.toLowerCase())) tags.push(tag);
  }
  return tags.length > MAX_TAGS ? { tooMany: tags.length } : { tags };
}
