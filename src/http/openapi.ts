import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';

/**
 * OpenAPI 3.1 generated from the route schemas (no hand-written spec). Routes
 * that are not public are marked as needing a bearer token or the session
 * cookie. Must be registered before the routes so it sees them all.
 */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Sakuga API', version, description: 'Self-hosted AI anime production server.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An access token from /api/auth/login or /api/auth/refresh.' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'sakuga_session', description: '__Host-sakuga_session over HTTPS; needs X-CSRF-Token on writes.' },
        },
      },
    },
    transform: ({ schema, url, route }) => {
      const permission = route.config?.permission;
      if (!schema || permission === undefined || permission === 'public') return { schema, url };
      const security: Array<Record<string, string[]>> = [{ bearer: [] }, { cookie: [] }];
      const documented = { ...schema, security, description: `Requires the \`${permission}\` permission.` };
      return { schema: documented, url };
    },
  });
}

export function openApiRoute(app: FastifyInstance): void {
  app.get('/api/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () => app.swagger());
}
