import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { asSession } from '../access/principal.js';
import { AppError } from '../http/app-error.js';
import { errorResponses } from '../http/schemas.js';
import type { AuditLog } from '../ops/audit.js';
import { findUserById } from './user-store.js';
import { authErrors } from './errors.js';
import type { SessionService } from './session-service.js';
import type { Db } from '../db/types.js';
import { userErrors } from '../users/errors.js';

const SessionView = Type.Object({
  id: Type.String(),
  mode: Type.Union([Type.Literal('token'), Type.Literal('cookie')]),
  device_name: Type.Union([Type.String(), Type.Null()]),
  user_agent: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String({ format: 'date-time' }),
  created_ip: Type.Union([Type.String(), Type.Null()]),
  last_seen_at: Type.String({ format: 'date-time' }),
  last_seen_ip: Type.Union([Type.String(), Type.Null()]),
  expires_at: Type.String({ format: 'date-time' }),
  current: Type.Boolean({ description: 'The session making this request.' }),
});
const SessionList = Type.Object({ sessions: Type.Array(SessionView) });
const SessionParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });
const UserSessionParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 64 }), sessionId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
const Revoked = Type.Object({ revoked: Type.Integer() });
const NoContent = Type.Null({ description: 'Done' });

export function sessionRoutes(deps: { db: Db; sessions: SessionService; audit: AuditLog }) {
  const { sessions, audit } = deps;

  const view = async (userId: string, currentId: string | undefined) =>
    (await sessions.listOfUser(userId)).map(({ idle_expires_at, ...session }) => ({
      ...session,
      expires_at: idle_expires_at,
      current: session.id === currentId,
    }));

  const record = (request: FastifyRequest, action: string, target: string, details: Record<string, unknown> = {}) =>
    audit.record({ action, result: 'success', actor: { type: 'user', id: request.principal!.userId }, ip: request.ip, requestId: request.id, target, details });

  return async function sessionRoutesPlugin(scope: FastifyInstance): Promise<void> {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    const own = { permission: 'session:self' as const };
    const admin = { permission: 'users:manage' as const };

    app.get(
      '/api/auth/sessions',
      { config: own, schema: { summary: 'My signed-in devices', tags: ['sessions'], response: { 200: SessionList, ...errorResponses(401) } } },
      async (request) => ({ sessions: await view(request.principal!.userId, asSession(request.principal).sessionId) }),
    );

    app.delete(
      '/api/auth/sessions/:id',
      {
        config: own,
        schema: { summary: 'Sign out one of my devices', tags: ['sessions'], params: SessionParams, response: { 204: NoContent, ...errorResponses(401, 404) } },
      },
      async (request, reply) => {
        // Someone else's session id gets the same 404 as an unknown one.
        if (!(await sessions.endOwn(request.principal!.userId, request.params.id, 'revoked_by_user'))) throw new AppError(authErrors.session_not_found);
        await record(request, 'auth.session_revoked', `session:${request.params.id}`);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/auth/sessions/revoke-others',
      { config: own, schema: { summary: 'Sign out every other device', tags: ['sessions'], response: { 200: Revoked, ...errorResponses(401) } } },
      async (request) => {
        const principal = asSession(request.principal);
        const revoked = await sessions.endAllOfUser(principal.userId, 'revoked_by_user', principal.sessionId);
        await record(request, 'auth.sessions_revoked', `user:${principal.userId}`, { revoked });
        return { revoked };
      },
    );

    app.get(
      '/api/admin/users/:id/sessions',
      {
        config: admin,
        schema: { summary: "A user's live sessions", tags: ['admin'], params: SessionParams, response: { 200: SessionList, ...errorResponses(401, 403, 404) } },
      },
      async (request) => {
        if (!(await findUserById(deps.db, request.params.id))) throw new AppError(userErrors.user_not_found);
        const principal = request.principal!;
        return { sessions: await view(request.params.id, 'sessionId' in principal ? principal.sessionId : undefined) };
      },
    );

    app.delete(
      '/api/admin/users/:id/sessions/:sessionId',
      {
        config: admin,
        schema: { summary: "End one of a user's sessions", tags: ['admin'], params: UserSessionParams, response: { 204: NoContent, ...errorResponses(401, 403, 404) } },
      },
      async (request, reply) => {
        const { id, sessionId } = request.params;
        if (!(await sessions.endOwn(id, sessionId, 'revoked_by_admin'))) throw new AppError(authErrors.session_not_found);
        await record(request, 'auth.session_revoked', `session:${sessionId}`, { user: id, by_admin: true });
        return reply.code(204).send(null);
      },
    );
  };
}
