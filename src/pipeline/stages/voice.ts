import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startOfflineVoice, voiceForLanguage } from '../../engines/tts/espeak/offline-voice.js';
import type { StageContext } from '../../jobs/stage-context.js';
import type { LocatedTool } from '../../media/toolchain.js';
import type { DubOptions } from '../dub-options.js';
import { fitClip, planFit } from '../media/fit.js';
import { readWavInfo } from '../media/wav.js';
import { clipHash, type Segment } from '../segments.js';
import { dubPaths, loadState, reportSegments, saveState } from './dub-state.js';
import { languagesOf } from './prepare.js';
import type { DubRuntime } from './runtime.js';

/** Progress is reported at most this often: the runner ends a run that floods its channel. */
const PROGRESS_EVERY_MS = 250;

function progressReporter(context: StageContext, total: number) {
  let last = 0;
  return (done: number) => {
    const now = Date.now();
    if (now - last < PROGRESS_EVERY_MS && done < total) return;
    last = now;
    context.progress(total === 0 ? 1 : done / total);
  };
}

/** The words a line is spoken with: its target text, on one line. */
export const spoken = (segment: Pick<Segment, 'targetText'>) => (segment.targetText ?? '').replace(/\s*\n\s*/g, ' ').trim();

/**
 * The voice of a line: its own, its speaker's, the dub's, the server's
 * default, else the target language's. Shared with the line preview, so a
 * preview speaks with the voice the dub would.
 */
export function voiceOf(segment: Pick<Segment, 'voice' | 'speaker'>, options: Pick<DubOptions, 'voices' | 'voice'>, runtime: Pick<DubRuntime, 'settings'>, fallback: string): string {
  return segment.voice ?? (segment.speaker ? options.voices?.[segment.speaker] : undefined) ?? options.voice ?? runtime.settings.voiceDefault ?? fallback;
}

/** The raw clip's name: what the voice says and who says it; the same words and voice are spoken once. */
const rawClipName = (engine: string, voice: string, text: string) => `raw-${createHash('sha256').update(JSON.stringify([engine, voice, text])).digest('hex').slice(0, 32)}.wav`;

const exists = (path: string) => stat(path).then((info) => info.isFile() && info.size > 44, () => false);

/** Who speaks the lines: the offline voice in its own process, or the worker's TTS engine. */
export interface Speaker {
  readonly fallback: string;
  /** Writes the line spoken as `<clips>/<partial>`. */
  say(text: string, voice: string, partial: string): Promise<void>;
  close(): Promise<void>;
}

/** Starts the dub's speaker (the line preview's too); `close()` it when done. */
export async function startSpeaker(context: StageContext, options: Pick<DubOptions, 'target_language'>, runtime: Pick<DubRuntime, 'settings'>, clips: string): Promise<Speaker> {
  if (runtime.settings.tts === 'openai') {
    return {
      // Empty: the worker's DUB_VOICE_DEFAULT.
      fallback: runtime.settings.voiceDefault ?? '',
      async say(text, voice, partial) {
        await writeFile(join(clips, partial), await context.engines.synthesize({ text, voice }), { flag: 'wx', mode: 0o600 });
      },
      close: () => Promise.resolve(),
    };
  }
  const voice = startOfflineVoice({ cwd: clips });
  try {
    const fallback = voiceForLanguage(options.target_language, await voice.voices()).voice;
    return { fallback, say: async (text, name, partial) => void (await voice.synthesize(text, name, partial)), close: () => voice.close() };
  } catch (error) {
    await voice.close();
    throw error;
  }
}

/**
 * synthesize: each line spoken at tempo 1.0 by the offline voice (in its own
 * process) or the TTS engine (through the worker). A clip already in the work
 * dir (an earlier attempt that was killed mid-stage) is not spoken again; each
 * is written under a temporary name and renamed, so a killed voice or a
 * failed engine call leaves no half clip behind a real name.
 */
export async function synthesizeStage(context: StageContext, options: DubOptions, runtime: DubRuntime): Promise<void> {
  const paths = dubPaths(context.workDir);
  const state = await loadState(context.workDir);
  const engine = runtime.settings.tts;
  await mkdir(paths.clips, { recursive: true, mode: 0o700 });
  const speaker = await startSpeaker(context, options, runtime, paths.clips);
  try {
    const { fallback } = speaker;
    const lines = state.segments.filter((segment) => spoken(segment) && !segment.locked);
    const report = progressReporter(context, lines.length);
    let spokenNow = 0;
    for (const [index, segment] of lines.entries()) {
      const name = rawClipName(engine, voiceOf(segment, options, runtime, fallback), spoken(segment));
      if (!(await exists(join(paths.clips, name)))) {
        const partial = `tmp-${randomBytes(6).toString('hex')}.wav`;
        try {
          await speaker.say(spoken(segment), voiceOf(segment, options, runtime, fallback), partial);
          await rename(join(paths.clips, partial), join(paths.clips, name));
        } catch (error) {
          await rm(join(paths.clips, partial), { force: true });
          throw error;
        }
        spokenNow += 1;
      }
      report(index + 1);
    }
    context.log('info', 'synthesized the lines', { engine, lines: lines.length, spoken_now: spokenNow, kept: lines.length - spokenNow, fallback_voice: fallback || null });
    await saveState(context.workDir, { ...state, fallbackVoice: fallback });
  } finally {
    await speaker.close();
  }
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * fit: each clip measured and sped up only as far as its slot needs (rules
 * in media/fit.ts), each line's tempo, overflow and warnings recorded on its
 * segment. A fitted clip whose hash is unchanged is kept; a locked line is
 * never changed.
 */
export async function fitStage(context: StageContext, options: DubOptions, runtime: DubRuntime): Promise<void> {
  const paths = dubPaths(context.workDir);
  const state = await loadState(context.workDir);
  const ffmpeg: LocatedTool = { tool: 'ffmpeg', path: runtime.tools.ffmpeg, source: 'config' };
  const fallback = state.fallbackVoice ?? runtime.settings.voiceDefault ?? '';
  const { maxTempo } = runtime.settings;
  const report = progressReporter(context, state.segments.length);
  const segments: Segment[] = [];
  for (const [index, segment] of state.segments.entries()) {
    const text = spoken(segment);
    if (segment.locked || !text) {
      segments.push(segment);
      continue;
    }
    const voice = voiceOf(segment, options, runtime, fallback);
    const nextStartMs = state.segments[index + 1]?.startMs ?? state.source.durationMs;
    const hash = clipHash({ text, voice, engine: runtime.settings.tts, startMs: segment.startMs, endMs: segment.endMs, nextStartMs, maxTempo });
    const fitted = join(paths.clips, `fit-${hash.slice(0, 32)}.wav`);
    const raw = join(paths.clips, rawClipName(runtime.settings.tts, voice, text));
    const rawInfo = await readWavInfo(raw);
    const plan = planFit({ clipMs: (rawInfo.frames * 1000) / rawInfo.sampleRate, startMs: segment.startMs, endMs: segment.endMs, nextStartMs, maxTempo });
    if (segment.hash !== hash || !(await exists(fitted))) {
      const partial = `${fitted}.${randomBytes(4).toString('hex')}.wav`;
      try {
        await fitClip(ffmpeg, { input: raw, output: partial, plan });
        await rename(partial, fitted);
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
    }
    const info = await readWavInfo(fitted);
    segments.push({
      ...segment,
      hash,
      clip: { sha256: await sha256Of(fitted), durationMs: Math.round((info.frames * 1000) / info.sampleRate) },
      tempo: Math.round(plan.tempo * 1000) / 1000,
      overflowMs: Math.round(plan.overflowMs),
      warnings: plan.warnings,
    });
    report(index + 1);
  }
  const overflowing = segments.filter((segment) => (segment.overflowMs ?? 0) > 0).length;
  context.log(overflowing > 0 ? 'warn' : 'info', 'fitted the lines to their slots', { lines: segments.length, overflowing, max_tempo: Math.max(1, ...segments.map((segment) => segment.tempo ?? 1)) });
  const next = { ...state, segments };
  await saveState(context.workDir, next);
  await reportSegments(context, next, languagesOf(options));
}

/** The fitted clip of a segment, by its hash (the fit stage's naming). */
export const fittedClipPath = (workDir: string, segment: Segment) => (segment.hash ? join(dubPaths(workDir).clips, `fit-${segment.hash.slice(0, 32)}.wav`) : undefined);
