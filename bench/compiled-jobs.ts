import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { childEntry } from '../src/jobs/launch.js';
import { createWarmStart } from '../src/jobs/warm-start.js';
import type { WorkerDeps } from '../src/jobs/worker.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/**
 * Job processes started from the build (dist/), as `npm start` runs them.
 * The benches run from source under tsx, and so would their job processes:
 * each would compile the pipeline's modules anew (measured: 0.9 s more
 * before a dub's first stage and 0.7 s more in its voice stage), which no
 * user's server does. With warm start, as JOB_WARM_START's default has it.
 * Builds first (incremental: quick when nothing changed). Spread into
 * createJobWorker's options.
 */
export function compiledJobs(): { run: WorkerDeps['run']; closeRunner: () => Promise<void> } {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  const warm = createWarmStart(childEntry('build'));
  return { run: warm.run, closeRunner: warm.close };
}
