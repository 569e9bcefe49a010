import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type StageContext, StageError, type StageHandler } from '../jobs/stage-context.js';
import { runTool, ToolError } from '../media/run-tool.js';
import type { LocatedTool } from '../media/toolchain.js';
import { input, fileUrl, QUIET } from '../pipeline/media/tools.js';
import type { OutputFormat } from './output-check.js';
import type { GeneratedOutput, GenerationRun } from './worker-run.js';

/**
 * A generate job's stages in its sandboxed process:
 *
 * - `generate` asks the worker to run the job's generation (the worker
 *   builds the graph and calls the engine; the request names nothing) and
 *   reads the outputs back into the work dir, piece by piece.
 * - `export` makes each output safe to serve: images (animated ones too)
 *   decoded by sharp under the pixel limit and written again without
 *   metadata; clips remuxed by ffmpeg without metadata. Only the clean
 *   files and `generation.json` become artifacts.
 *
 * The engine's bytes are decoded here, in the sandbox, never in the server.
 */

/** What the worker gives a generate job's process. */
export interface GenerateRuntime {
  readonly tools: { readonly ffmpeg: string };
  /** IMAGE_MAX_PIXELS: the most pixels an image output (all frames of an animated one) may decode to. */
  readonly maxImagePixels: number;
}

/** The result document, `generation.json`: the seed used and each output as published. */
export interface GenerationResult {
  readonly seed: number;
  readonly outputs: ReadonlyArray<{ readonly name: string; readonly kind: 'image' | 'video'; readonly format: OutputFormat; readonly bytes: number; readonly width?: number; readonly height?: number; readonly frames?: number; readonly durationSeconds?: number }>;
}

export const RESULT_ARTIFACT = 'generation.json';
const RAW_DIR = 'generated';
const RUN_FILE = 'run.json';
const EXTENSIONS: Readonly<Record<OutputFormat, string>> = { png: 'png', jpeg: 'jpg', webp: 'webp', gif: 'gif', mp4: 'mp4', webm: 'webm' };
const SHARP_FORMATS = new Set<OutputFormat>(['png', 'jpeg', 'webp', 'gif']);

/** The runtime, checked by hand (the job process starts without TypeBox). */
export function generateRuntimeOf(value: unknown): GenerateRuntime {
  const runtime = value as Partial<GenerateRuntime> | undefined;
  const ok = typeof runtime?.tools?.ffmpeg === 'string' && runtime.tools.ffmpeg.length > 0 && Number.isSafeInteger(runtime.maxImagePixels) && runtime.maxImagePixels! > 0;
  if (!ok) throw new TypeError('the generate runtime is malformed');
  return runtime as GenerateRuntime;
}

export function generateHandlers(_options: unknown, runtime: unknown): StageHandler[] {
  const checked = generateRuntimeOf(runtime);
  return [generateStage, (context) => exportStage(context, checked)];
}

/** The engine's files, read into `generated/`; `run.json` is written last, so a resumed export finds all or nothing. */
async function generateStage(context: StageContext): Promise<void> {
  const dir = join(context.workDir, RAW_DIR);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // sharp (a native module, some 80 ms to load) loads while the engine works: export needs it next.
  void import('sharp').catch(() => undefined);
  const run = await context.engines.generate();
  for (const output of run.outputs) await readOutput(context, output, join(dir, String(output.index)));
  const partial = join(dir, `.${RUN_FILE}.${randomBytes(4).toString('hex')}`);
  await writeFile(partial, JSON.stringify(run), { mode: 0o600 });
  await rename(partial, join(dir, RUN_FILE));
}

async function readOutput(context: StageContext, output: GeneratedOutput, path: string): Promise<void> {
  const file = await open(path, 'wx', 0o600);
  try {
    let offset = 0;
    while (offset < output.size) {
      const piece = await context.engines.readOutput(output.index, offset);
      if (piece.byteLength === 0) break;
      await file.write(piece, 0, piece.byteLength, offset);
      offset += piece.byteLength;
    }
    if (offset !== output.size) throw new StageError('engine_bad_response', 'An output of the generation could not be read whole.');
  } finally {
    await file.close();
  }
}

async function exportStage(context: StageContext, runtime: GenerateRuntime): Promise<void> {
  const dir = join(context.workDir, RAW_DIR);
  let run: GenerationRun;
  try {
    run = JSON.parse(await readFile(join(dir, RUN_FILE), 'utf8')) as GenerationRun;
  } catch {
    throw new StageError('generation_output_invalid', 'The generation left no outputs to export; run the job again.', true);
  }
  const clean = join(context.workDir, 'clean');
  await rm(clean, { recursive: true, force: true });
  await mkdir(clean, { recursive: true, mode: 0o700 });
  const outputs: Array<GenerationResult['outputs'][number] & { path: string }> = [];
  for (const [position, output] of run.outputs.entries()) {
    const name = `output-${position + 1}.${EXTENSIONS[output.format]}`;
    const target = join(clean, name);
    const raw = join(dir, String(output.index));
    const facts = SHARP_FORMATS.has(output.format) ? await cleanImage(raw, target, output, position + 1, runtime.maxImagePixels) : await remuxClip(raw, target, output, runtime);
    const bytes = (await readFile(target)).byteLength;
    outputs.push({ name, kind: output.kind, format: output.format, bytes, ...facts, path: target });
    context.progress((position + 1) / run.outputs.length);
  }
  // Every output is clean before any is published: a bad third output stores nothing of the first two.
  for (const { name, path } of outputs) await context.publishFile(name, path);
  const result: GenerationResult = { seed: run.seed, outputs: outputs.map(({ path: _path, ...output }) => output) };
  await context.writeArtifact(RESULT_ARTIFACT, `${JSON.stringify(result, null, 2)}\n`);
}

type Facts = Pick<GenerationResult['outputs'][number], 'width' | 'height' | 'frames' | 'durationSeconds'>;

/**
 * Decodes the image under the pixel limit (a decompression bomb fails on its
 * header, before its pixels are allocated; `animated` counts every frame)
 * and writes it again in its own format; sharp keeps no metadata unless
 * asked, so EXIF, XMP and ComfyUI's embedded workflow are gone.
 */
async function cleanImage(raw: string, target: string, output: GeneratedOutput, position: number, maxPixels: number): Promise<Facts> {
  const { default: sharp } = await import('sharp');
  sharp.concurrency(1); // One job, one thread: the job's process and memory limits stay predictable.
  const animated = output.format === 'webp' || output.format === 'gif';
  const options = { limitInputPixels: maxPixels, failOn: 'error' as const, animated };
  const tooLarge = new StageError('generation_output_too_large', `The engine's output ${position} is larger than this server decodes (IMAGE_MAX_PIXELS).`);
  let width: number, height: number, frames: number;
  try {
    const metadata = await sharp(raw, options).metadata();
    ({ width, height } = metadata);
    frames = metadata.pages ?? 1;
    height = metadata.pageHeight ?? height;
    if (metadata.format !== output.format) throw new StageError('generation_output_invalid', `The engine's output ${position} is not the image it seemed.`);
    if (width * height * frames > maxPixels) throw tooLarge;
    await sharp(raw, options).toFormat(output.format).toFile(target);
  } catch (error) {
    if (error instanceof StageError) throw error;
    if (/pixel limit/i.test((error as Error).message)) throw tooLarge;
    throw new StageError('generation_output_invalid', `The engine's output ${position} is not a readable image.`);
  }
  return { width, height, ...(frames > 1 && { frames }) };
}

/** The clip's first video stream (and first audio, if any) copied into a fresh container without metadata or chapters. */
async function remuxClip(raw: string, target: string, output: GeneratedOutput, runtime: GenerateRuntime): Promise<Facts> {
  const ffmpeg: LocatedTool = { tool: 'ffmpeg', path: runtime.tools.ffmpeg, source: 'config' };
  const demuxer = output.format === 'mp4' ? 'mov' : 'matroska';
  const container = output.format === 'mp4' ? ['-f', 'mp4', '-movflags', '+faststart'] : ['-f', 'webm'];
  const args = [...QUIET, ...input(raw, demuxer), '-map', '0:v:0', '-map', '0:a:0?', '-c', 'copy', '-map_metadata', '-1', '-map_chapters', '-1', '-dn', '-sn', ...container, fileUrl(target)];
  try {
    await runTool(ffmpeg, args, { timeoutMs: 300_000, maxOutputBytes: 1024 * 1024, memoryBytes: 1024 * 1024 * 1024 });
  } catch (error) {
    if (!(error instanceof ToolError)) throw error;
    throw new StageError('generation_output_invalid', 'A clip of the generation could not be remuxed.');
  }
  return { ...(output.width && { width: output.width }), ...(output.height && { height: output.height }), ...(output.durationSeconds !== undefined && { durationSeconds: output.durationSeconds }) };
}
