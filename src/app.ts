import { randomUUID } from 'node:crypto';
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import pino, { type Logger } from 'pino';
import type { Config } from './config/load.js';
import { registerDrainOnClose } from './http/drain-on-close.js';
import { registerCors } from './http/cors.js';
import { sendError } from './http/error-handler.js';
import { loggerOptions } from './http/logger.js';
import { registerNotFound } from './http/not-found.js';
import { openApiRoute, registerOpenApi } from './http/openapi.js';
import { registerRouteTable } from './http/route-table.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { healthRoutes } from './ops/health-routes.js';
import type { ReadinessReport } from './ops/readiness.js';
import { setupRoutes } from './setup/routes.js';
import type { SetupService } from './setup/service.js';
import { VERSION } from './version.js';

export interface AppDeps {
  readonly config: Config;
  readonly setup: SetupService;
  readonly checkReadiness: () => Promise<ReadinessReport>;
  /** Defaults to JSON lines on stdout at the configured level. */
  readonly logger?: Logger;
}

/**
 * Builds the HTTP app from the modules; no logic of its own. The order matters:
 * the 404/405 router and OpenAPI must see every route, so they come first.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
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
  registerRouteTable(app);
  registerNotFound(app);
  registerDrainOnClose(app);
  app.setErrorHandler(sendError);
  // JSON only: a text/plain body would otherwise reach the routes as a string.
  app.removeContentTypeParser('text/plain');

  app.addHook('onRequest', async function echoRequestId(request, reply) {
    reply.header('x-request-id', request.id);
  });
  registerSecurityHeaders(app, { servedOverHttps: config.publicUrl?.startsWith('https://') ?? false });
  await registerCors(app, config.corsOrigins);
  await registerOpenApi(app, VERSION);

  await app.register(healthRoutes(deps.checkReadiness));
  await app.register(setupRoutes(deps.setup));
  openApiRoute(app);

  return app;
}
