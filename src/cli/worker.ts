import { createJobWorker } from '../jobs/engine.js';
import { openRuntime } from './runtime.js';

/**
 * `sakuga worker`: runs jobs from the shared database until SIGTERM or
 * SIGINT, then hands the jobs it holds back to the queue (they resume from
 * their checkpoints elsewhere) and exits.
 */
export async function workerCommand(env: NodeJS.ProcessEnv): Promise<void> {
  const runtime = await openRuntime(env);
  const worker = createJobWorker(runtime.services, { dialect: runtime.database.dialect, log: runtime.logger });
  worker.start();
  runtime.logger.info({ worker: worker.id, slots: runtime.services.config.jobs.workerSlots, database: runtime.database.dialect }, 'Sakuga worker is running');
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    runtime.logger.info({ signal }, 'worker stopping; handing running jobs back');
    await worker.stop();
    await runtime.services.audit.close();
    await runtime.database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}
