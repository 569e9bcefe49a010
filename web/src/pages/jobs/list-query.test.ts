import { describe, expect, test } from 'vitest';
import { apiQueryOf, filtersFromSearch, nextPage, previousPage, searchFromFilters, withFilter } from './list-query';

describe('jobs list filters in the query string', () => {
  test('round-trip: filters → query string → the same filters', () => {
    const filters = { status: 'failed' as const, type: 'dub', q: 'episode 3', cursors: ['c1', 'c2'] };
    expect(filtersFromSearch(searchFromFilters(filters))).toEqual(filters);
  });

  test('no filters: an empty query string and the first page', () => {
    expect(searchFromFilters({ cursors: [] })).toBe('');
    expect(filtersFromSearch('')).toEqual({ cursors: [] });
  });

  test('drops what the API would refuse', () => {
    expect(filtersFromSearch(`?status=exploded&type=${encodeURIComponent('<b>')}&q=%20%20&cursor=`)).toEqual({ cursors: [] });
    expect(filtersFromSearch(`?q=${'a'.repeat(300)}`).q).toHaveLength(200);
    expect(filtersFromSearch(`?cursor=${'x'.repeat(301)}`).cursors).toEqual([]);
  });

  test('the API query: the last cursor, `q` as `text`, the limit', () => {
    expect(apiQueryOf({ status: 'running', q: 'mika', cursors: ['a', 'b'] }, 20)).toEqual({ limit: 20, status: 'running', text: 'mika', cursor: 'b' });
    expect(apiQueryOf({ cursors: [] }, 20)).toEqual({ limit: 20 });
  });

  test('paging walks the cursor trail forward and back', () => {
    const first = { type: 'dub', cursors: [] };
    const second = nextPage(first, 'n1');
    const third = nextPage(second, 'n2');
    expect(third.cursors).toEqual(['n1', 'n2']);
    expect(previousPage(third)).toEqual(second);
    expect(previousPage(second)).toEqual(first);
  });

  test('changing a filter goes back to the first page', () => {
    expect(withFilter({ type: 'dub', cursors: ['n1'] }, { status: 'failed' })).toEqual({ type: 'dub', status: 'failed', cursors: [] });
  });
});
