import type { Logger } from 'pino';
import type { DialectName } from '../db/types.js';
import type { Services } from '../services.js';
import { locateTool } from '../media/toolchain.js';
import { createDubRuntime } from '../pipeline/dub-runtime.js';
import { createPreviewRuntime } from '../pipeline/preview/runtime.js';
import { createJobRuntime } from './job-runtime.js';
import { createPrivacyCleanup } from './privacy-cleanup.js';
import { createQueue } from './queue.js';
import { defaultChildEntry } from './launch.js';
import { runJob } from './runner.js';
import { probeSandbox } from './sandbox.js';
import { createWarmStart } from './warm-start.js';
import { createWorker, type WorkerDeps } from './worker.js';
import { join } from 'node:path';
import { createGenerationRunner } from '../generation/worker-run.js';
import { createGenerateRuntime } from '../generation/runtime.js';

/**
 * A worker wired to the real queue, runner and sandbox probe; `serve` embeds
 * one, `sakuga worker` runs one alone. `run` (with `closeRunner`) stands in
 * for the runner: tests and benches start job processes their own way.
 */
export function createJobWorker(services: Services, options: { dialect: DialectName; log: Logger; run?: WorkerDeps['run']; closeRunner?: () => Promise<void>; idlePollMs?: number }) {
  const { config, db, now } = services;
  const warm = !options.run && config.jobs.warmStart ? createWarmStart(defaultChildEntry()) : undefined;
  const closeRunner = options.closeRunner ?? warm?.close;
  const queue = createQueue({ db, dialect: options.dialect, caps: config.jobs.caps, leaseMs: config.jobs.leaseMs, retry: config.jobs.retry, now });
  const tools = () => ({ ffmpeg: locateTool('ffmpeg', config.media.ffmpegPath), ffprobe: locateTool('ffprobe', config.media.ffprobePath) });
  // One set of dub settings for a dub and the previews of its lines: a preview is fitted as the dub would fit it.
  const settings = { maxTempo: config.dub.maxTempo, duckDb: config.dub.duckDb, voiceDefault: config.engines.defaultVoice ?? null, tts: config.engines.tts.engine, mobileMaxHeight: config.dub.mobileMaxHeight };
  return createWorker({
    db,
    queue,
    config: config.jobs,
    dataDir: config.dataDir,
    artifacts: services.artifacts,
    audit: services.audit,
    log: options.log,
    now,
    run: options.run ?? warm?.run ?? runJob,
    ...(closeRunner && { closeRunner }),
    engines: services.engines,
    signal: services.queueSignal,
    generation: createGenerationRunner({
      engine: () => services.engines.generate,
      capabilities: () => services.generation,
      readUpload: services.uploadFiles.readAll,
      // In the data dir: job processes never see it.
      scratchRoot: join(config.dataDir, 'tmp', 'generate'),
      ffprobe: () => tools().ffprobe,
      maxVideoSeconds: config.mediaLimits.maxVideoSeconds,
      onEngineTime: (job, ms) => services.usage.recordEngineTime(job, ms),
    }),
    ...(options.idlePollMs !== undefined && { idlePollMs: options.idlePollMs }),
    runtime: createJobRuntime({
      types: services.jobTypes,
      uploadFiles: services.uploadFiles,
      byType: {
        dub: createDubRuntime({ db, tools, settings, now }),
        dub_preview: createPreviewRuntime({ tools, settings }),
        generate: createGenerateRuntime({ db, now, tools, maxImagePixels: config.mediaLimits.maxImagePixels }),
      },
    }),
    privacy: createPrivacyCleanup({ db, types: services.jobTypes, uploadFiles: services.uploadFiles, artifacts: services.artifacts, audit: services.audit, now }),
    // Probed as the uid jobs run as: bwrap under an unprivileged uid needs user namespaces, under root it does not.
    sandbox: () => probeSandbox(config.jobs.bwrapPath, process.getuid?.() === 0 ? config.jobs.runAs : undefined),
  });
}
