import { describe, expect, test } from 'vitest';
import { formatCountdown, normaliseUserCode, secondsLeft, spokenCountdown } from './countdown';

describe('countdown', () => {
  test('seconds left round up and stop at zero', () => {
    expect(secondsLeft(10_500, 0)).toBe(11);
    expect(secondsLeft(1_000, 5_000)).toBe(0);
  });
  test('formats as m:ss', () => {
    expect(formatCountdown(120)).toBe('2:00');
    expect(formatCountdown(65)).toBe('1:05');
    expect(formatCountdown(9)).toBe('0:09');
    expect(formatCountdown(-3)).toBe('0:00');
  });
  test('speaks only now and then', () => {
    expect(spokenCountdown(120)).toBe('2 minutes left');
    expect(spokenCountdown(60)).toBe('1 minute left');
    expect(spokenCountdown(30)).toBe('30 seconds left');
    expect(spokenCountdown(10)).toBe('10 seconds left');
    expect(spokenCountdown(59)).toBeUndefined();
    expect(spokenCountdown(0)).toBeUndefined();
  });
});

describe('normaliseUserCode', () => {
  test('case, spaces and dashes do not matter', () => {
    expect(normaliseUserCode('abcd efgh')).toBe('ABCD-EFGH');
    expect(normaliseUserCode(' ab-cd-ef-gh ')).toBe('ABCD-EFGH');
    expect(normaliseUserCode('abc')).toBe('ABC');
  });
});
