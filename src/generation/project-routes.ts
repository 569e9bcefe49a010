import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { errorResponses } from '../http/schemas.js';
import { JobParams } from '../jobs/schemas.js';
import type { JobService } from '../jobs/service.js';
import { CreateProjectBody, JobGeneration, ProjectDetail, ProjectList, ProjectListQuery, ProjectParams, ProjectSchema, RenameProjectBody, RestoreBody } from './project-schemas.js';
import type { ProjectService } from './projects.js';
import type { GenerationUsage } from './usage.js';

const tags = ['generation'];
const client = (request: FastifyRequest) => ({ ip: request.ip, requestId: request.id });

/**
 * Generation projects: create, list, read with their history, rename,
 * delete, restore a version. A generation lands in one through
 * `POST /api/jobs {type: "generate", options: {project_id, parent_version_id}}`.
 * Also each person's daily allowance, `GET /api/usage`.
 */
const Allowance = Type.Object({ used: Type.Integer(), limit: Type.Union([Type.Integer(), Type.Null()], { description: 'null: no limit.' }), remaining: Type.Union([Type.Integer(), Type.Null()]) });
const Usage = Type.Object({
  day: Type.String({ description: 'The UTC day counted, YYYY-MM-DD.' }),
  resets_at: Type.String(),
  generations: Allowance,
  gpu_seconds: Allowance,
  gpu_slots: Type.Integer({ description: 'GPU-class jobs (generations, dubs) the server runs at once, for everyone.' }),
});

export function projectRoutes(deps: { projects: ProjectService; jobs: JobService; usage: GenerationUsage }) {
  const { projects } = deps;
  return async function projectRoutesPlugin(scope: FastifyInstance): Promise<void> {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    const config = { permission: 'projects:manage' } as const;

    app.post(
      '/api/projects',
      { config, schema: { summary: 'Create a project', tags, body: CreateProjectBody, response: { 201: ProjectSchema, ...errorResponses(400, 401, 403) } } },
      async (request, reply) => reply.code(201).send(await projects.create(request.principal!, request.body, client(request))),
    );
    app.get(
      '/api/projects',
      { config, schema: { summary: 'Your projects, most recently changed first (cursor pagination)', tags, querystring: ProjectListQuery, response: { 200: ProjectList, ...errorResponses(400, 401, 403) } } },
      async (request) => projects.list(request.principal!, request.query),
    );
    app.get(
      '/api/projects/:id',
      { config, schema: { summary: 'One project with its version history', tags, params: ProjectParams, response: { 200: ProjectDetail, ...errorResponses(401, 403, 404) } } },
      async (request) => projects.get(request.principal!, request.params.id),
    );
    app.patch(
      '/api/projects/:id',
      { config, schema: { summary: 'Rename a project', tags, params: ProjectParams, body: RenameProjectBody, response: { 200: ProjectSchema, ...errorResponses(400, 401, 403, 404) } } },
      async (request) => projects.rename(request.principal!, request.params.id, request.body.name, client(request)),
    );
    app.delete(
      '/api/projects/:id',
      { config, schema: { summary: 'Delete a project and its versions (their files go with the next clean-up)', tags, params: ProjectParams, response: { 204: Type.Null({ description: 'Deleted' }), ...errorResponses(401, 403, 404) } } },
      async (request, reply) => {
        await projects.remove(request.principal!, request.params.id, client(request));
        return reply.code(204).send(null);
      },
    );
    app.post(
      '/api/projects/:id/restore',
      { config, schema: { summary: 'Make an earlier version the head again (nothing is removed)', tags, params: ProjectParams, body: RestoreBody, response: { 200: ProjectDetail, ...errorResponses(400, 401, 403, 404) } } },
      async (request) => projects.restore(request.principal!, request.params.id, request.body.version_id, client(request)),
    );
    app.get(
      '/api/usage',
      { config: { permission: 'jobs:read' }, schema: { summary: 'Your generation allowance today: generations and engine seconds used and left', tags, response: { 200: Usage, ...errorResponses(401, 403) } } },
      async (request) => deps.usage.report(request.principal!.userId),
    );
    app.get(
      '/api/jobs/:id/generation',
      { config: { permission: 'jobs:read' }, schema: { summary: 'The project version a generate job made', tags, params: JobParams, response: { 200: JobGeneration, ...errorResponses(401, 403, 404) } } },
      async (request) => {
        await deps.jobs.reach(request.principal!, request.params.id, 'read');
        return projects.ofJob(request.params.id);
      },
    );
  };
}
