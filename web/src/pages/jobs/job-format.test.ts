import { describe, expect, test } from 'vitest';
import { elapsed, failureSentence, formatBytes, formatDuration, percent } from './job-format';

describe('job formatting', () => {
  test('durations', () => {
    expect(formatDuration(400)).toBe('0 s');
    expect(formatDuration(4_400)).toBe('4 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(120_000)).toBe('2 min');
    expect(formatDuration(3_780_000)).toBe('1 h 3 min');
    expect(formatDuration(-5)).toBe('0 s');
  });

  test('elapsed: until the end, or until now while running; nothing before the start', () => {
    expect(elapsed('2025-01-01T00:00:00Z', '2025-01-01T00:00:09Z', 0)).toBe('9 s');
    expect(elapsed('2025-01-01T00:00:00Z', null, Date.parse('2025-01-01T00:01:00Z'))).toBe('1 min');
    expect(elapsed(null, null, 0)).toBeUndefined();
  });

  test('sizes and percentages', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1_500)).toBe('1.5 kB');
    expect(formatBytes(250_000_000)).toBe('250 MB');
    expect(percent(0.456)).toBe('46 %');
  });

  test('failures read as sentences; a stage failure adds its own words', () => {
    expect(failureSentence({ code: 'timeout', message: 'x' })).toBe('The job ran longer than its time limit.');
    expect(failureSentence({ code: 'engine_unavailable', message: '' })).toMatch(/engine did not answer/);
    expect(failureSentence({ code: 'stage_failed', message: 'mix: ffmpeg exited 1' })).toBe('A step of the job failed. mix: ffmpeg exited 1');
    expect(failureSentence({ code: 'no_such_code', message: '{"raw":1}' })).not.toContain('raw');
  });
});
