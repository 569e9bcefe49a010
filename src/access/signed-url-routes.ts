import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { createRouteMatcher } from '../http/route-table.js';
import { errorResponses } from '../http/schemas.js';
import { SIGNED_URL_DEFAULT_SECONDS, SIGNED_URL_MAX_SECONDS, type SignedUrlService } from './signed-url-service.js';

const MintBody = Type.Object(
  {
    path: Type.String({ minLength: 1, maxLength: 2048, pattern: '^/[^#\\s]*$', description: 'A path (and query) on this server, e.g. an artifact.' }),
    expires_in: Type.Optional(Type.Integer({ minimum: 1, maximum: SIGNED_URL_MAX_SECONDS, default: SIGNED_URL_DEFAULT_SECONDS, description: 'Seconds; 10 minutes by default, 24 hours at most.' })),
  },
  { additionalProperties: false },
);
const MintReply = Type.Object({
  url: Type.String({ description: 'Absolute when PUBLIC_URL is set; otherwise the path to append to this server\'s address.' }),
  expires_at: Type.String({ format: 'date-time' }),
});

export function signedUrlRoutes(deps: { signedUrls: SignedUrlService; publicUrl: string | undefined }) {
  return async function signedUrlRoutesPlugin(scope: FastifyInstance): Promise<void> {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    const matchRoute = createRouteMatcher(scope);

    app.post(
      '/api/signed-urls',
      {
        config: { permission: 'jobs:read' },
        schema: {
          summary: 'A link to one path for players that cannot send headers; dies with this session or key',
          tags: ['access'],
          body: MintBody,
          response: { 200: MintReply, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        const { path, expires_in } = request.body;
        const signed = deps.signedUrls.mint(request.principal!, path, matchRoute('GET', path.split('?')[0]!), expires_in);
        return { url: `${deps.publicUrl ?? ''}${signed.path}`, expires_at: signed.expires_at };
      },
    );
  };
}
