import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type StageContext, StageError, type StageHandler } from '../../jobs/stage-context.js';
import type { LocatedTool } from '../../media/toolchain.js';
import { fitClip, planFit } from '../media/fit.js';
import { readWavInfo } from '../media/wav.js';
import { PREVIEW_ARTIFACT } from '../preview/names.js';
import type { DubPreviewOptions } from '../preview/options.js';
import type { DubSettings } from './runtime.js';
import { spoken, startSpeaker, voiceOf } from './voice.js';

/** What the worker gives a preview's job process: the dub's tools and settings, nothing of the dub's files. */
export interface PreviewRuntime {
  readonly tools: { readonly ffmpeg: string };
  readonly settings: DubSettings;
}

/** The runtime, checked by hand (the job process starts without TypeBox). */
export function previewRuntimeOf(value: unknown): PreviewRuntime {
  const runtime = value as Partial<PreviewRuntime> | undefined;
  const settings = runtime?.settings;
  const ok =
    typeof runtime?.tools?.ffmpeg === 'string' &&
    runtime.tools.ffmpeg.length > 0 &&
    typeof settings?.maxTempo === 'number' &&
    settings.maxTempo >= 1 &&
    settings.maxTempo <= 1.5 &&
    (settings.tts === 'espeak' || settings.tts === 'openai');
  if (!ok) throw new TypeError('the preview runtime is malformed');
  return runtime as PreviewRuntime;
}

/**
 * synthesize (a preview's only stage): the line spoken by the dub's speaker
 * with the voice the dub would choose for it, then fitted to its slot by the
 * dub's own rules and tempo cap, published as PREVIEW_ARTIFACT. Nothing of the
 * dub is read or written: the line came in the options. A retried stage
 * starts over in a fresh folder (a line takes a second or two).
 */
async function synthesizePreview(context: StageContext, options: DubPreviewOptions, runtime: PreviewRuntime): Promise<void> {
  const text = spoken({ targetText: options.text });
  if (!text) throw new StageError('segment_text_empty', 'The line has no text to speak.');
  const dir = join(context.workDir, 'preview');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const raw = `raw-${randomBytes(6).toString('hex')}.wav`;
  const speaker = await startSpeaker(context, options.dub, runtime, dir);
  let voice: string;
  try {
    voice = voiceOf(options, options.dub, runtime, speaker.fallback);
    await speaker.say(text, voice, raw);
  } finally {
    await speaker.close();
  }
  context.progress(0.7);
  const rawInfo = await readWavInfo(join(dir, raw));
  const plan = planFit({
    clipMs: (rawInfo.frames * 1000) / rawInfo.sampleRate,
    startMs: options.start_ms,
    endMs: options.end_ms,
    ...(options.next_start_ms !== null && { nextStartMs: options.next_start_ms }),
    maxTempo: runtime.settings.maxTempo,
  });
  const ffmpeg: LocatedTool = { tool: 'ffmpeg', path: runtime.tools.ffmpeg, source: 'config' };
  const fitted = join(dir, 'fitted.wav');
  const clip = await fitClip(ffmpeg, { input: join(dir, raw), output: fitted, plan });
  context.log(plan.overflowMs > 0 ? 'warn' : 'info', 'previewed the line', {
    segment: options.segment_id,
    engine: runtime.settings.tts,
    voice: voice || null,
    tempo: Math.round(plan.tempo * 1000) / 1000,
    overflow_ms: Math.round(plan.overflowMs),
    budget_ms: Math.round(plan.budgetMs),
    duration_ms: Math.round(clip.durationMs),
    warnings: plan.warnings,
  });
  await context.publishFile(PREVIEW_ARTIFACT, fitted);
}

/** The preview's stage in the job's child process (child.ts loads it for a `dub_preview`). */
export function previewHandlers(options: unknown, runtime: unknown): StageHandler[] {
  const preview = options as DubPreviewOptions;
  const checked = previewRuntimeOf(runtime);
  return [(context) => synthesizePreview(context, preview, checked)];
}
