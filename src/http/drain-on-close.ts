import type { FastifyInstance } from 'fastify';

/**
 * Once shutdown begins, answers carry `Connection: close`, so a keep-alive
 * socket that finishes its last request closes at once instead of holding the
 * shutdown open until the keep-alive timeout.
 */
export function registerDrainOnClose(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async function markClosing() {
    closing = true;
  });
  app.addHook('onSend', async function closeWhenDraining(_request, reply, payload) {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
}
