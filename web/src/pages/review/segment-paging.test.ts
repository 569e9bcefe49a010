import { describe, expect, test } from 'vitest';
import { loadAllSegments } from './segment-paging';

type Page = { total: number; render: number; editable: boolean; segments: string[]; next_after?: string };

describe('loading every page of lines', () => {
  test('follows next_after page by page, in order, and keeps the last page\'s facts', async () => {
    const pages: Record<string, Page> = {
      '': { total: 5, render: 1, editable: true, segments: ['s0001', 's0002'], next_after: 's0002' },
      s0002: { total: 5, render: 1, editable: true, segments: ['s0003', 's0004'], next_after: 's0004' },
      s0004: { total: 5, render: 2, editable: false, segments: ['s0005'] },
    };
    const asked: Array<string | undefined> = [];
    const all = await loadAllSegments(async (after) => {
      asked.push(after);
      return pages[after ?? '']!;
    });
    expect(asked).toEqual([undefined, 's0002', 's0004']);
    expect(all).toEqual({ total: 5, render: 2, editable: false, segments: ['s0001', 's0002', 's0003', 's0004', 's0005'] });
  });

  test('one page is one request', async () => {
    let calls = 0;
    const all = await loadAllSegments(async () => {
      calls++;
      return { segments: ['s0001'] };
    });
    expect(calls).toBe(1);
    expect(all.segments).toEqual(['s0001']);
  });

  test('a cursor handed out twice is refused, not followed forever', async () => {
    await expect(loadAllSegments(async () => ({ segments: ['s0001'], next_after: 's0001' }))).rejects.toThrow(/loop/);
  });

  test('a failing page fails the whole load', async () => {
    await expect(loadAllSegments(async (after) => (after ? Promise.reject(new Error('offline')) : { segments: [], next_after: 's0001' }))).rejects.toThrow('offline');
  });
});
