import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { errorResponses } from '../http/schemas.js';
import type { AuditLog } from './audit.js';
import { recentEventsOf } from './audit-reader.js';
import { AUDIT_CURSOR_PATTERN, queryAuditLog } from './audit-query.js';

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

const AdminAuditQuery = Type.Object(
  {
    action: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z_]+(\\.[a-z_]+)*$', description: 'An action, or its family: `user` matches every `user.*`.' })),
    actor: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'A user id: the events that user caused.' })),
    result: Type.Optional(Type.Union([Type.Literal('success'), Type.Literal('failure'), Type.Literal('denied')])),
    from: Type.Optional(Type.String({ format: 'date-time', description: 'Events at or after this time.' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'Events before this time.' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ pattern: AUDIT_CURSOR_PATTERN, description: 'next_cursor from the previous page.' })),
  },
  { additionalProperties: false },
);

/** The admin's view adds who caused each event (a user id, or anonymous / system). */
const AdminAuditEventSchema = Type.Object({
  ...AuditEventSchema.properties,
  actor: Type.Object({ type: Type.String(), id: Type.Optional(Type.String()) }),
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

    app.get(
      '/api/admin/audit',
      {
        config: { permission: 'audit:read_all' },
        schema: {
          summary: "Everyone's security events, newest first, filtered and paged",
          tags: ['admin', 'audit'],
          querystring: AdminAuditQuery,
          response: {
            200: Type.Object({ events: Type.Array(AdminAuditEventSchema), next_cursor: Type.Union([Type.String(), Type.Null()]) }),
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (request) => {
        const { limit, cursor, ...filter } = request.query;
        const page = await queryAuditLog(audit.dir, filter, limit ?? 50, cursor);
        return { events: page.events, next_cursor: page.nextCursor };
      },
    );
  };
}
