import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { errorResponses } from '../../http/schemas.js';
import { sendFile } from '../../http/send-file.js';
import { JobParams, JobSchema } from '../../jobs/schemas.js';
import type { JobService } from '../../jobs/service.js';
import { QaReport } from '../qa-schema.js';
import type { LinePreviews } from '../preview/service.js';
import type { QaReports } from './qa-report.js';
import type { Renders } from './renders.js';
import { PreviewBody, PreviewReply, RenderFileParams, RenderList, RerenderBody, SegmentPage, SegmentParams, SegmentPatchBody, SegmentQuery, SegmentSchema } from './schemas.js';
import type { SegmentReview } from './service.js';

const tags = ['review'];
const client = (request: FastifyRequest) => ({ ip: request.ip, requestId: request.id });

/** The dub's review: its segments, edits against their ETags, line previews, QA, re-renders and the versions they keep. */
export function reviewRoutes(deps: { jobs: JobService; review: SegmentReview; renders: Renders; qa: QaReports; previews: LinePreviews }) {
  return async function reviewRoutesPlugin(scope: FastifyInstance): Promise<void> {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      '/api/jobs/:id/segments',
      { config: { permission: 'jobs:read' }, schema: { summary: 'A dub\'s lines, a page at a time, each with its ETag', tags, params: JobParams, querystring: SegmentQuery, response: { 200: SegmentPage, ...errorResponses(400, 401, 403, 404) } } },
      async (request) => deps.review.list(request.principal!, request.params.id, request.query),
    );

    app.patch(
      '/api/jobs/:id/segments/:sid',
      {
        config: { permission: 'review:edit' },
        schema: {
          summary: 'Edit one line (If-Match: its ETag; a stale one gets 412)',
          tags,
          params: SegmentParams,
          headers: Type.Object({ 'if-match': Type.Optional(Type.String({ maxLength: 512 })) }),
          body: SegmentPatchBody,
          response: { 200: SegmentSchema, ...errorResponses(400, 401, 403, 404, 409, 412, 422, 428) },
        },
      },
      async (request, reply) => {
        const segment = await deps.review.edit(request.principal!, request.params.id, request.params.sid, request.headers['if-match'], request.body, client(request));
        return reply.header('etag', segment.etag).send(segment);
      },
    );

    app.post(
      '/api/jobs/:id/segments/:sid/preview',
      {
        config: { permission: 'review:edit' },
        // No body at all hears the saved text.
        preValidation: async (request) => {
          request.body ??= {};
        },
        schema: {
          summary: 'Hear one line before re-rendering: queues a preview job that speaks and fits it; poll the job, then fetch `audio_path`',
          tags,
          params: SegmentParams,
          body: PreviewBody,
          response: { 202: PreviewReply, ...errorResponses(400, 401, 403, 404, 422, 429) },
        },
      },
      async (request, reply) => reply.code(202).send(await deps.previews.preview(request.principal!, request.params.id, request.params.sid, request.body, client(request))),
    );

    app.post(
      '/api/jobs/:id/rerender',
      {
        config: { permission: 'review:edit' },
        // No body at all (curl -X POST) means no change of voices.
        preValidation: async (request) => {
          request.body ??= {};
        },
        schema: {
          summary: 'Render the dub again: only lines whose clip depends on something changed are spoken again; locked lines keep theirs',
          tags,
          params: JobParams,
          body: RerenderBody,
          response: { 202: JobSchema, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        await deps.renders.rerender(request.principal!, request.params.id, request.body, client(request));
        return reply.code(202).send(await deps.jobs.get(request.principal!, request.params.id));
      },
    );

    app.get(
      '/api/jobs/:id/qa',
      { config: { permission: 'jobs:read' }, schema: { summary: 'The QA report of the dub\'s current render: every finding points to its line (docs/qa.md)', tags, params: JobParams, response: { 200: QaReport, ...errorResponses(401, 403, 404, 409) } } },
      async (request) => deps.qa.current(request.principal!, request.params.id),
    );

    app.get(
      '/api/jobs/:id/renders',
      { config: { permission: 'jobs:read' }, schema: { summary: 'A dub\'s current render and the earlier ones kept', tags, params: JobParams, response: { 200: RenderList, ...errorResponses(401, 403, 404) } } },
      async (request) => deps.renders.list(request.principal!, request.params.id),
    );

    app.get(
      '/api/jobs/:id/renders/:render/artifacts/:name',
      {
        config: { permission: 'jobs:read', signedUrl: true },
        schema: { summary: 'One file of an earlier render (Range requests supported)', tags, params: RenderFileParams, response: { 200: Type.Unknown(), 206: Type.Unknown(), ...errorResponses(401, 403, 404, 416) } },
      },
      async (request, reply) => {
        const { id, render, name } = request.params;
        return sendFile(await deps.renders.keptFile(request.principal!, id, render, name), name, request, reply);
      },
    );
  };
}
