import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '../access/roles.js';
import type { PublicUser } from '../auth/user-store.js';
import { errorResponses } from '../http/schemas.js';
import type { AdminContext, UserAdmin } from './service.js';
import { CreateUserBody, UpdateUserBody, UserIdParams, UserList, UserReply } from './schemas.js';

/** The wire shape of a user: `disabled` as a flag, never a hash or internal column. */
export function userView(user: PublicUser) {
  // Roles are checked against ROLES on every write, so the stored text is a Role.
  return { id: user.id, username: user.username, email: user.email, role: user.role as Role, disabled: user.disabled_at !== null, created_at: user.created_at };
}

function adminContext(request: FastifyRequest): AdminContext {
  return { principal: request.principal!, ip: request.ip, requestId: request.id };
}

export function userAdminRoutes(users: UserAdmin, sudo: (request: FastifyRequest) => void) {
  return async function userAdminRoutesPlugin(scope: FastifyInstance): Promise<void> {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    const config = { permission: 'users:manage' as const };

    app.get(
      '/api/admin/users',
      { config, schema: { summary: 'List accounts', tags: ['admin'], response: { 200: UserList, ...errorResponses(401, 403) } } },
      async () => ({ users: (await users.list()).map(userView) }),
    );

    app.post(
      '/api/admin/users',
      {
        config,
        schema: { summary: 'Create an account', tags: ['admin'], body: CreateUserBody, response: { 201: UserReply, ...errorResponses(400, 401, 403, 409) } },
      },
      async (request, reply) => reply.code(201).send({ user: userView(await users.create(request.body, adminContext(request))) }),
    );

    app.patch(
      '/api/admin/users/:id',
      {
        config,
        schema: {
          summary: 'Change role, disable/enable, or unlock sign-in',
          tags: ['admin'],
          params: UserIdParams,
          body: UpdateUserBody,
          response: { 200: UserReply, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        if (request.body.password !== undefined) sudo(request);
        return { user: userView(await users.update(request.params.id, request.body, adminContext(request))) };
      },
    );
  };
}
