import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { errorResponses } from '../http/schemas.js';
import { JobParams, JobSchema, JobStatusSchema } from '../jobs/schemas.js';
import type { Library } from './service.js';

const Tag = Type.String({ minLength: 1, maxLength: 40, pattern: '^[\\p{L}\\p{N}][\\p{L}\\p{N} _.-]*$' });

export const LibraryItem = Type.Intersect([
  JobSchema,
  Type.Object({
    notes: Type.Union([Type.String(), Type.Null()]),
    trashed_at: Type.Union([Type.String(), Type.Null()], { description: 'In the trash since; null when not in it.' }),
    deletes_at: Type.Union([Type.String(), Type.Null()], { description: 'When the trash deletes it for good (TRASH_DAYS after trashed_at).' }),
  }),
]);

const LibraryQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Words found in the title, notes or tags (each word, or the start of one).' })),
    tag: Type.Optional(Tag),
    type: Type.Optional(Type.String({ maxLength: 40 })),
    status: Type.Optional(JobStatusSchema),
    view: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('archived'), Type.Literal('trash')], { description: 'active (the default), archived, or the trash.' })),
    cursor: Type.Optional(Type.String({ maxLength: 300 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);

const MetadataBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    notes: Type.Optional(Type.Union([Type.String({ maxLength: 10_000 }), Type.Null()])),
    tags: Type.Optional(Type.Array(Tag, { maxItems: 20, uniqueItems: true })),
  },
  { additionalProperties: false, minProperties: 1 },
);

const DeletionReply = Type.Object({
  jobs: Type.Integer(),
  files: Type.Integer({ description: 'Stored files deleted.' }),
  encrypted: Type.Integer({ description: 'Of those, encrypted: erased with their keys.' }),
  backups: Type.String({ description: 'Until when copies can survive in backups, in words.' }),
});

const LibraryPage = Type.Object({
  items: Type.Array(LibraryItem),
  next_cursor: Type.Optional(Type.String()),
  trash_days: Type.Integer({ description: 'Days an item stays in the trash before it is deleted for good (TRASH_DAYS).' }),
  hard_delete: Type.Boolean({ description: 'Whether deleting for good, and emptying the trash early, is turned on (ENABLE_HARD_DELETE).' }),
});

const client = (request: FastifyRequest) => ({ ip: request.ip, requestId: request.id });

/** The library: find, describe, archive, trash and restore, delete for good. */
export function libraryRoutes(library: Library) {
  return async function libraryRoutesPlugin(scope: FastifyInstance): Promise<void> {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['library'];
    const read = { permission: 'jobs:read' as const };
    const write = { permission: 'jobs:submit' as const };
    const item = { 200: LibraryItem, ...errorResponses(400, 401, 403, 404, 409) };

    app.get(
      '/api/library',
      { config: read, schema: { summary: 'Your dubs and generations: search, filters, archived or trash (newest first, cursor pagination)', tags, querystring: LibraryQuery, response: { 200: LibraryPage, ...errorResponses(400, 401, 403) } } },
      async (request) => ({ ...(await library.list(request.principal!, request.query)), trash_days: library.policy.trashDays, hard_delete: library.policy.hardDelete }),
    );
    app.post(
      '/api/library/trash/empty',
      { config: write, schema: { summary: 'Delete everything in your trash for good now (ENABLE_HARD_DELETE)', tags, response: { 200: DeletionReply, ...errorResponses(401, 403, 409) } } },
      async (request) => library.emptyOwnTrash(request.principal!, client(request)),
    );
    app.patch(
      '/api/jobs/:id',
      { config: write, schema: { summary: 'Describe a job of yours: title, notes, tags', tags, params: JobParams, body: MetadataBody, response: item } },
      async (request) => library.describe(request.principal!, request.params.id, request.body, client(request)),
    );
    app.post('/api/jobs/:id/archive', { config: write, schema: { summary: 'Put a job away (hidden from the default view)', tags, params: JobParams, response: item } }, async (request) =>
      library.archive(request.principal!, request.params.id, true, client(request)),
    );
    app.post('/api/jobs/:id/unarchive', { config: write, schema: { summary: 'Bring an archived job back', tags, params: JobParams, response: item } }, async (request) =>
      library.archive(request.principal!, request.params.id, false, client(request)),
    );
    app.delete('/api/jobs/:id', { config: write, schema: { summary: 'Move a finished job to the trash (restorable for TRASH_DAYS)', tags, params: JobParams, response: item } }, async (request) =>
      library.trash(request.principal!, request.params.id, client(request)),
    );
    app.post('/api/jobs/:id/restore', { config: write, schema: { summary: 'Take a job back out of the trash', tags, params: JobParams, response: item } }, async (request) =>
      library.restore(request.principal!, request.params.id, client(request)),
    );
    app.delete(
      '/api/jobs/:id/permanently',
      { config: write, schema: { summary: 'Delete a job for good: every file crypto-shredded where encrypted (ENABLE_HARD_DELETE; owner or admin)', tags, params: JobParams, response: { 200: DeletionReply, ...errorResponses(401, 403, 404, 409) } } },
      async (request) => library.deletePermanently(request.principal!, request.params.id, client(request)),
    );
  };
}
