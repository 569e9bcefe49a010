// The server side of `npm run bench -- auth`, in its own process: the real app
// on SQLite, one account, and one extra route — a bare public route that goes
// through the same chain and request logging as /api/auth/me but
// authenticates nothing — as the baseline. Prints the port, then serves until killed.
import { createTestApp } from '../test/helpers/app.js';
import { createUser } from '../test/helpers/auth.js';

const t = await createTestApp({
  env: { LOG_LEVEL: 'warn' },
  extend: (app) => {
    app.get('/bench/bare', { config: { permission: 'public' } }, async () => ({ status: 'ok' }));
  },
});
await createUser(t, 'mika', 'viewer');
await t.app.listen({ host: '127.0.0.1', port: 0 });
const address = t.app.server.address();
process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
process.on('SIGTERM', () => void t.close().then(() => process.exit(0)));
