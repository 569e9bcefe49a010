import Fastify from 'fastify';
import { createTestApp } from '../test/helpers/app.js';
import { compare, printComparison } from './measure.js';

const ROUNDS = 12;
const OPS = 2_000;

/**
 * What Sakuga's whole chain (request id, security headers, CORS, no-store,
 * drain, error and 404 handling, schema-checked reply) costs on GET /healthz,
 * against a bare Fastify route answering the same JSON, both through inject()
 * in the same process so sockets and the kernel are out of the picture.
 */
export const httpOverhead = {
  describe: 'GET /healthz: full middleware chain vs a bare Fastify route',
  async run(): Promise<void> {
    const sakuga = await createTestApp({ env: { LOG_LEVEL: 'silent' } });
    sakuga.app.log.level = 'silent';
    const bare = Fastify();
    bare.get('/healthz', async () => ({ status: 'ok' }));
    await bare.ready();
    try {
      const [ours, baseline] = await compare(
        [
          { label: 'sakuga (full chain)', once: () => sakuga.app.inject({ url: '/healthz' }) },
          { label: 'bare fastify', once: () => bare.inject({ url: '/healthz' }) },
        ],
        { rounds: ROUNDS, opsPerRound: OPS, warmup: 3_000 },
      );
      printComparison(`http-overhead: GET /healthz via inject, ${ROUNDS} interleaved rounds x ${OPS} requests, median round`, ours!, baseline!);
    } finally {
      await sakuga.close();
      await bare.close();
    }
  },
};
