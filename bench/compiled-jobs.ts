import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { childEntry } from '../src/jobs/launch.js';
import { runChildProcess } from '../src/jobs/runner.js';
import type { WorkerDeps } from '../src/jobs/worker.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/**
 * Job processes started from the build (dist/), as `npm start` runs them.
 * The benches run from source under tsx, and so would their job processes:
 * each would compile the pipeline's modules anew (measured: 0.9 s more
 * before a dub's first stage and 0.7 s more in its voice stage), which no
 * user's server does. Builds first (incremental: quick when nothing changed).
 */
export function compiledJobs(): WorkerDeps['run'] {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  const entry = childEntry('build');
  return (request, callbacks) => runChildProcess(entry, request, callbacks);
}
