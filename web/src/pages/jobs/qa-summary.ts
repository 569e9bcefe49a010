import type { Reply } from '../../api/types';

export type QaReport = Reply<'/api/jobs/{id}/qa', 'get'>;
type QaFinding = QaReport['overall']['findings'][number];

/** A finding as the panel lists it: failures first, then in the dub's order; programme findings last. */
export interface ListedFinding extends QaFinding {
  /** The line's start, for "go to the line" (null for a programme finding). */
  readonly startMs: number | null;
}

/** Every finding of a report, line findings with their start, failures before warnings, each group in time order. */
export function listFindings(report: QaReport): ListedFinding[] {
  const lines = report.segments.flatMap((segment) => segment.findings.map((finding) => ({ ...finding, startMs: segment.start_ms })));
  const overall = report.overall.findings.map((finding) => ({ ...finding, startMs: null }));
  const rank = (finding: ListedFinding) => (finding.severity === 'failure' ? 0 : 1);
  return [...lines, ...overall].sort((a, b) => rank(a) - rank(b) || (a.startMs ?? Infinity) - (b.startMs ?? Infinity));
}

/** m:ss.s of a line's start, as the review list shows it. */
export function formatStart(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const seconds = (ms % 60_000) / 1000;
  return `${minutes}:${seconds.toFixed(1).padStart(4, '0')}`;
}

/** One number with its unit, or a dash where nothing was measured. */
export const measured = (value: number | null | undefined, unit: string, digits = 1) => (value === null || value === undefined ? '—' : `${value.toFixed(digits)} ${unit}`);
