import type { FastifyInstance } from 'fastify';

export interface ShutdownOptions {
  readonly app: FastifyInstance;
  /** Released after the HTTP server has drained (database pools, etc.). */
  readonly release: () => Promise<void>;
  readonly timeoutMs: number;
  readonly exit: (code: number) => void;
}

/**
 * Graceful shutdown: stop accepting connections, let requests in flight finish,
 * then release resources and exit 0. If draining outlasts the timeout, or a
 * second signal arrives, exit 1 at once.
 */
export function createShutdown(options: ShutdownOptions) {
  let shuttingDown = false;
  return async function shutdown(signal: string): Promise<void> {
    const log = options.app.log;
    if (shuttingDown) {
      log.warn({ signal }, 'second signal: exiting now');
      options.exit(1);
      return;
    }
    shuttingDown = true;
    log.info({ signal }, 'shutting down: finishing requests in flight');
    const timer = setTimeout(() => {
      log.error({ timeout_ms: options.timeoutMs }, 'shutdown timed out: exiting');
      options.exit(1);
    }, options.timeoutMs);
    timer.unref();
    try {
      await options.app.close();
      await options.release();
      clearTimeout(timer);
      log.info('shutdown complete');
      options.exit(0);
    } catch (error) {
      clearTimeout(timer);
      log.error({ err: error }, 'shutdown failed');
      options.exit(1);
    }
  };
}
