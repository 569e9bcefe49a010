import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest, LogController } from 'fastify';
import pino, { type Logger } from 'pino';
import { apiKeyRoutes } from './access/api-key-routes.js';
import { createAuthorizer, registerAuthorization, requirePermissionDeclarations } from './access/authorize.js';
import { signedUrlRoutes } from './access/signed-url-routes.js';
import { accountRoutes } from './auth/account-routes.js';
import { clientInfo } from './auth/client-info.js';
import { registerAuthentication } from './auth/authenticate.js';
import { registerCsrfGuard } from './auth/csrf-guard.js';
import { emailRoutes } from './auth/email-routes.js';
import { magicLinkRoutes } from './auth/magic-link-routes.js';
import { oidcRoutes } from './auth/oidc-routes.js';
import { passkeyRoutes } from './auth/passkey-routes.js';
import { qrLoginRoutes } from './auth/qr-login-routes.js';
import { authRoutes } from './auth/routes.js';
import { sessionRoutes } from './auth/session-routes.js';
import { requireRecentCredential } from './auth/sudo.js';
import { totpRoutes } from './auth/totp-routes.js';
import { registerCors } from './http/cors.js';
import { registerDrainOnClose } from './http/drain-on-close.js';
import { sendError } from './http/error-handler.js';
import { loggerOptions } from './http/logger.js';
import { registerNotFound } from './http/not-found.js';
import { openApiRoute, registerOpenApi } from './http/openapi.js';
import { registerRouteTable } from './http/route-table.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { loadWebApp, serveAppShell, webAssetRoutes, type WebApp } from './http/web-app.js';
import { auditRoutes } from './ops/audit-routes.js';
import { healthRoutes } from './ops/health-routes.js';
import type { Services } from './services.js';
import { setupRoutes } from './setup/routes.js';
import { uploadRoutes } from './uploads/routes.js';
import { filePickerRoutes } from './uploads/file-picker-routes.js';
import { jobRoutes } from './jobs/routes.js';
import { libraryRoutes } from './library/routes.js';
import { settingsRoutes } from './settings/routes.js';
import { retentionRoutes } from './retention/routes.js';
import { backupRoutes } from './backup/routes.js';
import { projectRoutes } from './generation/project-routes.js';
import { galleryRoutes } from './generation/gallery-routes.js';
import { templateRoutes } from './generation/template-routes.js';
import { storageRoutes } from './storage/routes.js';
import rateLimit from '@fastify/rate-limit';
import { AppError } from './http/app-error.js';
import { authErrors } from './auth/errors.js';
import { jobOutputRoutes } from './jobs/output-routes.js';
import { playbackRoutes } from './pipeline/playback/routes.js';
import { reviewRoutes } from './pipeline/review/routes.js';
import { userAdminRoutes } from './users/routes.js';
import { engineRoutes } from './engines/routes.js';
import { VERSION } from './version.js';

export interface AppDeps {
  readonly services: Services;
  /** Defaults to JSON lines on stdout at the configured level. */
  readonly logger?: Logger;
  /** The built web app; defaults to web/dist as `npm run build` leaves it. */
  readonly webApp?: WebApp;
}

/**
 * Builds the HTTP app from the modules; no logic of its own. The order matters:
 * the 404/405 router and OpenAPI must see every route, so they come first.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { services } = deps;
  const { config } = services;
  const app = Fastify({
    loggerInstance: (deps.logger ?? pino(loggerOptions(config.logLevel))) as FastifyBaseLogger,
    genReqId: () => randomUUID(),
    logController: new LogController({
      requestIdLogLabel: 'request_id',
      // Health probes arrive every few seconds; logging each would drown real traffic.
      disableRequestLogging: (request) => request.url === '/healthz' || request.url === '/readyz',
    }),
    trustProxy: config.trustProxy.length > 0 ? [...config.trustProxy] : false,
    bodyLimit: config.bodyLimitBytes,
    // Requests in flight finish on shutdown; idle keep-alive sockets are closed at once.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });

  // TypeBox checks bodies exactly as declared: no coercion ("123" is not 123) and
  // unknown fields rejected, never silently dropped (no mass assignment).
  // Query strings and params are converted, since they only carry text.
  app.setValidatorCompiler(TypeBoxValidatorCompiler);
  requirePermissionDeclarations(app);
  registerRouteTable(app);
  const webApp = deps.webApp ?? loadWebApp();
  registerNotFound(app, (request, reply) => serveAppShell(webApp, request, reply));
  registerDrainOnClose(app);
  app.setErrorHandler(sendError);
  // JSON only: a text/plain body would otherwise reach the routes as a string.
  app.removeContentTypeParser('text/plain');

  app.addHook('onRequest', async function echoRequestId(request, reply) {
    reply.header('x-request-id', request.id);
  });
  registerSecurityHeaders(app, { publicUrl: config.publicUrl });
  await registerCors(app, config.corsOrigins);
  await app.register(cookie);
  // Only routes that ask for it (config.rateLimit) are counted: the public gallery and share links.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => new AppError(authErrors.rate_limited, undefined, { retryAfterSeconds: context.ttl / 1000 }),
  });
  // The request path of DESIGN.md: authenticate, then CSRF, then the route's permission.
  registerAuthentication(app, {
    sessions: services.sessions,
    apiKeys: services.apiKeys,
    signedUrls: services.signedUrls,
    requestSigning: services.requestSigning,
    audit: services.audit,
    publicUrl: config.publicUrl,
    allowLegacyTokenLogin: config.allowLegacyTokenLogin,
  });
  registerCsrfGuard(app, { csrf: services.csrf, audit: services.audit, publicUrl: config.publicUrl, corsOrigins: config.corsOrigins });
  const authorize = createAuthorizer({ audit: services.audit });
  services.requestSigning.register(app, authorize);
  registerAuthorization(app, authorize);
  await registerOpenApi(app, VERSION);

  await app.register(healthRoutes(services.checkReadiness));
  await app.register(setupRoutes(services.setup));
  await app.register(authRoutes(services));
  await app.register(magicLinkRoutes({ magicLinks: services.magicLinks, csrf: services.csrf, publicUrl: config.publicUrl }));
  const sudo = (request: FastifyRequest) => requireRecentCredential(request.principal!, services.now(), config.sessions.sudoWindowMs);
  await app.register(oidcRoutes({ oidc: services.oidc, csrf: services.csrf, publicUrl: config.publicUrl, sudo }));
  await app.register(sessionRoutes(services));
  await app.register(accountRoutes(services.accounts, services.passkeys));
  await app.register(userAdminRoutes(services.users, sudo));
  await app.register(emailRoutes({ email: services.email, sudo }));
  await app.register(apiKeyRoutes({ apiKeys: services.apiKeys, sudo }));
  await app.register(uploadRoutes({ uploads: services.uploads, files: services.uploadFiles, ...(config.storage.backend === 'fs' && { diskDirectory: join(config.dataDir, 'blobs') }), corsOrigins: config.corsOrigins }));
  await app.register(filePickerRoutes(services.filePicker, services.pickedImport));
  await app.register(jobRoutes(services.jobs));
  await app.register(libraryRoutes(services.library));
  await app.register(settingsRoutes(services.settings));
  await app.register(retentionRoutes(services.retention));
  await app.register(backupRoutes(services.backupRuns));
  await app.register(jobOutputRoutes({ jobs: services.jobs, outputs: services.jobOutputs }));
  await app.register(projectRoutes({ projects: services.projects, jobs: services.jobs, usage: services.usage }));
  await app.register(galleryRoutes(services.gallery));
  await app.register(templateRoutes(services.templates, config.generation.promptMax));
  await app.register(storageRoutes({ db: services.db, config: config.storage, sealers: services.sealers.current }));
  await app.register(reviewRoutes({ jobs: services.jobs, review: services.review, renders: services.renders, qa: services.qa, previews: services.previews }));
  await app.register(playbackRoutes({ playback: services.playback, signedUrls: services.signedUrls, publicUrl: config.publicUrl }));
  await app.register(signedUrlRoutes({ signedUrls: services.signedUrls, publicUrl: config.publicUrl }));
  await app.register(passkeyRoutes({ passkeys: services.passkeys, sudo, csrf: services.csrf, publicUrl: config.publicUrl }));
  await app.register(qrLoginRoutes({ qr: services.qr, sudo, csrf: services.csrf, publicUrl: config.publicUrl }));
  await app.register(
    totpRoutes({
      totp: services.totp,
      sudo,
      provePassword: (request, password) =>
        services.accounts.provePassword(request.principal!, password, clientInfo(request), 'auth.totp_disable'),
    }),
  );
  await app.register(auditRoutes(services.audit));
  await app.register(engineRoutes(services.engineStatus));
  await app.register(webAssetRoutes(webApp));
  openApiRoute(app);

  return app;
}
