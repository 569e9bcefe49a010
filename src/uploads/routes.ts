import { statfs } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Server } from '@tus/server';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Principal } from '../access/principal.js';
import { httpErrors } from '../http/errors.js';
import { errorResponses } from '../http/schemas.js';
import { StorageUnavailable } from '../storage/object-store.js';
import { storageErrors } from '../storage/errors.js';
import { uploadErrors } from './errors.js';
import { ReceivingStore } from './receiving-store.js';
import type { UploadFiles } from './upload-files.js';
import type { NewUpload, UploadService } from './service.js';

const UploadParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });
export const UploadStatus = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  filename: Type.String(),
  size: Type.Integer(),
  status: Type.Union([Type.Literal('receiving'), Type.Literal('validating'), Type.Literal('accepted'), Type.Literal('rejected')]),
  reason: Type.Optional(Type.String({ description: 'A stable code, when rejected.' })),
  sha256: Type.Optional(Type.String({ description: 'Of the whole file as kept, once accepted.' })),
  media: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'What validation found: duration, size, streams.' })),
  created_at: Type.String({ format: 'date-time' }),
});
const ListQuery = Type.Object(
  { cursor: Type.Optional(Type.String({ maxLength: 300 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) },
  { additionalProperties: false },
);
const UploadList = Type.Object({ uploads: Type.Array(UploadStatus), next_cursor: Type.Optional(Type.String()) });
const UploadLimits = Type.Object({
  kinds: Type.Array(Type.Object({ kind: Type.String(), extensions: Type.Array(Type.String()), max_bytes: Type.Integer() })),
  max_video_seconds: Type.Integer(),
  max_audio_seconds: Type.Integer(),
});
const TusReply = { 201: Type.Null({ description: 'tus 1.0 response' }), 204: Type.Null({ description: 'tus 1.0 response' }) };

/** Less than this free means the disk is full for an upload's purposes. */
const FULL_BELOW_BYTES = 1024 * 1024;
async function nearlyFull(directory: string | undefined): Promise<boolean> {
  if (directory === undefined) return false;
  const stats = await statfs(directory).catch(() => undefined);
  return stats !== undefined && stats.bavail * stats.bsize < FULL_BELOW_BYTES;
}

const errorBody = (code: string, message: string, requestId = '') => JSON.stringify({ error: { code, message, request_id: requestId } });

/** What the tus hooks need to know about the request being handled, keyed by the raw request. */
const pending = new WeakMap<IncomingMessage, { principal?: Principal; upload?: NewUpload; requestId: string; ip: string; log: FastifyBaseLogger }>();

type NodeBacked = { runtime?: { node?: { req: IncomingMessage } } };
const rawOf = (req: unknown) => (req as NodeBacked).runtime?.node?.req;

/**
 * tus 1.0 at /api/uploads (creation, creation-with-upload, termination,
 * expiration) through @tus/server, its bytes stored in the blob store as
 * they arrive (receiving-store.ts).
 * Sakuga's own chain authenticates, authorizes and checks ownership first;
 * only then is the raw request handed to tus. Ids are the server's (random),
 * no client-supplied name touches the disk, and there is no GET of the bytes:
 * GET /api/uploads/:id is the upload's status.
 */
export function uploadRoutes(deps: {
  uploads: UploadService;
  files: UploadFiles;
  /** The local disk the blobs are on (free space tells a full disk apart); none for S3. */
  diskDirectory?: string;
  corsOrigins: readonly string[];
}) {
  const { uploads } = deps;
  let tus: Server | undefined;

  function tusServer(): Server {
    if (tus) return tus;
    tus = new Server({
      path: '/api/uploads',
      datastore: new ReceivingStore({ files: deps.files, lengthOf: uploads.declaredLength }),
      relativeLocation: true,
      respectForwardedHeaders: false,
      // tus answers `Access-Control-Allow-Origin: *` unless told otherwise; only Sakuga's allowlist.
      allowedOrigins: (origin) => deps.corsOrigins.includes(origin),
      allowedCredentials: true,
      maxSize: uploads.largestLimit,
      async onUploadCreate(req, upload) {
        const context = pending.get(rawOf(req)!);
        if (!context?.upload || !context.principal) throw { status_code: 500, body: 'upload context missing\n' };
        await uploads.recordCreated(context.principal, upload.id, context.upload, context);
        return {};
      },
      async onUploadFinish(_req, upload) {
        await uploads.finished(upload.id);
        return {};
      },
      // tus would answer an internal error with its message (which names paths): never.
      async onResponseError(req, error) {
        const status = error instanceof Error ? 500 : error.status_code;
        if (status < 500) return undefined; // the protocol's own 4xx answers
        const context = pending.get(rawOf(req)!);
        const id = new URL(req.url).pathname.split('/').pop() ?? '';
        if (error instanceof StorageUnavailable) {
          const { code, message } = storageErrors.storage_unavailable;
          return { status_code: 503, body: errorBody(code, message, context?.requestId) };
        }
        // A write can fail without its cause; free space tells a full disk apart.
        if ((error as NodeJS.ErrnoException).code === 'ENOSPC' || (await nearlyFull(deps.diskDirectory))) {
          await uploads.failedForSpace(id);
          return { status_code: 507, body: errorBody('storage_full', uploadErrors.storage_full.message, context?.requestId) };
        }
        context?.log.error({ err: error }, 'upload request failed');
        return { status_code: 500, body: errorBody(httpErrors.internal_error.code, httpErrors.internal_error.message, context?.requestId) };
      },
    });
    tus.on('POST_TERMINATE', (_req: unknown, _res: unknown, id: string) => void uploads.terminated(id));
    return tus;
  }

  async function handOver(request: FastifyRequest, reply: FastifyReply, upload?: NewUpload): Promise<void> {
    pending.set(request.raw, { ...(request.principal && { principal: request.principal }), ...(upload && { upload }), requestId: request.id, ip: request.ip, log: request.log });
    // Sakuga's headers (security headers, request id) go out on the raw response too.
    for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) reply.raw.setHeader(name, value as string);
    reply.hijack();
    try {
      await tusServer().handle(request.raw, reply.raw);
    } catch (error) {
      request.log.error({ err: error }, 'upload request failed');
      if (!reply.raw.headersSent) reply.raw.writeHead(500, { 'content-type': 'application/json' });
      reply.raw.end(errorBody(httpErrors.internal_error.code, httpErrors.internal_error.message, request.id));
    }
  }

  return async function uploadRoutesPlugin(scope: FastifyInstance): Promise<void> {
    // tus streams the body itself; Fastify must leave it unread (only in this plugin).
    scope.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => done(null));
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    const submit = { permission: 'jobs:submit' as const };
    const tags = ['uploads'];

    app.post(
      '/api/uploads',
      { config: submit, schema: { summary: 'tus 1.0: create an upload (Upload-Length, Upload-Metadata kind and filename)', tags, response: { ...TusReply, ...errorResponses(400, 401, 403, 413, 429) } } },
      async (request, reply) => {
        const header = (name: string) => (typeof request.headers[name] === 'string' ? (request.headers[name] as string) : undefined);
        const upload = uploads.checkCreation({ uploadLength: header('upload-length'), uploadMetadata: header('upload-metadata') });
        await uploads.admit(request.principal!, upload);
        await handOver(request, reply, upload);
      },
    );

    for (const method of ['HEAD', 'PATCH', 'DELETE'] as const) {
      app.route({
        method,
        url: '/api/uploads/:id',
        config: submit,
        schema: { summary: `tus 1.0: ${method} an upload of yours`, tags, params: UploadParams, response: { ...TusReply, 200: Type.Null(), ...errorResponses(401, 403, 404) } },
        handler: async (request, reply) => {
          await uploads.own(request.principal!, (request.params as { id: string }).id);
          await handOver(request, reply);
        },
      });
    }

    // tus 1.0 discovery: Tus-Version, Tus-Extension, Tus-Max-Size. Public like a CORS preflight (which the CORS plugin
    // answers before this route); it says nothing about anyone's uploads.
    for (const url of ['/api/uploads', '/api/uploads/:id']) {
      app.options(url, { config: { permission: 'public' }, schema: { summary: 'tus 1.0: the server\'s tus configuration', tags, response: { 204: TusReply[204] } } }, (request, reply) =>
        handOver(request, reply),
      );
    }

    app.get(
      '/api/uploads',
      { config: { permission: 'jobs:read' }, schema: { summary: 'Your uploads, newest first (cursor pagination)', tags, querystring: ListQuery, response: { 200: UploadList, ...errorResponses(400, 401, 403) } } },
      async (request) => uploads.list(request.principal!, request.query),
    );

    app.get(
      '/api/uploads/limits',
      { config: { permission: 'jobs:read' }, schema: { summary: 'What may be uploaded: extensions and largest size per kind, longest media', tags, response: { 200: UploadLimits, ...errorResponses(401, 403) } } },
      async () => uploads.limits(),
    );

    app.get(
      '/api/uploads/:id',
      { config: { permission: 'jobs:read' }, schema: { summary: 'An upload\'s status (never its bytes)', tags, params: UploadParams, response: { 200: UploadStatus, ...errorResponses(401, 403, 404) } } },
      async (request) => uploads.view(await uploads.own(request.principal!, request.params.id)),
    );
  };
}
