import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { errorResponses } from '../http/schemas.js';
import type { FilePicker } from './file-picker.js';
import type { PickedImport } from './import-picked.js';
import { UploadStatus } from './routes.js';

const Query = Type.Object({ dir: Type.Optional(Type.String({ minLength: 1, maxLength: 4096 })) }, { additionalProperties: false });
const Listing = Type.Object({
  dir: Type.Union([Type.String(), Type.Null()], { description: 'The real path listed; null for the list of roots.' }),
  entries: Type.Array(
    Type.Object({
      name: Type.String(),
      type: Type.Union([Type.Literal('dir'), Type.Literal('file')]),
      kind: Type.Optional(Type.String()),
      size: Type.Optional(Type.Integer()),
    }),
  ),
});

export function filePickerRoutes(picker: FilePicker, imports: PickedImport) {
  return async function filePickerRoutesPlugin(scope: FastifyInstance): Promise<void> {
    scope.withTypeProvider<TypeBoxTypeProvider>().post(
      '/api/files/import',
      {
        config: { permission: 'jobs:submit' },
        schema: {
          summary: 'Use a picked server file as an upload: copied in and validated like one (GET /api/uploads/:id tells the verdict)',
          tags: ['uploads'],
          body: Type.Object({ path: Type.String({ minLength: 1, maxLength: 4096 }) }, { additionalProperties: false }),
          response: { 202: UploadStatus, ...errorResponses(400, 401, 403, 404, 413, 429) },
        },
      },
      async (request, reply) => reply.code(202).send(await imports.importPicked(request.principal!, request.body.path, { ip: request.ip, requestId: request.id })),
    );
    scope.withTypeProvider<TypeBoxTypeProvider>().get(
      '/api/files',
      {
        config: { permission: 'jobs:submit' },
        schema: { summary: 'Server file picker: media under the allowed directories', tags: ['uploads'], querystring: Query, response: { 200: Listing, ...errorResponses(400, 401, 403, 404) } },
      },
      async (request) => picker.list(request.query.dir),
    );
  };
}
