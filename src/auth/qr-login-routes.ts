import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { errorResponses } from '../http/schemas.js';
import type { QrLoginService } from './qr-login-service.js';
import { clientInfo } from './client-info.js';
import type { CsrfTokens } from './csrf.js';
import { CookieLoginReply, TokenPairReply } from './schemas.js';
import { sessionReply } from './session-reply.js';

const QrParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });
const InitBody = Type.Object({ device_name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) }, { additionalProperties: false });
const InitReply = Type.Object({
  qr_id: Type.String(),
  poll_token: Type.String({ description: 'Only the new device knows it; send it as X-Poll-Token when polling.' }),
  user_code: Type.String({ description: 'Shown on the new device; the approver types or confirms it.' }),
  approve_url: Type.String({ description: 'What the QR code holds. It grants nothing by itself.' }),
  expires_in: Type.Integer(),
});
const PollHeaders = Type.Object({
  'x-poll-token': Type.String({ minLength: 1, maxLength: 256 }),
  'x-totp-code': Type.Optional(Type.String({ maxLength: 16 })),
  'x-recovery-code': Type.Optional(Type.String({ maxLength: 64 })),
});
// A browser asks for a cookie session (as login's `mode`); an app or a TV gets tokens.
const PollQuery = Type.Object(
  { mode: Type.Optional(Type.Union([Type.Literal('token'), Type.Literal('cookie')], { default: 'token' })) },
  { additionalProperties: false },
);
const PollReply = Type.Union([
  Type.Object({ status: Type.Literal('pending') }),
  Type.Object({ status: Type.Literal('approved'), ...TokenPairReply.properties }),
  Type.Object({ status: Type.Literal('approved'), ...CookieLoginReply.properties }),
]);
const RequestView = Type.Object({
  device_name: Type.Union([Type.String(), Type.Null()]),
  user_agent: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String({ format: 'date-time' }),
  expires_at: Type.String({ format: 'date-time' }),
  approved: Type.Boolean(),
});
const ApproveBody = Type.Object({ user_code: Type.String({ minLength: 1, maxLength: 16 }) }, { additionalProperties: false });

export function qrLoginRoutes(deps: { qr: QrLoginService; sudo: (request: FastifyRequest) => void; csrf: CsrfTokens; publicUrl: string | undefined }) {
  const { qr } = deps;
  return async function qrLoginRoutesPlugin(scope: FastifyInstance): Promise<void> {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['auth'];

    app.post(
      '/api/auth/qr/init',
      {
        config: { permission: 'public' },
        schema: { summary: 'New device: start a QR sign-in', tags, body: InitBody, response: { 200: InitReply, ...errorResponses(400, 429) } },
      },
      async (request) => {
        const started = await qr.init(clientInfo(request, request.body.device_name));
        const base = deps.publicUrl ?? `${request.protocol}://${request.host}`;
        return { ...started, approve_url: `${base}/auth/qr#id=${started.qr_id}` };
      },
    );

    app.get(
      '/api/auth/qr/:id',
      {
        config: { permission: 'public' },
        schema: {
          summary: 'New device: poll; receives its own session once approved (410 afterwards)',
          tags,
          params: QrParams,
          querystring: PollQuery,
          headers: PollHeaders,
          response: { 200: PollReply, ...errorResponses(400, 401, 404, 410, 429) },
        },
      },
      async (request, reply) => {
        const headers = request.headers;
        const mode = request.query.mode ?? 'token';
        const outcome = await qr.poll(
          request.params.id,
          headers['x-poll-token'],
          { totpCode: headers['x-totp-code'], recoveryCode: headers['x-recovery-code'] },
          clientInfo(request),
          mode,
        );
        if (outcome.status === 'pending') return outcome;
        // The poll token travels in a header, so another site cannot make a browser poll (no login CSRF).
        if (outcome.session.mode === 'token') return { status: 'approved' as const, ...outcome.session.tokens };
        return { status: 'approved' as const, ...sessionReply(request, reply, outcome, deps) };
      },
    );

    app.get(
      '/api/auth/qr/:id/request',
      {
        config: { permission: 'session:self' },
        schema: { summary: 'Approver: which device and address is asking', tags, params: QrParams, response: { 200: RequestView, ...errorResponses(401, 404, 410) } },
      },
      async (request) => qr.describe(request.params.id),
    );

    app.post(
      '/api/auth/qr/:id/approve',
      {
        config: { permission: 'session:self' },
        schema: {
          summary: 'Approver: let the new device in (sudo mode and the user code)',
          tags,
          params: QrParams,
          body: ApproveBody,
          response: { 204: Type.Null({ description: 'Approved' }), ...errorResponses(400, 401, 403, 404, 409, 410) },
        },
      },
      async (request, reply) => {
        deps.sudo(request);
        await qr.approve(request.principal!, request.params.id, request.body.user_code, clientInfo(request));
        return reply.code(204).send(null);
      },
    );
  };
}
