import { randomInt } from 'node:crypto';
import { mkdir, open, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GenerateEngine } from '../engines/types.js';
import type { LocatedTool } from '../media/toolchain.js';
import { checkOutput, type CheckedOutput, OutputRejected } from './output-check.js';
import { type GenerateOptions, type GenerationCapabilities, resolveGeneration } from './options.js';
import { checkPreview, type PreviewFrame } from './preview-check.js';
import { fillTemplate } from './templates.js';

/** One output as the job process is told of it: which file, its kind, its format as its bytes say (checked here), how large. */
export interface GeneratedOutput extends CheckedOutput {
  readonly index: number;
  readonly kind: 'image' | 'video';
  readonly size: number;
}

export interface GenerationRun {
  /** The seed the graph was queued with: the one asked for, else one chosen here. */
  readonly seed: number;
  readonly outputs: readonly GeneratedOutput[];
}

const REFERENCE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp']);
/** Largest piece of an output handed to the job in one reply line (base64 adds a third). */
export const MAX_READ_BYTES = 8 * 1024 * 1024;
const JOB_ID = /^[0-9a-f]{32}$/;
/** At most one preview frame this often: a sampler can send one per step, a browser wants a few a second at most. */
export const PREVIEW_EVERY_MS = 500;

/**
 * The worker's side of a generation: the graph built here from the job's
 * stored options and its template (the job process never sends one), the
 * reference image read from the upload store, the engine called, and the
 * outputs kept under `scratchRoot` (in the data dir, which job processes
 * never see) until the job has read them.
 */
export interface GenerationRunnerDeps {
  readonly engine: () => GenerateEngine | undefined;
  readonly capabilities: () => GenerationCapabilities;
  /** An upload's bytes (UploadFiles.readAll): the reference image. */
  readonly readUpload: (uploadId: string) => Promise<Buffer>;
  readonly scratchRoot: string;
  /** For clips: ffprobe reads them before the job is told of them. */
  readonly ffprobe: () => LocatedTool;
  readonly maxVideoSeconds: number;
  /** Told how long each engine call took, failed ones too (the daily engine-time allowance). */
  readonly onEngineTime?: (job: { id: string; userId: string }, ms: number) => Promise<void>;
}

export function createGenerationRunner(deps: GenerationRunnerDeps) {
  const dirOf = (jobId: string) => {
    if (!JOB_ID.test(jobId)) throw new Error('invalid job id');
    return join(deps.scratchRoot, jobId);
  };

  async function reference(uploadId: string): Promise<{ bytes: Uint8Array; type: string }> {
    const bytes = await deps.readUpload(uploadId);
    const { fileTypeFromBuffer } = await import('file-type');
    const type = (await fileTypeFromBuffer(bytes))?.mime;
    // Validated as an image when it was uploaded; checked again before it leaves for the engine.
    if (!type || !REFERENCE_TYPES.has(type)) throw new Error('the reference upload is not a PNG, JPEG or WebP image');
    return { bytes, type };
  }

  return {
    /** Runs the job's generation; `onProgress` gets 0–1 while the engine samples, `onPreview` the engine's preview frames that pass their check. */
    async generate(
      job: { id: string; userId: string; options: GenerateOptions },
      callbacks: { signal: AbortSignal; onProgress?: (fraction: number) => void; onPreview?: (frame: PreviewFrame) => void },
    ): Promise<GenerationRun> {
      const engine = deps.engine();
      if (!engine) throw new Error('no generation engine is configured');
      const { template, values } = resolveGeneration(job.options, deps.capabilities());
      const seed = values.seed ?? randomInt(0, 2 ** 32 - 1);
      const graph = fillTemplate(template, { ...values, seed });
      const target = template.params.reference;
      const references = target && job.options.reference_upload_id ? [{ ...target, ...(await reference(job.options.reference_upload_id)) }] : [];
      const started = performance.now();
      let result: Awaited<ReturnType<GenerateEngine['generate']>>;
      try {
        result = await engine.generate(
          { graph, references },
          {
            signal: callbacks.signal,
            ...(callbacks.onProgress && { onProgress: (progress) => callbacks.onProgress!(progress.fraction) }),
            ...(callbacks.onPreview && { onPreview: previewsTo(callbacks.onPreview) }),
          },
        );
      } finally {
        await deps.onEngineTime?.(job, performance.now() - started);
      }
      if (result.files.length === 0) throw new OutputRejected('generation_output_invalid', 'The engine finished without saving an output.');
      const dir = dirOf(job.id);
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const outputs: GeneratedOutput[] = [];
      try {
        for (const [index, file] of result.files.entries()) {
          const path = join(dir, String(index));
          await writeFile(path, file.bytes, { mode: 0o600 });
          outputs.push({ index, kind: file.kind, size: file.bytes.byteLength, ...(await checkOutput(path, file.kind, index + 1, deps)) });
        }
      } catch (error) {
        await rm(dir, { recursive: true, force: true });
        throw error;
      }
      return { seed, outputs };
    },

    /** Up to MAX_READ_BYTES of output `index` from `offset`; empty at the end. */
    async read(jobId: string, index: number, offset: number): Promise<Uint8Array> {
      if (!Number.isSafeInteger(index) || index < 0 || !Number.isSafeInteger(offset) || offset < 0) throw new RangeError('invalid output read');
      const handle = await open(join(dirOf(jobId), String(index)), 'r');
      try {
        const buffer = Buffer.alloc(MAX_READ_BYTES);
        const { bytesRead } = await handle.read(buffer, 0, MAX_READ_BYTES, offset);
        return new Uint8Array(buffer.subarray(0, bytesRead));
      } finally {
        await handle.close();
      }
    },

    /** Removes a job's outputs (read by the job, or the job ended). */
    discard: (jobId: string) => rm(dirOf(jobId), { recursive: true, force: true }),
  };
}

export type GenerationRunner = ReturnType<typeof createGenerationRunner>;

/**
 * The engine's preview frames, thinned to one per PREVIEW_EVERY_MS, each
 * checked before `deliver` sees it. Frames that come while one is being
 * checked are dropped: only the latest matters.
 */
function previewsTo(deliver: (frame: PreviewFrame) => void): (frame: { readonly bytes: Uint8Array }) => void {
  let last = -Infinity;
  let checking = false;
  return (frame) => {
    const now = performance.now();
    if (checking || now - last < PREVIEW_EVERY_MS) return;
    last = now;
    checking = true;
    void checkPreview(frame.bytes)
      .then((checked) => checked && deliver(checked))
      .catch(() => undefined)
      .finally(() => (checking = false));
  };
}
