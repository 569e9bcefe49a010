import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { downloadHeaders } from '../http/download-headers.js';
import { sendFile } from '../http/send-file.js';
import { errorResponses } from '../http/schemas.js';
import type { JobOutputs } from './output-service.js';
import { ArtifactList, ArtifactParams, JobParams, LogPage, LogQuery } from './schemas.js';
import type { JobService } from './service.js';

const tags = ['jobs'];
const POLL_MS = 250;
const KEEPALIVE_MS = 15_000;

/** The SSE id to continue after: Last-Event-ID (what browsers resend on reconnect), else ?last_event_id. */
function resumeFrom(header: string | string[] | undefined, query: number | undefined): number {
  return (typeof header === 'string' && /^\d{1,15}$/.test(header) ? Number(header) : query) ?? 0;
}

/**
 * Server-Sent Events for one job: every event after the one the client last
 * saw (stage changes, progress, state), then new ones as they are recorded,
 * until the job ends. Events come from the database, so a stream works
 * whichever process runs the job.
 */
async function streamEvents(outputs: JobOutputs, jobId: string, after: number, reply: FastifyReply): Promise<void> {
  reply.hijack();
  const out = reply.raw;
  // Sakuga's headers (security headers, request id) go out on the raw response too.
  for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) out.setHeader(name, value as string);
  out.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  let last = after;
  let closed = false;
  // The response's close, not the request's: a request emits close once its (empty) body is read.
  out.on('close', () => (closed = true));
  let quietSince = Date.now();
  while (!closed) {
    const { events, ended } = await outputs.events(jobId, last);
    for (const event of events) {
      out.write(`id: ${event.id}\nevent: ${event.kind}\ndata: ${JSON.stringify(event.data)}\n\n`);
      last = event.id;
      quietSince = Date.now();
    }
    if (ended) break;
    if (Date.now() - quietSince > KEEPALIVE_MS) {
      out.write(': keep-alive\n\n');
      quietSince = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  out.end();
}

export function jobOutputRoutes(deps: { jobs: JobService; outputs: JobOutputs }) {
  return async function jobOutputRoutesPlugin(scope: FastifyInstance): Promise<void> {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      '/api/jobs/:id/events',
      {
        config: { permission: 'jobs:read', signedUrl: true },
        schema: {
          summary: 'Live job events as Server-Sent Events (resumable with Last-Event-ID)',
          tags,
          params: JobParams,
          querystring: Type.Object({ last_event_id: Type.Optional(Type.Integer({ minimum: 0 })) }),
          response: { 200: Type.String({ description: 'text/event-stream' }), ...errorResponses(401, 403, 404) },
        },
      },
      async (request, reply) => {
        await deps.jobs.reach(request.principal!, request.params.id, 'read');
        await streamEvents(deps.outputs, request.params.id, resumeFrom(request.headers['last-event-id'], request.query.last_event_id), reply);
      },
    );

    app.get(
      '/api/jobs/:id/log',
      { config: { permission: 'jobs:read' }, schema: { summary: 'The job\'s log (structured, redacted), a page at a time', tags, params: JobParams, querystring: LogQuery, response: { 200: LogPage, ...errorResponses(401, 403, 404) } } },
      async (request) => deps.outputs.log(request.principal!, request.params.id, request.query.after, request.query.limit),
    );

    app.get(
      '/api/jobs/:id/artifacts',
      { config: { permission: 'jobs:read' }, schema: { summary: 'What the job produced', tags, params: JobParams, response: { 200: ArtifactList, ...errorResponses(401, 403, 404) } } },
      async (request) => deps.outputs.artifacts(request.principal!, request.params.id),
    );

    app.get(
      '/api/jobs/:id/preview',
      {
        config: { permission: 'jobs:read' },
        schema: {
          summary: 'The latest preview frame of a running generation, where the engine sends them (a `preview` event names each new one)',
          tags,
          params: JobParams,
          // The frame's number from its event: a new address for each frame, so a browser's <img> asks again.
          querystring: Type.Object({ seq: Type.Optional(Type.Integer({ minimum: 1 })) }),
          response: { 200: Type.Unknown({ description: 'image/jpeg, image/png or image/webp' }), ...errorResponses(401, 403, 404) },
        },
      },
      async (request, reply) => {
        const frame = await deps.outputs.preview(request.principal!, request.params.id);
        // Replaced every half second while the job runs: nothing may keep an old one.
        reply.headers({ ...downloadHeaders(`preview-${frame.seq}`, { inline: true }), 'content-type': frame.mediaType, 'cache-control': 'no-store' });
        return reply.send(frame.bytes);
      },
    );

    app.get(
      '/api/jobs/:id/artifacts/:name',
      {
        config: { permission: 'jobs:read', signedUrl: true },
        schema: { summary: 'One artifact (Range requests supported)', tags, params: ArtifactParams, response: { 200: Type.Unknown(), 206: Type.Unknown(), ...errorResponses(401, 403, 404, 416) } },
      },
      async (request, reply) => sendFile(await deps.outputs.artifactFile(request.principal!, request.params.id, request.params.name), request.params.name, request, reply),
    );
  };
}
