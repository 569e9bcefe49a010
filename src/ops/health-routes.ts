import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../http/app-error.js';
import { httpErrors } from '../http/errors.js';
import { errorResponses } from '../http/schemas.js';
import type { ReadinessReport } from './readiness.js';

const Live = Type.Object({ status: Type.Literal('ok') });
const Ready = Type.Object({
  status: Type.Literal('ready'),
  checks: Type.Object({ database: Type.Boolean(), data_dir: Type.Boolean(), storage: Type.Boolean() }),
});

export function healthRoutes(checkReadiness: () => Promise<ReadinessReport>) {
  return async function healthRoutesPlugin(scope: FastifyInstance): Promise<void> {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();

    app.get('/healthz', { config: { permission: 'public' }, schema: { summary: 'Liveness: the process answers', tags: ['health'], response: { 200: Live } } }, async () => ({
      status: 'ok' as const,
    }));

    app.get(
      '/readyz',
      {
        config: { permission: 'public' },
        schema: {
          summary: 'Readiness: the database answers and the data dir is writable',
          tags: ['health'],
          response: { 200: Ready, ...errorResponses(503) },
        },
      },
      async () => {
        const report = await checkReadiness();
        if (!report.ready) {
          const failing = Object.entries(report.checks).filter(([, ok]) => !ok).map(([name]) => name);
          throw new AppError(httpErrors.not_ready, `Not ready: ${failing.join(', ')} unavailable.`);
        }
        return { status: 'ready' as const, checks: report.checks };
      },
    );
  };
}
