import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { errorResponses } from '../http/schemas.js';
import type { FilePicker } from './file-picker.js';

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

export function filePickerRoutes(picker: FilePicker) {
  return async function filePickerRoutesPlugin(scope: FastifyInstance): Promise<void> {
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
