import { describe, expect, test } from 'vitest';
import { filtersFromForm, filtersFromSearch, toLocalInput } from './audit-filters';

describe('audit filters', () => {
  test('empty fields are left out; local times become UTC', () => {
    const params = filtersFromForm({ action: 'user', actor: '', result: 'denied', from: '2026-06-01T10:30', to: ' ' });
    expect(params.get('action')).toBe('user');
    expect(params.has('actor')).toBe(false);
    expect(params.get('result')).toBe('denied');
    expect(params.get('from')).toBe(new Date('2026-06-01T10:30').toISOString());
    expect(params.has('to')).toBe(false);
  });

  test('round trip: a local time shows again as it was typed', () => {
    const params = filtersFromForm({ from: '2026-06-01T10:30' });
    expect(toLocalInput(filtersFromSearch(params).from)).toBe('2026-06-01T10:30');
    expect(toLocalInput(undefined)).toBe('');
  });

  test('malformed parameters are dropped, not sent to the server', () => {
    const filters = filtersFromSearch(new URLSearchParams('action=User%20Create&result=maybe&from=yesterday&actor=u1'));
    expect(filters).toEqual({ actor: 'u1' });
  });
});
