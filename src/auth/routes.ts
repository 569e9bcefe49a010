import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { asSession } from '../access/principal.js';
import { isServedOverHttps } from '../http/https.js';
import { errorResponses } from '../http/schemas.js';
import type { Services } from '../services.js';
import { clientInfo } from './client-info.js';
import { clearSessionCookies, readCsrfCookie, setCsrfCookie } from './cookies.js';
import { sessionReply } from './session-reply.js';
import { userView } from '../users/routes.js';
import { LoginBody, LoginReply, MeReply, MethodsReply, RefreshBody, TokenPairReply } from './schemas.js';
export function authRoutes(services: Services) {
  const { login, sessions, csrf, config, audit, magicLinks, oidc } = services;

  return async function authRoutesPlugin(scope: FastifyInstance): Promise<void> {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();

    app.post(
      '/api/auth/login',
      {
        config: { permission: 'public' },
        schema: {
          summary: 'Sign in with a password (token or cookie mode)',
          tags: ['auth'],
          body: LoginBody,
          response: { 200: LoginReply, ...errorResponses(400, 401, 403, 429, 503) },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const mode = body.mode ?? 'token';
        // Signing in never keeps the browser's previous session: no fixation, and the old one ends.
        if (request.principal?.via === 'cookie') await sessions.end(request.principal.sessionId, 'replaced_by_login');
        const started = await login.login(
          { username: body.username, password: body.password, mode, totpCode: body.totp_code, recoveryCode: body.recovery_code },
          clientInfo(request, body.device_name),
        );
        return sessionReply(request, reply, started, { csrf, publicUrl: config.publicUrl });
      },
    );

    app.get(
      '/api/auth/methods',
      {
        config: { permission: 'public' },
        schema: { summary: 'Which ways of signing in this server offers', tags: ['auth'], response: { 200: MethodsReply } },
      },
      async () => ({
        password: true,
        passkeys: true,
        magic_link: magicLinks.enabled,
        oidc: oidc.enabled ? { name: oidc.providerName!, start_url: '/api/auth/oidc/start' } : null,
      }),
    );

    app.post(
      '/api/auth/refresh',
      {
        config: { permission: 'public' },
        schema: {
          summary: 'Exchange a refresh token for a new pair (the old one dies)',
          tags: ['auth'],
          body: RefreshBody,
          response: { 200: TokenPairReply, ...errorResponses(400, 401) },
        },
      },
      async (request) => sessions.refresh(request.body.refresh_token, clientInfo(request)),
    );

    app.post(
      '/api/auth/logout',
      {
        config: { permission: 'session:self' },
        schema: { summary: 'End this session', tags: ['auth'], response: { 204: Type.Null({ description: 'Signed out' }), ...errorResponses(401, 403) } },
      },
      async (request, reply) => {
        const principal = asSession(request.principal);
        await sessions.end(principal.sessionId, 'logout');
        if (principal.via === 'cookie') clearSessionCookies(reply, isServedOverHttps(request, config.publicUrl));
        await audit.record({
          action: 'auth.logout',
          result: 'success',
          actor: { type: 'user', id: principal.userId },
          ip: request.ip,
          requestId: request.id,
          target: `session:${principal.sessionId}`,
        });
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/auth/me',
      { config: { permission: 'session:self' }, schema: { summary: 'Who am I', tags: ['auth'], response: { 200: MeReply, ...errorResponses(401) } } },
      async (request, reply) => {
        // Authentication just read all of this and proved the user enabled: no second query.
        const principal = asSession(request.principal);
        const { session, account } = principal;
        return {
          user: userView({ id: principal.userId, username: principal.username, email: account.email, role: principal.role, disabled_at: null, created_at: account.createdAt }),
          session: { id: principal.sessionId, mode: session.mode, created_at: session.createdAt, expires_at: session.expiresAt },
          ...(principal.via === 'cookie' ? { csrf_token: currentCsrfToken(request, reply, principal.sessionId, session.expiresAt) } : {}),
        };
      },
    );
  };

  /** The session's CSRF token from its cookie when it verifies, else a new one (and its cookie). */
  function currentCsrfToken(request: FastifyRequest, reply: FastifyReply, sessionId: string, expiresAt: string): string {
    const secure = isServedOverHttps(request, config.publicUrl);
    const existing = readCsrfCookie(request, secure);
    if (existing && csrf.verify(sessionId, existing)) return existing;
    const fresh = csrf.issue(sessionId);
    setCsrfCookie(reply, { csrf: fresh, expiresAt: new Date(expiresAt), secure });
    return fresh;
  }
}
