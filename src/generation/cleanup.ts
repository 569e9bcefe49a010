import type { Db } from '../db/types.js';
import type { ArtifactStore } from '../jobs/artifacts.js';
import type { AuditLog } from '../ops/audit.js';
import { combineShreds, type ShredReport } from '../storage/shred-report.js';

export interface CleanupReport {
  /** Finished generations whose files no version references any more. */
  readonly jobs: number;
  readonly files: number;
  readonly bytes: number;
  readonly dryRun: boolean;
  /** What was erased, and what of it can survive in backups (none on a dry run). */
  readonly shredded?: ShredReport;
}

/**
 * Removes the files of generations no version references: a generation
 * becomes a version before its job succeeds (record.ts), so a succeeded
 * generate job without one had its project deleted. Its artifact rows and
 * files go; the job row stays in the owner's history. Each run is reported
 * (the return value, logged by the caller) and audited with counts only.
 */
export function createGenerationCleanup(deps: { db: Db; artifacts: ArtifactStore; audit: AuditLog }) {
  const { db } = deps;

  function unreferenced() {
    return db
      .selectFrom('jobs')
      .innerJoin('job_artifacts', 'job_artifacts.job_id', 'jobs.id')
      .select(['jobs.id as id', (eb) => eb.fn.countAll<string | number>().as('files'), (eb) => eb.fn.sum<string | number>('job_artifacts.size').as('bytes')])
      .where('jobs.type', '=', 'generate')
      .where('jobs.status', '=', 'succeeded')
      .where((eb) => eb.not(eb.exists(eb.selectFrom('generation_versions').select('generation_versions.id').whereRef('generation_versions.job_id', '=', 'jobs.id'))))
      .groupBy('jobs.id')
      .execute();
  }

  return {
    async run(options: { dryRun?: boolean } = {}): Promise<CleanupReport> {
      const dryRun = options.dryRun === true;
      const found = await unreferenced();
      let files = 0;
      let bytes = 0;
      const shreds: ShredReport[] = [];
      for (const job of found) {
        files += Number(job.files);
        bytes += Number(job.bytes);
        if (dryRun) continue;
        // Rows first: a file without its row is never served; a row without its file would be.
        await db.deleteFrom('job_artifacts').where('job_id', '=', job.id).execute();
        // Someone deleted this work: its files are shredded (erased for good when encrypted) and ledgered.
        shreds.push(await deps.artifacts.shredJob(job.id, 'project_deleted'));
      }
      const report = { jobs: found.length, files, bytes, dryRun, ...(shreds.length > 0 && { shredded: combineShreds(shreds, shreds.at(-1)!.at) }) };
      if (found.length > 0 && !dryRun) {
        await deps.audit.record({ action: 'generation.outputs_pruned', result: 'success', actor: { type: 'system' }, target: 'generation:outputs', details: { jobs: report.jobs, files, bytes } });
      }
      return report;
    },
  };
}

export type GenerationCleanup = ReturnType<typeof createGenerationCleanup>;
