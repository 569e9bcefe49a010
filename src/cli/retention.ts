import { parseArgs } from 'node:util';
import type { RetentionReport } from '../retention/service.js';
import type { CliIo } from './io.js';
import { openRuntime } from './runtime.js';
import { UsageError } from './usage.js';

const RETENTION_USAGE = 'Usage: sakuga retention run [--dry-run] [--json]';

const age = (days: number) => (days === 0 ? 'never' : `after ${days} days`);

/** A report as a person reads it at the terminal: one line per kind, what it would do on a dry run. */
export function describeReport(report: RetentionReport): string {
  const { policy } = report;
  const verb = (done: string, would: string) => (report.dry_run ? would : done);
  return [
    `${report.dry_run ? 'Dry run: nothing was changed.' : 'Retention run.'} (${report.started_at})`,
    `  unused uploads (${age(policy.unused_upload_days)}): ${report.unused_uploads.uploads} ${verb('erased', 'would be erased')}, ${report.unused_uploads.bytes} bytes`,
    `  job logs (${age(policy.log_days)}): ${report.logs.lines} lines and ${report.logs.events} events of ${report.logs.jobs} jobs ${verb('deleted', 'would be deleted')}`,
    `  outputs (${age(policy.output_days)}): ${report.outputs.jobs} finished jobs ${verb('moved to the trash', 'would move to the trash')}`,
    `  trash (after ${policy.trash_days} days): ${report.trash.jobs} jobs ${verb(`deleted for good, ${report.trash.files} files`, 'would be deleted for good')}`,
    `  ${report.backups}`,
  ].join('\n');
}

/** `sakuga retention run [--dry-run]`: one retention run now, its report printed (and kept, like a scheduled run's). */
export async function retentionCommand(args: string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand !== 'run') throw new UsageError(RETENTION_USAGE);
  const { values } = parseArgs({ args: rest, options: { 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } }, strict: true });
  const runtime = await openRuntime(env);
  try {
    const report = await runtime.services.retention.run({ dryRun: values['dry-run'] === true, trigger: 'command' });
    io.stdout.write(`${values.json ? JSON.stringify(report, null, 2) : describeReport(report)}\n`);
    return 0;
  } finally {
    await runtime.database.close();
  }
}
