import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../http/app-error.js';
import { errorResponses } from '../http/schemas.js';
import { jobErrors } from './errors.js';
import { BatchBody, IDEMPOTENCY_KEY, JobList, JobParams, JobRequestBody, JobSchema, ListQuery } from './schemas.js';
import type { JobService } from './service.js';

const tags = ['jobs'];
const client = (request: FastifyRequest) => ({ ip: request.ip, requestId: request.id });

function idempotencyKey(request: FastifyRequest): string | undefined {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !IDEMPOTENCY_KEY.test(header)) throw new AppError(jobErrors.idempotency_key_invalid);
  return header;
}

/** Submitting, listing, reading and cancelling jobs. Events, logs and artifacts are in output-routes.ts. */
export function jobRoutes(jobs: JobService) {
  return async function jobRoutesPlugin(scope: FastifyInstance): Promise<void> {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();

    app.post(
      '/api/jobs',
      {
        config: { permission: 'jobs:submit' },
        schema: {
          summary: 'Submit a job (honours Idempotency-Key: the same key and body give the same job; a different body 422)',
          tags,
          headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String()) }),
          body: JobRequestBody,
          response: { 200: JobSchema, 201: JobSchema, ...errorResponses(400, 401, 403, 409, 422, 429) },
        },
      },
      async (request, reply) => {
        const { job, replayed } = await jobs.submit(request.principal!, request.body, idempotencyKey(request), client(request));
        if (replayed) reply.header('idempotent-replayed', 'true');
        return reply.code(replayed ? 200 : 201).send(job);
      },
    );

    app.post(
      '/api/jobs/batch',
      {
        config: { permission: 'jobs:submit' },
        schema: { summary: 'Submit up to 100 jobs, all or none', tags, body: BatchBody, response: { 201: Type.Object({ jobs: Type.Array(JobSchema) }), ...errorResponses(400, 401, 403, 409, 422, 429) } },
      },
      async (request, reply) => reply.code(201).send({ jobs: await jobs.submitBatch(request.principal!, request.body.jobs, client(request)) }),
    );

    app.get(
      '/api/jobs',
      { config: { permission: 'jobs:read' }, schema: { summary: 'Your jobs, newest first (cursor pagination)', tags, querystring: ListQuery, response: { 200: JobList, ...errorResponses(400, 401, 403) } } },
      async (request) => jobs.list(request.principal!, request.query),
    );

    app.get(
      '/api/jobs/:id',
      { config: { permission: 'jobs:read' }, schema: { summary: 'One job', tags, params: JobParams, response: { 200: JobSchema, ...errorResponses(401, 403, 404) } } },
      async (request) => jobs.get(request.principal!, request.params.id),
    );

    app.post(
      '/api/jobs/:id/cancel',
      { config: { permission: 'jobs:submit' }, schema: { summary: 'Cancel a job (idempotent)', tags, params: JobParams, response: { 200: JobSchema, ...errorResponses(401, 403, 404) } } },
      async (request) => jobs.cancel(request.principal!, request.params.id, client(request)),
    );
  };
}
