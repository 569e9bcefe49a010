import type { DubOptions, DubStage } from './dub-options.js';
import { parseDiarization, type SpeakerTurn, speakerFor } from './imports/diarization.js';
import { decodeImport, ImportProblem } from './imports/problems.js';
import { type ImportedLine, parseSegmentsDocument } from './imports/segments-document.js';
import { type Cue, parseSubtitleCues, subtitleFormatOf } from './imports/subtitles.js';
import { newSegment, type Segment } from './segments.js';

/** An imported file as the plan reads it: its upload's name and bytes. */
export interface ImportFile {
  readonly filename: string;
  readonly bytes: Uint8Array;
}

export interface DubImports {
  readonly sourceSubtitles?: ImportFile;
  readonly translatedSubtitles?: ImportFile;
  readonly segmentsJson?: ImportFile;
  readonly diarizationJson?: ImportFile;
}

/** What a dub will do, decided from its options and imports before any media work. */
export interface DubPlan {
  /** The segments known up front (from imports); empty when the transcript will make them. */
  readonly segments: readonly Segment[];
  readonly skipped: readonly DubStage[];
  /** Engines the dub needs besides the voice. */
  readonly needs: { readonly asr: boolean; readonly translate: boolean };
  readonly speakerTurns: readonly SpeakerTurn[];
}

/** Pairs cues of the same lines in two languages by position; their times must agree (never by matching text). */
const PAIR_TOLERANCE_MS = 500;

async function subtitleCues(file: ImportFile, which: string, durationMs: number): Promise<Cue[]> {
  const format = subtitleFormatOf(file.filename);
  if (!format) throw new ImportProblem('import_format_unsupported', `${which} must be SRT or WebVTT`);
  return parseSubtitleCues(decodeImport(file.bytes, which), format, durationMs, which);
}

function linesFromSubtitles(translated: readonly Cue[] | undefined, source: readonly Cue[] | undefined): ImportedLine[] {
  const timeline = translated ?? source!;
  if (translated && source) {
    const misfit = translated.findIndex((cue, index) => !source[index] || Math.abs(source[index].startMs - cue.startMs) > PAIR_TOLERANCE_MS || Math.abs(source[index].endMs - cue.endMs) > PAIR_TOLERANCE_MS);
    if (translated.length !== source.length || misfit !== -1) {
      throw new ImportProblem('import_cues_mismatch', `source_subtitles and translated_subtitles do not have the same cues${misfit === -1 ? '' : ` (cue ${misfit + 1} differs)`}`);
    }
  }
  return timeline.map((cue, index) => ({
    startMs: cue.startMs,
    endMs: cue.endMs,
    speaker: null,
    sourceText: translated ? (source?.[index]?.text ?? null) : cue.text,
    targetText: translated ? cue.text : null,
    voice: null,
    locked: false,
  }));
}

/**
 * Reads a dub's imports against the video's length and decides what it will
 * do: the segments it starts from, the stages its imports make unnecessary,
 * and the engines it still needs. The same function runs at submission (so
 * every problem known up front is a 4xx there, never a job that fails later)
 * and in the job's first stage (so the job starts from exactly what was checked).
 */
export async function planDub(options: Pick<DubOptions, 'imports'>, imports: DubImports, video: { durationMs: number; hasAudio: boolean }): Promise<DubPlan> {
  const { durationMs } = video;
  if (imports.segmentsJson && (imports.sourceSubtitles || imports.translatedSubtitles)) {
    throw new ImportProblem('import_cues_mismatch', 'give segments_json or subtitles, not both');
  }
  let lines: ImportedLine[] = [];
  if (imports.segmentsJson) {
    lines = parseSegmentsDocument(decodeImport(imports.segmentsJson.bytes, 'segments_json'), durationMs);
  } else if (imports.sourceSubtitles || imports.translatedSubtitles) {
    const translated = imports.translatedSubtitles && (await subtitleCues(imports.translatedSubtitles, 'translated_subtitles', durationMs));
    const source = imports.sourceSubtitles && (await subtitleCues(imports.sourceSubtitles, 'source_subtitles', durationMs));
    lines = linesFromSubtitles(translated, source);
  }
  const speakerTurns = imports.diarizationJson ? parseDiarization(decodeImport(imports.diarizationJson.bytes, 'diarization_json'), durationMs) : [];

  const transcribed = lines.length > 0;
  const allTranslated = transcribed && lines.every((line) => line.targetText !== null);
  const skipped: DubStage[] = [];
  if (transcribed) skipped.push('transcribe');
  if (allTranslated) skipped.push('translate');
  if (!transcribed && !video.hasAudio) throw new ImportProblem('video_has_no_audio', 'the video has no audio to transcribe: import subtitles or a segments document');

  const segments = lines.map((line, index) =>
    Object.assign(newSegment(index, { ...line, speaker: line.speaker ?? speakerFor(speakerTurns, line.startMs, line.endMs) }), { locked: line.locked }),
  );
  return { segments, skipped, needs: { asr: !transcribed, translate: !allTranslated }, speakerTurns };
}

/** The options' import upload ids with the kind each must be. */
export function importInputs(options: Pick<DubOptions, 'imports'>): Array<{ uploadId: string; kinds: ['subtitles'] | ['data'] }> {
  const imports = options.imports ?? {};
  return [
    ...(imports.source_subtitles ? [{ uploadId: imports.source_subtitles, kinds: ['subtitles'] as ['subtitles'] }] : []),
    ...(imports.translated_subtitles ? [{ uploadId: imports.translated_subtitles, kinds: ['subtitles'] as ['subtitles'] }] : []),
    ...(imports.segments_json ? [{ uploadId: imports.segments_json, kinds: ['data'] as ['data'] }] : []),
    ...(imports.diarization_json ? [{ uploadId: imports.diarization_json, kinds: ['data'] as ['data'] }] : []),
  ];
}
