import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import sharp from 'sharp';
import { animatedWebp, HTML_PAGE, pngBomb, pngWithText } from '../../test/helpers/generation-media.js';
import { ffmpeg, mediaTools, scratchDir } from '../../test/helpers/dub-media.js';
import type { StageContext } from '../jobs/stage-context.js';
import { checkOutput, type OutputFormat } from './output-check.js';
import { generateHandlers, type GenerationResult, RESULT_ARTIFACT } from './stages.js';
import type { GeneratedOutput } from './worker-run.js';

const CANARY = 'workflow-CANARY-7f3a';
const root = scratchDir('generate-stages');
after(() => rmSync(root, { recursive: true, force: true }));

interface Served {
  readonly kind: 'image' | 'video';
  readonly format: OutputFormat;
  readonly bytes: Uint8Array;
  readonly facts?: Partial<GeneratedOutput>;
}

/** Runs both stages as the job process would, with the worker's side played here: outputs served in 1000-byte pieces. */
async function runStages(served: readonly Served[], options: { maxImagePixels?: number } = {}) {
  const workDir = scratchDir('generate-job');
  mkdirSync(join(workDir, 'out'));
  const published: string[] = [];
  const reads: number[] = [];
  const context: StageContext = {
    index: 0,
    attempt: 1,
    workDir,
    progress: () => undefined,
    log: () => undefined,
    writeArtifact: async (name, data) => {
      writeFileSync(join(workDir, 'out', name), data);
      published.push(name);
    },
    publishFile: async (name, path) => {
      renameSync(path, join(workDir, 'out', name));
      published.push(name);
    },
    engines: {
      transcribe: () => Promise.reject(new Error('not here')),
      translate: () => Promise.reject(new Error('not here')),
      synthesize: () => Promise.reject(new Error('not here')),
      generate: async () => ({ seed: 99, outputs: served.map((output, index) => ({ index, kind: output.kind, format: output.format, size: output.bytes.byteLength, ...output.facts })) }),
      readOutput: async (output, offset) => {
        reads.push(offset);
        return served[output]!.bytes.subarray(offset, offset + 1000);
      },
    },
  };
  const [generate, exportOutputs] = generateHandlers({}, { tools: { ffmpeg: mediaTools().ffmpeg.path }, maxImagePixels: options.maxImagePixels ?? 4096 * 4096 });
  await generate!(context);
  await exportOutputs!({ ...context, index: 1 });
  const out = (name: string) => readFileSync(join(workDir, 'out', name));
  return { workDir, published, reads, out, result: () => JSON.parse(out(RESULT_ARTIFACT).toString('utf8')) as GenerationResult };
}

describe('a generation\'s stages in the job process', () => {
  test('an image is read in pieces, decoded and written again without its metadata; the result names the seed and the output', async () => {
    const png = await pngWithText('workflow', CANARY);
    assert.ok(Buffer.from(png).includes(CANARY));
    const run = await runStages([{ kind: 'image', format: 'png', bytes: png }]);
    assert.deepEqual(run.published, ['output-1.png', RESULT_ARTIFACT]);
    assert.ok(run.reads.length > 1 || png.byteLength <= 1000, 'read in pieces');
    const clean = run.out('output-1.png');
    assert.equal(clean.includes(CANARY), false, 'the embedded workflow is gone');
    assert.deepEqual(await sharp(clean).metadata().then(({ width, height, format }) => ({ width, height, format })), { width: 48, height: 32, format: 'png' });
    assert.deepEqual(run.result(), { seed: 99, outputs: [{ name: 'output-1.png', kind: 'image', format: 'png', bytes: clean.byteLength, width: 48, height: 32 }] });
  });

  test('an animated WebP keeps every frame; the pixel limit counts them all', async () => {
    const webp = await animatedWebp(4, 32);
    const run = await runStages([{ kind: 'video', format: 'webp', bytes: webp }]);
    const meta = await sharp(run.out('output-1.webp'), { animated: true }).metadata();
    assert.equal(meta.pages, 4);
    assert.deepEqual(run.result().outputs[0], { name: 'output-1.webp', kind: 'video', format: 'webp', bytes: run.out('output-1.webp').byteLength, width: 32, height: 32, frames: 4 });
    // 32 × 32 × 4 frames is 4096 pixels: one frame fits under 2000, all four do not.
    await assert.rejects(runStages([{ kind: 'video', format: 'webp', bytes: webp }], { maxImagePixels: 2000 }), { code: 'generation_output_too_large' });
  });

  test('a decompression bomb fails on its header, and nothing of the run is published', async () => {
    const good = await pngWithText('prompt', 'fine');
    const attempt = runStages([
      { kind: 'image', format: 'png', bytes: good },
      { kind: 'image', format: 'png', bytes: pngBomb() },
    ]);
    await assert.rejects(attempt, (error: Error & { code?: string }) => {
      assert.equal(error.code, 'generation_output_too_large');
      assert.match(error.message, /output 2/);
      return true;
    });
  });

  test('bytes that are not the format the worker found fail as invalid', async () => {
    await assert.rejects(runStages([{ kind: 'image', format: 'png', bytes: HTML_PAGE }]), { code: 'generation_output_invalid' });
    await assert.rejects(runStages([{ kind: 'image', format: 'webp', bytes: await pngWithText('a', 'b') }]), { code: 'generation_output_invalid' });
  });

  test('an MP4 clip is remuxed without its metadata', async () => {
    const dir = scratchDir('generate-clip');
    const clip = join(dir, 'clip.mp4');
    await ffmpeg(['-f', 'lavfi', '-i', 'testsrc=size=96x64:rate=8:duration=1', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-metadata', `comment=${CANARY}`, clip]);
    const bytes = readFileSync(clip);
    assert.ok(bytes.includes(CANARY));
    const checked = await checkOutput(clip, 'video', 1, { ffprobe: () => mediaTools().ffprobe, maxVideoSeconds: 60 });
    assert.equal(checked.format, 'mp4');
    const run = await runStages([{ kind: 'video', format: 'mp4', bytes, facts: checked }]);
    const clean = run.out('output-1.mp4');
    assert.equal(clean.includes(CANARY), false);
    const again = await checkOutput(join(run.workDir, 'out', 'output-1.mp4'), 'video', 1, { ffprobe: () => mediaTools().ffprobe, maxVideoSeconds: 60 });
    assert.deepEqual([again.format, again.width, again.height], ['mp4', 96, 64]);
    assert.equal(run.result().outputs[0]!.width, 96);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('the worker\'s look at an output before the job sees it', () => {
  const deps = { ffprobe: () => mediaTools().ffprobe, maxVideoSeconds: 60 };
  const dir = scratchDir('generate-check');
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, bytes: Uint8Array) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };

  test('magic bytes decide, never the name: HTML named .png, a video where an image was listed, text, nothing', async () => {
    await assert.rejects(checkOutput(file('ComfyUI_00001_.png', HTML_PAGE), 'image', 1, deps), { code: 'generation_output_invalid', message: /output 1 is not a PNG, JPEG or WebP image/ });
    await assert.rejects(checkOutput(file('empty.png', new Uint8Array()), 'image', 2, deps), { code: 'generation_output_invalid' });
    await assert.rejects(checkOutput(file('still.png', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1')), 'image', 3, deps), { code: 'generation_output_invalid' }, 'a GIF is a clip, not an image');
    assert.equal((await checkOutput(file('odd-name.bin', await pngWithText('a', 'b')), 'image', 1, deps)).format, 'png');
    assert.equal((await checkOutput(file('clip.png', await animatedWebp()), 'video', 1, deps)).format, 'webp');
  });

  test('a clip that does not parse, or is longer than allowed, is refused', async () => {
    const broken = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.alloc(64, 7)]);
    await assert.rejects(checkOutput(file('broken.mp4', broken), 'video', 1, deps), { code: 'generation_output_invalid' });
    const long = join(dir, 'long.mp4');
    await ffmpeg(['-f', 'lavfi', '-i', 'testsrc=size=32x32:rate=1:duration=5', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', long]);
    await assert.rejects(checkOutput(long, 'video', 1, { ...deps, maxVideoSeconds: 2 }), { code: 'generation_output_too_large' });
  });
});
