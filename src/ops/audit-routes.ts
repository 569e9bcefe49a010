import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { errorResponses } from '../http/schemas.js';
import type { AuditLog } from './audit.js';
import { recentEventsOf } from './audit-reader.js';

const RecentQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) }, { additionalProperties: false });

const AuditEventSchema = Type.Object({
  time: Type.String({ format: 'date-time' }),
  action: Type.String(),
  result: Type.String(),
  ip: Type.Union([Type.String(), Type.Null()]),
  target: Type.Union([Type.String(), Type.Null()]),
  request_id: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
});

export function auditRoutes(audit: AuditLog) {
  return async function auditRoutesPlugin(scope: FastifyInstance): Promise<void> {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/api/audit/recent',
      {
        config: { permission: 'audit:read_own' },
        schema: {
          summary: 'My own recent security events, newest first',
          tags: ['audit'],
          querystring: RecentQuery,
          response: { 200: Type.Object({ events: Type.Array(AuditEventSchema) }), ...errorResponses(400, 401) },
        },
      },
      async (request) => ({ events: await recentEventsOf(audit.dir, request.principal!.userId, request.query.limit ?? 50) }),
    );
  };
}
