import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { errorResponses } from '../http/schemas.js';
import type { Retention } from './service.js';

const Count = Type.Integer({ minimum: 0 });
const Report = Type.Object({
  id: Type.String(),
  trigger: Type.Union([Type.Literal('schedule'), Type.Literal('command'), Type.Literal('admin')]),
  dry_run: Type.Boolean({ description: 'It only counted what it would remove.' }),
  started_at: Type.String(),
  finished_at: Type.String(),
  policy: Type.Object({ unused_upload_days: Count, log_days: Count, output_days: Count, trash_days: Count }, { description: 'The ages it ran with, in days (0: never).' }),
  unused_uploads: Type.Object({ uploads: Count, bytes: Count }),
  logs: Type.Object({ jobs: Count, lines: Count, events: Count }),
  outputs: Type.Object({ jobs: Count }, { description: 'Finished jobs past RETENTION_OUTPUT_DAYS, moved to the trash.' }),
  trash: Type.Object({ jobs: Count, files: Count, encrypted: Count }, { description: 'Jobs in the trash past TRASH_DAYS, deleted for good.' }),
  backups: Type.String({ description: 'Where copies of what was erased may still survive.' }),
});
const Overview = Type.Object({
  policy: Type.Object({ unused_upload_days: Count, log_days: Count, output_days: Count, trash_days: Count, interval_minutes: Count }),
  runs: Type.Array(Report, { description: 'The latest runs, newest first.' }),
});
const RunBody = Type.Object({ dry_run: Type.Boolean({ description: 'Count only; change nothing.' }) }, { additionalProperties: false });

/** Admins: the retention ages, the reports of the latest runs, and a run now (or a dry one). */
export function retentionRoutes(retention: Retention) {
  return async function retentionRoutesPlugin(scope: FastifyInstance): Promise<void> {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['retention'];
    app.get(
      '/api/admin/retention',
      { config: { permission: 'settings:manage' }, schema: { summary: 'Admins: the retention ages and the latest runs\' reports', tags, response: { 200: Overview, ...errorResponses(401, 403) } } },
      async (_request, reply) => {
        reply.header('cache-control', 'private, no-store');
        const { policy } = retention;
        return {
          policy: { unused_upload_days: policy.unusedUploadDays, log_days: policy.logDays, output_days: policy.outputDays, trash_days: policy.trashDays, interval_minutes: Math.round(policy.intervalMs / 60_000) },
          runs: await retention.recent(30),
        };
      },
    );
    app.post(
      '/api/admin/retention/run',
      { config: { permission: 'settings:manage' }, schema: { summary: 'Admins: a retention run now; a dry run only counts what it would remove', tags, body: RunBody, response: { 201: Report, ...errorResponses(400, 401, 403) } } },
      async (request, reply) => reply.code(201).send(await retention.run({ dryRun: request.body.dry_run, trigger: 'admin', byUserId: request.principal!.userId })),
    );
  };
}
