import type { Reply } from '../../api/types';
import { formatBytes } from '../jobs/job-format';

export type RetentionOverview = Reply<'/api/admin/retention', 'get'>;
export type RetentionReport = RetentionOverview['runs'][number];

const TRIGGERS: Record<RetentionReport['trigger'], string> = { schedule: 'Scheduled', command: 'From the command line', admin: 'Asked for here' };

/** How a run came about, and whether it changed anything. */
export const runTitle = (report: RetentionReport) => `${TRIGGERS[report.trigger]}${report.dry_run ? ', dry run' : ''}`;

/** What a run removed (or would have), one sentence per kind that had anything; a run with nothing says so. */
export function reportSentences(report: RetentionReport): string[] {
  const would = (done: string, dry: string) => (report.dry_run ? dry : done);
  const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
  const sentences = [
    report.unused_uploads.uploads > 0 && `${plural(report.unused_uploads.uploads, 'unused upload')} (${formatBytes(report.unused_uploads.bytes)}) ${would('erased', 'would be erased')}.`,
    report.logs.lines + report.logs.events > 0 && `The logs of ${plural(report.logs.jobs, 'finished job')} ${would('deleted', 'would be deleted')} (${plural(report.logs.lines, 'line')}).`,
    report.outputs.jobs > 0 && `${plural(report.outputs.jobs, 'old job')} ${would('moved to the trash', 'would move to the trash')}.`,
    report.trash.jobs > 0 && `${plural(report.trash.jobs, 'job')} ${would(`deleted for good from the trash (${plural(report.trash.files, 'file')})`, 'would be deleted for good from the trash')}.`,
  ].filter((sentence): sentence is string => typeof sentence === 'string');
  return sentences.length > 0 ? sentences : [report.dry_run ? 'Nothing would be removed.' : 'Nothing was due.'];
}

/** An age in days as the policy list reads it. */
export const ageWords = (days: number) => (days === 0 ? 'kept until deleted' : `${days} ${days === 1 ? 'day' : 'days'}`);
