import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../http/app-error.js';
import { errorResponses } from '../http/schemas.js';
import { backupErrors } from './errors.js';
import type { BackupService } from './service.js';

const Verify = Type.Object({ at: Type.String(), ok: Type.Boolean(), problems: Type.Array(Type.String()) });
const Backup = Type.Object({
  name: Type.String(),
  created_at: Type.Optional(Type.String()),
  files: Type.Optional(Type.Integer()),
  copied_bytes: Type.Optional(Type.Integer({ description: 'Bytes this backup copied (the rest were in an earlier one).' })),
  sakuga_version: Type.Optional(Type.String()),
  damaged: Type.Optional(Type.String({ description: 'Why this backup cannot be used: it is not restored.' })),
  verify: Type.Optional(Verify),
});
const Run = Type.Object({
  kind: Type.Union([Type.Literal('create'), Type.Literal('verify')]),
  trigger: Type.Union([Type.Literal('schedule'), Type.Literal('admin')]),
  snapshot: Type.Union([Type.String(), Type.Null()]),
  started_at: Type.String(),
  finished_at: Type.String(),
  ok: Type.Boolean(),
  detail: Type.Record(Type.String(), Type.Unknown()),
});
const Overview = Type.Object({
  dir: Type.String({ description: 'Where the backups are (BACKUP_DIR).' }),
  interval_hours: Type.Number({ description: '0: no scheduled backups.' }),
  keep: Type.Integer(),
  running: Type.Boolean(),
  backups: Type.Array(Backup, { description: 'Newest first.' }),
  runs: Type.Array(Run, { description: 'The latest backups made and verified, newest first.' }),
});
const VerifyReply = Type.Object({ name: Type.String(), ok: Type.Boolean(), problems: Type.Array(Type.String()), checked: Type.Object({ files: Type.Integer(), decrypted: Type.Integer() }), erased_since: Type.Integer() });
const NameParams = Type.Object({ name: Type.String({ pattern: '^\\d{8}T\\d{6}Z-[0-9a-f]{6}$' }) }, { additionalProperties: false });

/** Admins: the backups, their last verify, a backup now (in the background) and a verify now. */
export function backupRoutes(backups: BackupService) {
  return async function backupRoutesPlugin(scope: FastifyInstance): Promise<void> {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['backups'];
    const config = { permission: 'settings:manage' } as const;
    app.get('/api/admin/backups', { config, schema: { summary: 'Admins: the backups, each one\'s last verify, and the latest runs', tags, response: { 200: Overview, ...errorResponses(401, 403) } } }, async (_request, reply) => {
      reply.header('cache-control', 'private, no-store');
      return backups.overview();
    });
    app.post(
      '/api/admin/backups',
      { config, schema: { summary: 'Admins: make a backup now, in the background (then verified); 409 while one runs', tags, response: { 202: Type.Object({ started: Type.Literal(true) }), ...errorResponses(401, 403, 409) } } },
      async (request, reply) => {
        const run = backups.start('admin', request.principal!.userId);
        if (!run.started) throw new AppError(backupErrors.backup_running);
        run.done.catch((error: unknown) => request.log.error({ err: error }, 'a backup failed'));
        return reply.code(202).send({ started: true });
      },
    );
    app.post(
      '/api/admin/backups/:name/verify',
      { config, schema: { summary: 'Admins: verify a backup now (its manifest, every file\'s size, the database and a sample decrypted whole)', tags, params: NameParams, response: { 200: VerifyReply, ...errorResponses(400, 401, 403) } } },
      async (request) => {
        const result = await backups.verify(request.params.name, 'admin', request.principal!.userId);
        return { ...result, problems: [...result.problems] };
      },
    );
  };
}
