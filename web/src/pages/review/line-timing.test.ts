import { describe, expect, test } from 'vitest';
import { activeLineIndex, formatClock, parseSeconds, secondsText } from './line-timing';

const lines = [
  { start_ms: 500, end_ms: 2_000 },
  { start_ms: 3_000, end_ms: 4_500 },
  { start_ms: 4_500, end_ms: 6_000 },
];

describe('which line is spoken when', () => {
  test('the line whose start…end holds the time, its start included and its end not', () => {
    expect(activeLineIndex(lines, 500)).toBe(0);
    expect(activeLineIndex(lines, 1_999)).toBe(0);
    expect(activeLineIndex(lines, 3_200)).toBe(1);
    expect(activeLineIndex(lines, 4_500)).toBe(2);
    expect(activeLineIndex(lines, 5_999)).toBe(2);
  });

  test('before, between and after the lines none is spoken', () => {
    expect(activeLineIndex(lines, 0)).toBe(-1);
    expect(activeLineIndex(lines, 2_000)).toBe(-1);
    expect(activeLineIndex(lines, 2_500)).toBe(-1);
    expect(activeLineIndex(lines, 6_000)).toBe(-1);
    expect(activeLineIndex([], 1_000)).toBe(-1);
  });

  test('many lines: each found at its own time', () => {
    const many = Array.from({ length: 1_001 }, (_, i) => ({ start_ms: i * 1_000, end_ms: i * 1_000 + 800 }));
    for (const i of [0, 1, 499, 500, 999, 1_000]) expect(activeLineIndex(many, i * 1_000 + 400)).toBe(i);
    expect(activeLineIndex(many, 500_900)).toBe(-1);
  });
});

describe('times as people read and type them', () => {
  test('clock', () => {
    expect(formatClock(0)).toBe('0:00.000');
    expect(formatClock(4_500)).toBe('0:04.500');
    expect(formatClock(64_250)).toBe('1:04.250');
  });

  test('seconds typed into a field, to milliseconds', () => {
    expect(parseSeconds('4.5')).toBe(4_500);
    expect(parseSeconds(' 12 ')).toBe(12_000);
    expect(parseSeconds('0.001')).toBe(1);
    for (const bad of ['', '-1', '1e3', '4.5678', 'abc', '1,5']) expect(parseSeconds(bad)).toBeUndefined();
    expect(parseSeconds(secondsText(6_250))).toBe(6_250);
  });
});
