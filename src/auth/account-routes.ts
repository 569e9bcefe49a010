import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { asSession } from '../access/principal.js';
import { errorResponses } from '../http/schemas.js';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { AccountService, ReauthProof } from './account-service.js';
import type { PasskeyService } from './passkey-service.js';
import { clientInfo } from './client-info.js';

const ReauthBody = Type.Union([
  Type.Object({ password: Type.String({ minLength: 1, maxLength: 4096 }) }, { additionalProperties: false }),
  Type.Object({ totp_code: Type.String({ minLength: 1, maxLength: 16 }) }, { additionalProperties: false }),
  Type.Object(
    {
      passkey: Type.Object(
        { challenge_id: Type.String({ maxLength: 64 }), response: Type.Record(Type.String(), Type.Unknown()) },
        { additionalProperties: false, description: 'From POST /api/auth/reauth/passkey-options and navigator.credentials.get().' },
      ),
    },
    { additionalProperties: false },
  ),
]);

const PasswordBody = Type.Object(
  {
    current_password: Type.String({ minLength: 1, maxLength: 4096 }),
    new_password: Type.String({ minLength: 1, maxLength: 4096 }),
    revoke_other_sessions: Type.Optional(Type.Boolean({ default: true, description: 'End every other session (default true).' })),
  },
  { additionalProperties: false },
);


export function accountRoutes(accounts: AccountService, passkeys: PasskeyService) {
  return async function accountRoutesPlugin(scope: FastifyInstance): Promise<void> {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    const config = { permission: 'session:self' as const };

    app.post(
      '/api/auth/reauth',
      {
        config,
        schema: {
          summary: 'Confirm the password, a TOTP code or a passkey to enter sudo mode for sensitive actions',
          tags: ['auth'],
          body: ReauthBody,
          response: { 204: Type.Null({ description: 'Sudo mode renewed' }), ...errorResponses(400, 401, 403, 429) },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const proof: ReauthProof =
          'password' in body
            ? { password: body.password }
            : 'totp_code' in body
              ? { totpCode: body.totp_code }
              : { passkey: { challengeId: body.passkey.challenge_id, response: body.passkey.response as unknown as AuthenticationResponseJSON } };
        await accounts.reauthenticate(asSession(request.principal), proof, clientInfo(request));
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/auth/reauth/passkey-options',
      {
        config,
        schema: {
          summary: 'Options for re-authenticating with one of my passkeys',
          tags: ['auth'],
          response: { 200: Type.Object({ challenge_id: Type.String(), options: Type.Record(Type.String(), Type.Unknown()) }), ...errorResponses(401, 404) },
        },
      },
      async (request) => passkeys.reauthOptions(request.principal!),
    );

    app.post(
      '/api/auth/password',
      {
        config,
        schema: {
          summary: 'Change my password (ends my other sessions by default)',
          tags: ['auth'],
          body: PasswordBody,
          response: { 200: Type.Object({ other_sessions_ended: Type.Integer() }), ...errorResponses(400, 401, 403, 429) },
        },
      },
      async (request) => {
        const body = request.body;
        const ended = await accounts.changePassword(
          asSession(request.principal),
          { currentPassword: body.current_password, newPassword: body.new_password, keepOtherSessions: body.revoke_other_sessions === false },
          clientInfo(request),
        );
        return { other_sessions_ended: ended };
      },
    );
  };
}
