import { describe, expect, test } from 'vitest';
import { formatStart, listFindings, type QaReport } from './qa-summary';

const finding = (code: string, severity: 'failure' | 'warning', segment: string | null) => ({ code, severity, segment, message: code, value: null, threshold: null }) as QaReport['overall']['findings'][number];
const segment = (id: string, startMs: number, findings: ReturnType<typeof finding>[]) => ({ id, start_ms: startMs, findings }) as unknown as QaReport['segments'][number];

describe('the QA panel\'s list', () => {
  test('failures first, each group in the dub\'s order, programme findings after the lines', () => {
    const report = {
      segments: [segment('s0001', 1_000, [finding('tempo_high', 'warning', 's0001')]), segment('s0002', 4_000, [finding('overflow_long', 'failure', 's0002')]), segment('s0003', 9_000, [finding('clipping', 'failure', 's0003')])],
      overall: { findings: [finding('drift', 'failure', null), finding('true_peak', 'warning', null)] },
    } as unknown as QaReport;
    expect(listFindings(report).map((f) => [f.code, f.startMs])).toEqual([
      ['overflow_long', 4_000],
      ['clipping', 9_000],
      ['drift', null],
      ['tempo_high', 1_000],
      ['true_peak', null],
    ]);
  });

  test('a line\'s start reads as minutes and seconds', () => {
    expect([formatStart(0), formatStart(4_250), formatStart(125_000)]).toEqual(['0:00.0', '0:04.3', '2:05.0']);
  });
});
