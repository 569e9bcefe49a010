import { Type } from 'typebox';
import { Compile } from 'typebox/compile';
import { ImportProblem } from './problems.js';
import { SpeakerLabel } from './segments-document.js';

const Seconds = Type.Number({ minimum: 0, maximum: 86_400 });

/**
 * Speaker turns, as diarization tools (pyannote, WhisperX) export them once
 * converted to JSON: `{"turns": [{"speaker": "SPEAKER_00", "start": 0.5, "end": 2.1}]}`,
 * times in seconds. Turns may overlap (people talk over each other).
 */
export const DiarizationDocument = Type.Object(
  { turns: Type.Array(Type.Object({ speaker: SpeakerLabel, start: Seconds, end: Seconds }, { additionalProperties: false }), { minItems: 1, maxItems: 50_000 }) },
  { additionalProperties: false },
);

const checker = Compile(DiarizationDocument);

export interface SpeakerTurn {
  readonly speaker: string;
  readonly startMs: number;
  readonly endMs: number;
}

/** Parses and checks a diarization document against the video's length. */
export function parseDiarization(text: string, durationMs: number): SpeakerTurn[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ImportProblem('import_unreadable', 'diarization_json is not JSON');
  }
  if (!checker.Check(value)) {
    const [first] = checker.Errors(value);
    throw new ImportProblem('import_diarization_invalid', `diarization_json${first?.instancePath ?? ''}: ${first?.message ?? 'does not fit the schema'}`);
  }
  return value.turns.map((turn, index) => {
    const startMs = Math.round(turn.start * 1000);
    const endMs = Math.round(turn.end * 1000);
    if (endMs <= startMs) throw new ImportProblem('import_diarization_invalid', `diarization_json: turn ${index + 1} ends before it starts`);
    if (startMs >= durationMs + 500) throw new ImportProblem('import_cue_out_of_range', `diarization_json: turn ${index + 1} lies past the end of the video`);
    return { speaker: turn.speaker, startMs, endMs };
  });
}

/** The speaker who talks longest within [startMs, endMs), or null when nobody does. */
export function speakerFor(turns: readonly SpeakerTurn[], startMs: number, endMs: number): string | null {
  const overlap = new Map<string, number>();
  for (const turn of turns) {
    const shared = Math.min(endMs, turn.endMs) - Math.max(startMs, turn.startMs);
    if (shared > 0) overlap.set(turn.speaker, (overlap.get(turn.speaker) ?? 0) + shared);
  }
  let best: string | null = null;
  let longest = 0;
  for (const [speaker, ms] of overlap) if (ms > longest) [best, longest] = [speaker, ms];
  return best;
}
