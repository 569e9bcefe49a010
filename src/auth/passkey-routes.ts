import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { errorResponses } from '../http/schemas.js';
import type { CsrfTokens } from './csrf.js';
import type { PasskeyService } from './passkey-service.js';
import { clientInfo } from './client-info.js';
import { LoginReply } from './schemas.js';
import { sessionReply } from './session-reply.js';

// WebAuthn's JSON grows new optional members; the library checks the contents.
const Open = { additionalProperties: true } as const;
const CredentialJson = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 1024 }),
    rawId: Type.String({ minLength: 1, maxLength: 1024 }),
    type: Type.Literal('public-key'),
    response: Type.Object({ clientDataJSON: Type.String({ maxLength: 8192 }) }, Open),
    clientExtensionResults: Type.Record(Type.String(), Type.Unknown()),
  },
  Open,
);
const Options = Type.Object({ challenge_id: Type.String(), options: Type.Record(Type.String(), Type.Unknown()) });
const RegisterBody = Type.Object(
  { challenge_id: Type.String({ maxLength: 64 }), response: CredentialJson, name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) },
  { additionalProperties: false },
);
const LoginBody = Type.Object(
  {
    challenge_id: Type.String({ maxLength: 64 }),
    response: CredentialJson,
    mode: Type.Optional(Type.Union([Type.Literal('token'), Type.Literal('cookie')])),
    device_name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false },
);
const PasskeyView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  transports: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String({ format: 'date-time' }),
  last_used_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
const PasskeyParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 1024 }) }, { additionalProperties: false });
const RenameBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });
const Done = Type.Null({ description: 'Done' });

export function passkeyRoutes(deps: { passkeys: PasskeyService; sudo: (request: FastifyRequest) => void; csrf: CsrfTokens; publicUrl: string | undefined }) {
  const { passkeys, sudo } = deps;
  return async function passkeyRoutesPlugin(scope: FastifyInstance): Promise<void> {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    const own = { permission: 'session:self' as const };
    const tags = ['passkeys'];

    app.post('/api/auth/passkeys/register/options', { config: own, schema: { summary: 'Start adding a passkey (sudo)', tags, response: { 200: Options, ...errorResponses(401) } } }, async (request) => {
      sudo(request);
      return passkeys.registrationOptions(request.principal!);
    });

    app.post(
      '/api/auth/passkeys/register/verify',
      { config: own, schema: { summary: 'Finish adding a passkey (sudo)', tags, body: RegisterBody, response: { 201: Type.Object({ passkey: Type.Object({ id: Type.String(), name: Type.String(), created_at: Type.String() }) }), ...errorResponses(400, 401) } } },
      async (request, reply) => {
        sudo(request);
        const body = request.body;
        const passkey = await passkeys.register(
          request.principal!,
          { challengeId: body.challenge_id, response: body.response as unknown as RegistrationResponseJSON, name: body.name },
          clientInfo(request),
        );
        return reply.code(201).send({ passkey });
      },
    );

    app.get('/api/auth/passkeys', { config: own, schema: { summary: 'My passkeys', tags, response: { 200: Type.Object({ passkeys: Type.Array(PasskeyView) }), ...errorResponses(401) } } }, async (request) => ({
      passkeys: await passkeys.list(request.principal!.userId),
    }));

    app.patch(
      '/api/auth/passkeys/:id',
      { config: own, schema: { summary: 'Rename a passkey', tags, params: PasskeyParams, body: RenameBody, response: { 204: Done, ...errorResponses(400, 401, 404) } } },
      async (request, reply) => {
        await passkeys.rename(request.principal!, request.params.id, request.body.name);
        return reply.code(204).send(null);
      },
    );

    app.delete(
      '/api/auth/passkeys/:id',
      { config: own, schema: { summary: 'Remove a passkey (sudo)', tags, params: PasskeyParams, response: { 204: Done, ...errorResponses(401, 404) } } },
      async (request, reply) => {
        sudo(request);
        await passkeys.remove(request.principal!, request.params.id, clientInfo(request));
        return reply.code(204).send(null);
      },
    );

    app.post('/api/auth/passkeys/login/options', { config: { permission: 'public' }, schema: { summary: 'Start a passkey sign-in', tags, response: { 200: Options } } }, async () =>
      passkeys.loginOptions(),
    );

    app.post(
      '/api/auth/passkeys/login/verify',
      { config: { permission: 'public' }, schema: { summary: 'Finish a passkey sign-in (counts as multi-factor)', tags, body: LoginBody, response: { 200: LoginReply, ...errorResponses(400, 401) } } },
      async (request, reply) => {
        const body = request.body;
        const started = await passkeys.login(
          { challengeId: body.challenge_id, response: body.response as unknown as AuthenticationResponseJSON, mode: body.mode ?? 'token' },
          clientInfo(request, body.device_name),
        );
        return sessionReply(request, reply, started, deps);
      },
    );
  };
}
