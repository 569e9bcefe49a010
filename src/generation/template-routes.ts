import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { errorResponses } from '../http/schemas.js';
import type { TemplateRegistry } from './template-registry.js';
import { TemplateSchema } from './templates.js';

const tags = ['generation'];
const Summary = Type.Object({
  name: Type.String(),
  title: Type.String(),
  output: Type.Union([Type.Literal('image'), Type.Literal('video')]),
  params: Type.Array(Type.String(), { description: 'What a generation may set with it: prompt, negative_prompt, seed, width, height, steps, frames, reference.' }),
  defaults: TemplateSchema.properties.defaults,
  builtin: Type.Boolean(),
});
const NameParams = Type.Object({ name: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false });

/** The templates people generate with; admins install and remove their own (checked against the engine first). */
export function templateRoutes(templates: TemplateRegistry, promptMax: number) {
  return async function templateRoutesPlugin(scope: FastifyInstance): Promise<void> {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    const client = (request: { ip: string; id: string }) => ({ ip: request.ip, requestId: request.id });

    app.get(
      '/api/generation/templates',
      {
        config: { permission: 'jobs:read' },
        schema: { summary: 'The workflow templates a generation can use, and the longest prompt it takes', tags, response: { 200: Type.Object({ templates: Type.Array(Summary), prompt_max: Type.Integer({ description: 'GENERATE_PROMPT_MAX.' }) }), ...errorResponses(401, 403) } },
      },
      async () => ({ templates: templates.list(), prompt_max: promptMax }),
    );
    app.post(
      '/api/generation/templates',
      {
        config: { permission: 'settings:manage' },
        schema: {
          summary: 'Admins: install (or replace) a template: an API-format graph with its parameter map, checked against the engine\'s /object_info',
          tags,
          body: TemplateSchema,
          response: { 201: Summary, ...errorResponses(400, 401, 403, 409, 422, 502, 503) },
        },
        // A graph of 500 nodes is larger than the default body limit allows for.
        bodyLimit: 2 * 1024 * 1024,
      },
      async (request, reply) => reply.code(201).send(await templates.install(request.principal!, request.body, client(request))),
    );
    app.delete(
      '/api/generation/templates/:name',
      { config: { permission: 'settings:manage' }, schema: { summary: 'Admins: remove an installed template', tags, params: NameParams, response: { 204: Type.Null({ description: 'Removed' }), ...errorResponses(401, 403, 404, 409) } } },
      async (request, reply) => {
        await templates.remove(request.principal!, request.params.name, client(request));
        return reply.code(204).send(null);
      },
    );
  };
}
