import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { errorResponses } from '../http/schemas.js';
import { clientInfo } from './client-info.js';
import type { EmailService } from './email-service.js';

const EmailState = Type.Object({
  email: Type.Union([Type.String(), Type.Null()]),
  email_verified: Type.Boolean({ description: 'Only verified addresses get sign-in links or let single sign-on link the account.' }),
});
const ChangeReply = Type.Object({
  ...EmailState.properties,
  confirmation_sent: Type.Boolean({ description: 'A link went to the new address; it becomes yours when the link is opened.' }),
});
const ChangeBody = Type.Object(
  { email: Type.Union([Type.String({ minLength: 3, maxLength: 320 }), Type.Null()], { description: 'null removes the address at once.' }) },
  { additionalProperties: false },
);
const ConfirmBody = Type.Object({ token: Type.String({ minLength: 1, maxLength: 256 }) }, { additionalProperties: false });

export function emailRoutes(deps: { email: EmailService; sudo: (request: FastifyRequest) => void }) {
  const { email } = deps;
  return async function emailRoutesPlugin(scope: FastifyInstance): Promise<void> {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    const config = { permission: 'session:self' as const };
    const tags = ['auth'];

    app.get(
      '/api/auth/email',
      { config, schema: { summary: 'My email address and whether it is verified', tags, response: { 200: EmailState, ...errorResponses(401) } } },
      async (request) => email.current(request.principal!.userId),
    );

    app.put(
      '/api/auth/email',
      {
        config,
        schema: {
          summary: 'Change my email address (sudo mode): it takes effect when the link mailed to it is opened',
          tags,
          body: ChangeBody,
          response: { 200: ChangeReply, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        deps.sudo(request);
        return email.change(request.principal!, request.body.email, clientInfo(request));
      },
    );

    app.post(
      '/api/auth/email/confirm',
      {
        config: { permission: 'public' },
        schema: { summary: 'Confirm a new email address with the mailed link', tags, body: ConfirmBody, response: { 200: EmailState, ...errorResponses(400, 401, 409) } },
      },
      async (request) => email.confirm(request.body.token, clientInfo(request)),
    );
  };
}
