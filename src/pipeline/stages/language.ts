import { type StageContext, StageError } from '../../jobs/stage-context.js';
import type { TranslationLine } from '../../engines/types.js';
import { TRANSCRIPT_LOG_FIELD } from '../../storage/privacy-policy.js';
import type { DubOptions } from '../dub-options.js';
import { newSegment, type Segment } from '../segments.js';
import { dubPaths, loadState, reportSegments, saveState } from './dub-state.js';
import { languagesOf } from './prepare.js';
import type { DubRuntime } from './runtime.js';

/** Lines per translation request, and their characters: a request line must stay well inside the 64 KiB message cap. */
const BATCH_LINES = 40;
const BATCH_CHARS = 6_000;
/** Lines around a batch the translator sees for continuity, each cut to this many characters. */
const CONTEXT_LINES = 3;
const CONTEXT_CHARS = 300;
/** Characters a line may take per second of its slot: a brisk but speakable dub. */
const CHARS_PER_SECOND = 15;

/**
 * transcribe: the source audio recognised by the worker's ASR engine (the job
 * process has no network); the segments are made from the transcript in its
 * order, ids s0001… given here once. A dub that already has segments (an
 * import, or an earlier attempt) keeps them.
 */
export async function transcribeStage(context: StageContext, options: DubOptions, _runtime: DubRuntime): Promise<void> {
  const state = await loadState(context.workDir);
  if (state.skipped.includes('transcribe')) return context.log('info', 'transcribe: skipped, the imports already hold it');
  if (state.segments.length > 0) return context.log('info', 'transcribe: the segments are already known', { segments: state.segments.length });
  const transcript = await context.engines.transcribe(dubPaths(context.workDir).asr, options.source_language ? { language: options.source_language } : {});
  const spoken = transcript.segments.map((segment) => ({ ...segment, text: segment.text.trim() })).filter((segment) => segment.text !== '');
  if (spoken.length === 0) throw new StageError('no_speech_found', 'The speech recognition engine heard no speech in the video.');
  const segments = spoken.map((segment, index) => newSegment(index, { startMs: segment.startMs, endMs: segment.endMs, sourceText: segment.text }));
  const next = { ...state, segments };
  await saveState(context.workDir, next);
  context.log('info', 'transcribed the audio', { segments: segments.length, language: transcript.language ?? null });
  await reportSegments(context, next, languagesOf(options));
}

/** What a line may take, from its slot. */
const maxCharsOf = (segment: Segment) => Math.max(8, Math.round(((segment.endMs - segment.startMs) / 1000) * CHARS_PER_SECOND));
const contextText = (segment: Segment) => (segment.targetText ?? segment.sourceText ?? '').slice(0, CONTEXT_CHARS);

/** Consecutive lines to translate, at most BATCH_LINES and BATCH_CHARS each. */
function batchesOf(segments: readonly Segment[]): Segment[][] {
  const batches: Segment[][] = [];
  let current: Segment[] = [];
  let chars = 0;
  for (const segment of segments) {
    const length = segment.sourceText!.length;
    if (current.length > 0 && (current.length >= BATCH_LINES || chars + length > BATCH_CHARS)) {
      batches.push(current);
      current = [];
      chars = 0;
    }
    current.push(segment);
    chars += length;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * translate: each line without target text sent to the worker's translation
 * engine in batches, with a few lines around for context; the translation is
 * written back by segment id, never by matching text. Lines that have target
 * text (imported, edited, or translated by an earlier attempt) are left alone;
 * the state is saved after each batch, so a retried stage asks only for the rest.
 */
export async function translateStage(context: StageContext, options: DubOptions, _runtime: DubRuntime): Promise<void> {
  let state = await loadState(context.workDir);
  if (state.skipped.includes('translate')) return context.log('info', 'translate: skipped, the imports already hold it');
  const wanted = state.segments.filter((segment) => !segment.locked && !segment.targetText && segment.sourceText?.trim());
  const batches = batchesOf(wanted);
  for (const [number, batch] of batches.entries()) {
    const first = state.segments.findIndex((segment) => segment.id === batch[0]!.id);
    const last = state.segments.findIndex((segment) => segment.id === batch.at(-1)!.id);
    const lines: TranslationLine[] = batch.map((segment) => ({ id: segment.id, text: segment.sourceText!, maxChars: maxCharsOf(segment) }));
    const before = state.segments.slice(Math.max(0, first - CONTEXT_LINES), first).map(contextText);
    const after = state.segments.slice(last + 1, last + 1 + CONTEXT_LINES).map(contextText);
    const translated = await context.engines.translate({
      ...(options.source_language && { source: options.source_language }),
      target: options.target_language,
      lines,
      context: { before, after },
    });
    state = { ...state, segments: state.segments.map((segment) => (translated.has(segment.id) && !segment.targetText ? { ...segment, targetText: translated.get(segment.id)!.trim() || null } : segment)) };
    await saveState(context.workDir, state);
    context.progress((number + 1) / batches.length);
  }
  const untranslated = state.segments.filter((segment) => segment.sourceText?.trim() && !segment.targetText).length;
  context.log(untranslated > 0 ? 'warn' : 'info', 'translated the lines', {
    lines: wanted.length,
    batches: batches.length,
    untranslated,
    // The first lines as heard and as translated, to see the translator at work; the worker drops them where the privacy mode says so.
    [TRANSCRIPT_LOG_FIELD]: wanted.slice(0, 3).map(({ id }) => state.segments.find((segment) => segment.id === id)!).map((segment) => ({ source: segment.sourceText!.slice(0, 120), target: segment.targetText?.slice(0, 120) ?? null })),
  });
  await reportSegments(context, state, languagesOf(options));
}
