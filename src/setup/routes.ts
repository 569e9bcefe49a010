import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { errorResponses } from '../http/schemas.js';
import { SetupBody, SetupCreated, SetupStatus } from './schemas.js';
import type { SetupService } from './service.js';

export function setupRoutes(setup: SetupService) {
  return async function setupRoutesPlugin(scope: FastifyInstance): Promise<void> {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      '/api/setup',
      { config: { permission: 'public' }, schema: { summary: 'Whether first-run setup is still pending', tags: ['setup'], response: { 200: SetupStatus } } },
      async () => ({ required: await setup.isRequired() }),
    );

    app.post(
      '/api/setup',
      {
        config: { permission: 'public' },
        schema: {
          summary: 'Create the first admin with the one-time setup token',
          tags: ['setup'],
          body: SetupBody,
          response: { 201: SetupCreated, ...errorResponses(400, 403, 409, 410, 413, 415) },
        },
      },
      async (request, reply) => {
        const user = await setup.complete(request.body, { ip: request.ip, requestId: request.id });
        return reply.code(201).send({ user });
      },
    );
  };
}
