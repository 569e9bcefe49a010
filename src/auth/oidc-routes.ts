import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../http/app-error.js';
import { isServedOverHttps } from '../http/https.js';
import { errorResponses } from '../http/schemas.js';
import { clientInfo } from './client-info.js';
import { clearOidcFlowCookie, readOidcFlowCookie, setOidcFlowCookie } from './cookies.js';
import type { CsrfTokens } from './csrf.js';
import type { OidcService } from './oidc-service.js';
import { FinishSignInFields, LoginReply } from './schemas.js';
import { sessionReply } from './session-reply.js';

const CompleteBody = Type.Object(FinishSignInFields, { additionalProperties: false });
const LinkReply = Type.Object({ authorization_url: Type.String({ description: 'Send the browser here; it comes back to /auth/oidc#linked.' }) });
const Identity = Type.Object({
  id: Type.String(),
  issuer: Type.String(),
  subject: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String({ format: 'date-time' }),
  last_login_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
const IdentityParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });
const Redirect = { 302: Type.Null({ description: 'Redirect (Location header)' }), 303: Type.Null({ description: 'Redirect (Location header)' }) };

export function oidcRoutes(deps: { oidc: OidcService; csrf: CsrfTokens; publicUrl: string | undefined; sudo: (request: FastifyRequest) => void }) {
  const { oidc } = deps;
  return async function oidcRoutesPlugin(scope: FastifyInstance): Promise<void> {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    const config = { permission: 'public' as const };
    const tags = ['auth'];

    app.get(
      '/api/auth/oidc/start',
      {
        config,
        schema: { summary: 'Single sign-on: go to the identity provider', tags, response: { ...Redirect, ...errorResponses(404, 429, 502) } },
      },
      async (request, reply) => {
        const started = await oidc.start(clientInfo(request));
        setOidcFlowCookie(reply, started.flowToken, started.maxAgeSeconds, isServedOverHttps(request, deps.publicUrl));
        return reply.redirect(started.authorizationUrl, 302);
      },
    );

    app.get(
      '/api/auth/oidc/callback',
      {
        config,
        schema: {
          summary: 'Single sign-on: where the identity provider sends the browser back',
          tags,
          response: { ...Redirect, ...errorResponses(400, 401, 403, 404, 409, 502) },
        },
      },
      async (request, reply) => {
        const query = request.url.split('?')[1] ?? '';
        const flow = readOidcFlowCookie(request, isServedOverHttps(request, deps.publicUrl));
        let outcome: Awaited<ReturnType<typeof oidc.callback>>;
        try {
          outcome = await oidc.callback(flow, query, clientInfo(request));
        } catch (error) {
          // The provider sent a person's browser here: it lands on the app's page, which says
          // what went wrong in a sentence; a script (no text/html in Accept) gets the JSON error.
          if (error instanceof AppError && String(request.headers.accept ?? '').includes('text/html')) {
            return reply.redirect(`/auth/oidc#error=${encodeURIComponent(error.code)}`, 303);
          }
          throw error;
        }
        // The page finishes the sign-in (asking for a code if the account has 2FA), or says the link is made.
        return reply.redirect(outcome === 'linked' ? '/auth/oidc#linked' : '/auth/oidc', 303);
      },
    );

    app.post(
      '/api/auth/oidc/complete',
      {
        config,
        schema: {
          summary: 'Single sign-on: finish signing in (plus a code for 2FA accounts); needs the flow cookie',
          tags,
          body: CompleteBody,
          response: { 200: LoginReply, ...errorResponses(400, 401, 403, 404, 429) },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const secure = isServedOverHttps(request, deps.publicUrl);
        const started = await oidc.complete(
          readOidcFlowCookie(request, secure),
          { mode: body.mode ?? 'cookie', totpCode: body.totp_code, recoveryCode: body.recovery_code },
          clientInfo(request, body.device_name),
        );
        clearOidcFlowCookie(reply, secure);
        return sessionReply(request, reply, started, deps);
      },
    );

    const own = { permission: 'session:self' as const };

    app.post(
      '/api/auth/oidc/link',
      {
        config: own,
        schema: { summary: 'Link my account to my identity at the provider (sudo mode)', tags, response: { 200: LinkReply, ...errorResponses(401, 403, 404, 429, 502) } },
      },
      async (request, reply) => {
        deps.sudo(request);
        const started = await oidc.start(clientInfo(request), request.principal!.userId);
        setOidcFlowCookie(reply, started.flowToken, started.maxAgeSeconds, isServedOverHttps(request, deps.publicUrl));
        return { authorization_url: started.authorizationUrl };
      },
    );

    app.get(
      '/api/auth/oidc/identities',
      { config: own, schema: { summary: 'My linked provider identities', tags, response: { 200: Type.Object({ identities: Type.Array(Identity) }), ...errorResponses(401) } } },
      async (request) => ({ identities: await oidc.identities(request.principal!.userId) }),
    );

    app.delete(
      '/api/auth/oidc/identities/:id',
      {
        config: own,
        schema: {
          summary: 'Unlink one of my provider identities (sudo mode)',
          tags,
          params: IdentityParams,
          response: { 204: Type.Null({ description: 'Unlinked' }), ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        deps.sudo(request);
        await oidc.unlink(request.principal!.userId, request.params.id, clientInfo(request));
        return reply.code(204).send(null);
      },
    );
  };
}
