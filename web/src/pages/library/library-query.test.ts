import { expect, test } from 'vitest';
import { libraryApiQuery, libraryFiltersFromSearch, parseTags, searchFromLibraryFilters, withLibraryFilter } from './library-query';

test('the address round-trips the view, the words, the tag, the kind and the page trail', () => {
  const search = 'view=trash&q=caf%C3%A9+scene&tag=season+2&type=dub&cursor=abc&cursor=def';
  const filters = libraryFiltersFromSearch(search);
  expect(filters).toEqual({ view: 'trash', q: 'café scene', tag: 'season 2', type: 'dub', cursors: ['abc', 'def'] });
  expect(searchFromLibraryFilters(filters)).toBe(search);
  expect(libraryApiQuery(filters, 20)).toEqual({ limit: 20, view: 'trash', q: 'café scene', tag: 'season 2', type: 'dub', cursor: 'def' });
});

test('a hand-edited address never asks for what the API refuses', () => {
  const filters = libraryFiltersFromSearch(`view=everything&tag=${encodeURIComponent('<b>')}&type=selftest&q=${'x'.repeat(500)}`);
  expect(filters).toEqual({ view: 'active', q: 'x'.repeat(200), cursors: [] });
  expect(searchFromLibraryFilters(libraryFiltersFromSearch('')), 'the default view keeps a clean address').toBe('');
});

test('changing a filter starts again at the first page', () => {
  const filters = libraryFiltersFromSearch('q=op&cursor=abc');
  expect(withLibraryFilter(filters, { view: 'archived' })).toEqual({ view: 'archived', q: 'op', cursors: [] });
});

test('tags typed in one box: split, trimmed, deduplicated; a bad or extra tag is named', () => {
  expect(parseTags(' season 2, teaser ,,Teaser, rough  cut')).toEqual({ tags: ['season 2', 'teaser', 'rough cut'] });
  expect(parseTags('')).toEqual({ tags: [] });
  expect(parseTags('ok, -dash-first')).toEqual({ invalid: '-dash-first' });
  expect(parseTags(Array.from({ length: 21 }, (_, i) => `t${i}`).join(','))).toEqual({ tooMany: 21 });
});
