import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { errorResponses } from '../http/schemas.js';
import type { CsrfTokens } from './csrf.js';
import type { MagicLinkService } from './magic-link-service.js';
import { clientInfo } from './client-info.js';
import { FinishSignInFields, LoginReply } from './schemas.js';
import { sessionReply } from './session-reply.js';

const RequestBody = Type.Object({ email: Type.String({ minLength: 3, maxLength: 320 }) }, { additionalProperties: false });
const VerifyBody = Type.Object({ token: Type.String({ minLength: 1, maxLength: 256 }), ...FinishSignInFields }, { additionalProperties: false });

export function magicLinkRoutes(deps: { magicLinks: MagicLinkService; csrf: CsrfTokens; publicUrl: string | undefined }) {
  const { magicLinks } = deps;
  return async function magicLinkRoutesPlugin(scope: FastifyInstance): Promise<void> {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    const config = { permission: 'public' as const };

    app.post(
      '/api/auth/magic-link',
      {
        config,
        schema: {
          summary: 'Mail a sign-in link (always 202, whether or not the address has an account)',
          tags: ['auth'],
          body: RequestBody,
          response: { 202: Type.Object({ status: Type.Literal('accepted') }), ...errorResponses(400, 404) },
        },
      },
      async (request, reply) => {
        await magicLinks.request(request.body.email, clientInfo(request));
        return reply.code(202).send({ status: 'accepted' as const });
      },
    );

    app.post(
      '/api/auth/magic-link/verify',
      {
        config,
        schema: {
          summary: 'Sign in with a mailed link (plus a code for 2FA accounts)',
          tags: ['auth'],
          body: VerifyBody,
          response: { 200: LoginReply, ...errorResponses(400, 401, 404, 429) },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const started = await magicLinks.verify(
          body.token,
          { mode: body.mode ?? 'token', totpCode: body.totp_code, recoveryCode: body.recovery_code },
          clientInfo(request, body.device_name),
        );
        return sessionReply(request, reply, started, deps);
      },
    );
  };
}
