import { describe, expect, test } from 'vitest';
import { type RetentionReport, reportSentences, runTitle } from './retention-words';

const empty: RetentionReport = {
  id: 'r1',
  trigger: 'schedule',
  dry_run: false,
  started_at: '2026-12-08T00:00:00.000Z',
  finished_at: '2026-12-08T00:00:01.000Z',
  policy: { unused_upload_days: 0, log_days: 90, output_days: 0, trash_days: 30 },
  unused_uploads: { uploads: 0, bytes: 0 },
  logs: { jobs: 0, lines: 0, events: 0 },
  outputs: { jobs: 0 },
  trash: { jobs: 0, files: 0, encrypted: 0 },
  backups: 'Nothing was erased.',
};

describe('retention reports in words', () => {
  test('a run that found nothing says so, dry or not', () => {
    expect(reportSentences(empty)).toEqual(['Nothing was due.']);
    expect(reportSentences({ ...empty, dry_run: true })).toEqual(['Nothing would be removed.']);
  });

  test('one sentence per kind that had anything, in the tense of the run', () => {
    const busy = { ...empty, unused_uploads: { uploads: 2, bytes: 3_000_000 }, logs: { jobs: 1, lines: 40, events: 3 }, trash: { jobs: 1, files: 5, encrypted: 5 } };
    expect(reportSentences(busy)).toEqual(['2 unused uploads (3.0 MB) erased.', 'The logs of 1 finished job deleted (40 lines).', '1 job deleted for good from the trash (5 files).']);
    expect(reportSentences({ ...busy, dry_run: true })[2]).toBe('1 job would be deleted for good from the trash.');
    expect(runTitle({ ...busy, trigger: 'admin', dry_run: true })).toBe('Asked for here, dry run');
  });
});
