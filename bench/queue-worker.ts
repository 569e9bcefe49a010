// One bench worker process: claims, checkpoints and completes no-op jobs
// until none are left, then prints how many it did. Run by bench/queue.ts.
import { createInterface } from 'node:readline';
import { Secret } from '../src/config/secret.js';
import { openDatabase } from '../src/db/database.js';
import { createQueue } from '../src/jobs/queue.js';

const [dialect, location, name, totalText] = process.argv.slice(2) as ['sqlite' | 'postgres', string, string, string];
const total = Number(totalText);
const handle = openDatabase(dialect === 'sqlite' ? { kind: 'sqlite', file: location } : { kind: 'postgres', url: new Secret(location) });
const queue = createQueue({ db: handle.db, dialect, caps: { maxRunning: 1_000_000, maxRunningPerUser: 1_000_000, gpuSlots: 1 }, leaseMs: 30_000, retry: { maxAttempts: 3, baseDelayMs: 1000 }, now: () => new Date() });
const BATCH = 16;

// Started early, the process waits for "go" on stdin, so its start-up is not timed.
process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) if (line === 'go') break;

let done = 0;
for (;;) {
  const claimed = await queue.claim(name, BATCH);
  if (claimed.length === 0) {
    const left = await handle.db.selectFrom('jobs').select((eb) => eb.fn.countAll<string | number>().as('n')).where('status', '=', 'succeeded').executeTakeFirstOrThrow();
    if (Number(left.n) >= total) break;
    await new Promise((resolve) => setTimeout(resolve, 5));
    continue;
  }
  // A worker runs its claimed jobs at once; each no-op job's one stage ends it.
  await Promise.all(claimed.map((job) => queue.checkpoint(job, 0, [])));
  done += claimed.length;
}
await handle.close();
process.stdout.write(`done ${done}\n`);
