import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { errorResponses } from '../http/schemas.js';
import type { ApiKeyService } from './api-key-service.js';
import { SCOPE_DOCS } from './scopes.js';

const KeyView = Type.Object({
  id: Type.String(),
  prefix: Type.String({ description: 'sk_<id>: how the key shows up in logs and lists.' }),
  user_id: Type.String(),
  name: Type.String(),
  scopes: Type.Array(Type.String()),
  allowed_cidrs: Type.Union([Type.Array(Type.String()), Type.Null()]),
  require_signature: Type.Boolean(),
  created_at: Type.String({ format: 'date-time' }),
  expires_at: Type.String({ format: 'date-time' }),
  last_used_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  last_used_ip: Type.Union([Type.String(), Type.Null()]),
});
const CreatedKey = Type.Object({ ...KeyView.properties, key: Type.String({ description: 'The whole key, shown this once.' }) });
const CreateBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    scopes: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 50 }),
    expires_in_days: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
    allowed_cidrs: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50 })),
    require_signature: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
const KeyParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });
const ScopeList = Type.Object({ scopes: Type.Array(Type.Object({ scope: Type.String(), min_role: Type.String(), doc: Type.String() })) });

export function apiKeyRoutes(deps: { apiKeys: ApiKeyService; sudo: (request: FastifyRequest) => void }) {
  const { apiKeys } = deps;
  return async function apiKeyRoutesPlugin(scope: FastifyInstance): Promise<void> {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    const config = { permission: 'keys:manage' as const };
    const tags = ['keys'];
    const client = (request: FastifyRequest) => ({ ip: request.ip, requestId: request.id });

    app.get(
      '/api/keys/scopes',
      { config, schema: { summary: 'Every scope a key can carry', tags, response: { 200: ScopeList, ...errorResponses(401, 403) } } },
      async () => ({ scopes: SCOPE_DOCS.map((entry) => ({ scope: entry.scope, min_role: entry.minRole, doc: entry.doc })) }),
    );

    app.get(
      '/api/keys',
      { config, schema: { summary: 'My live API keys (never their secrets)', tags, response: { 200: Type.Object({ keys: Type.Array(KeyView) }), ...errorResponses(401, 403) } } },
      async (request) => ({ keys: await apiKeys.list(request.principal!) }),
    );

    app.post(
      '/api/keys',
      {
        config,
        schema: {
          summary: 'Create an API key (sudo mode for a session; a key may create only narrower keys). The key is shown once.',
          tags,
          body: CreateBody,
          response: { 201: CreatedKey, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) => {
        const principal = request.principal!;
        if (principal.via !== 'api_key') deps.sudo(request);
        const body = request.body;
        const created = await apiKeys.create(
          principal,
          { name: body.name, scopes: body.scopes, expiresInDays: body.expires_in_days, allowedCidrs: body.allowed_cidrs, requireSignature: body.require_signature },
          client(request),
        );
        return reply.code(201).send(created);
      },
    );

    app.delete(
      '/api/keys/:id',
      {
        config,
        schema: { summary: 'Revoke a key (admins: anyone\'s)', tags, params: KeyParams, response: { 204: Type.Null({ description: 'Revoked' }), ...errorResponses(401, 403, 404) } },
      },
      async (request, reply) => {
        await apiKeys.revoke(request.principal!, request.params.id, client(request));
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/admin/keys',
      {
        config: { permission: 'users:manage' },
        schema: { summary: 'Every live API key of every user', tags, response: { 200: Type.Object({ keys: Type.Array(KeyView) }), ...errorResponses(401, 403) } },
      },
      async (request) => ({ keys: await apiKeys.list(request.principal!, true) }),
    );
  };
}
