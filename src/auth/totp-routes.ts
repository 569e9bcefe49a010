import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { errorResponses } from '../http/schemas.js';
import { clientInfo } from './client-info.js';
import type { TotpService } from './totp-service.js';

const Status = Type.Object({ enabled: Type.Boolean(), recovery_codes_remaining: Type.Integer() });
const Setup = Type.Object({
  secret: Type.String({ description: 'Base32, for typing into an authenticator by hand.' }),
  otpauth_uri: Type.String(),
  qr_svg: Type.String({ description: 'The otpauth URI as an SVG QR code.' }),
});
const RecoveryCodes = Type.Object({ recovery_codes: Type.Array(Type.String(), { description: 'Shown once; store them safely.' }) });
const CodeBody = Type.Object({ code: Type.String({ minLength: 1, maxLength: 16 }) }, { additionalProperties: false });
const DisableBody = Type.Object(
  {
    password: Type.String({ minLength: 1, maxLength: 4096 }),
    code: Type.Optional(Type.String({ minLength: 1, maxLength: 16 })),
    recovery_code: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);


/** 2FA management. Setup, enable and regeneration need sudo mode; disable needs password and a code. */
export function totpRoutes(deps: {
  totp: TotpService;
  sudo: (request: FastifyRequest) => void;
  provePassword: (request: FastifyRequest, password: string) => Promise<void>;
}) {
  const { totp, sudo } = deps;
  return async function totpRoutesPlugin(scope: FastifyInstance): Promise<void> {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    const config = { permission: 'session:self' as const };
    const tags = ['2fa'];

    app.get(
      '/api/auth/totp',
      { config, schema: { summary: 'Is 2FA on, and how many recovery codes are left', tags, response: { 200: Status, ...errorResponses(401) } } },
      async (request) => totp.status(request.principal!.userId),
    );

    app.post(
      '/api/auth/totp/setup',
      { config, schema: { summary: 'Start 2FA: a new secret and its QR code', tags, response: { 200: Setup, ...errorResponses(401, 409) } } },
      async (request) => {
        sudo(request);
        return totp.beginSetup(request.principal!, clientInfo(request));
      },
    );

    app.post(
      '/api/auth/totp/enable',
      {
        config,
        schema: { summary: 'Turn 2FA on with a code from the app; returns recovery codes once', tags, body: CodeBody, response: { 200: RecoveryCodes, ...errorResponses(400, 401, 409) } },
      },
      async (request) => {
        sudo(request);
        return { recovery_codes: await totp.enable(request.principal!, request.body.code, clientInfo(request)) };
      },
    );

    app.post(
      '/api/auth/totp/disable',
      {
        config,
        schema: { summary: 'Turn 2FA off (password and a code)', tags, body: DisableBody, response: { 204: Type.Null({ description: 'Off' }), ...errorResponses(400, 401, 403, 409, 429) } },
      },
      async (request, reply) => {
        await deps.provePassword(request, request.body.password);
        await totp.disable(request.principal!, { totpCode: request.body.code, recoveryCode: request.body.recovery_code }, clientInfo(request));
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/auth/totp/recovery-codes',
      { config, schema: { summary: 'Replace all recovery codes; the old ones stop working', tags, response: { 200: RecoveryCodes, ...errorResponses(401, 409) } } },
      async (request) => {
        sudo(request);
        return { recovery_codes: await totp.regenerateRecoveryCodes(request.principal!, clientInfo(request)) };
      },
    );
  };
}
