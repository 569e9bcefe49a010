import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { errorResponses } from '../http/schemas.js';
import type { QrLoginService } from './qr-login-service.js';
import { clientInfo } from './client-info.js';
import { TokenPairReply } from './schemas.js';

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
const PollReply = Type.Union([
  Type.Object({ status: Type.Literal('pending') }),
  Type.Object({ status: Type.Literal('approved'), ...TokenPairReply.properties }),
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

export function qrLoginRoutes(deps: { qr: QrLoginService; sudo: (request: FastifyRequest) => void; publicUrl: string | undefined }) {
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
          headers: PollHeaders,
          response: { 200: PollReply, ...errorResponses(400, 401, 404, 410, 429) },
        },
      },
      async (request) => {
        const headers = request.headers;
        const outcome = await qr.poll(
          request.params.id,
          headers['x-poll-token'],
          { totpCode: headers['x-totp-code'], recoveryCode: headers['x-recovery-code'] },
          clientInfo(request),
        );
        return outcome.status === 'pending' ? outcome : { status: 'approved' as const, ...outcome.tokens };
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
