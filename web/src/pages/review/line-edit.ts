import type { Body, User } from '../../api/types';
import { parseSeconds, secondsText } from './line-timing';
import type { Segment } from './segment-paging';

export type SegmentPatch = Body<'/api/jobs/{id}/segments/{sid}', 'patch'>;
export type RerenderBody = Body<'/api/jobs/{id}/rerender', 'post'>;

/** What a line's form holds: text as typed, times in seconds. */
export interface LineFormValues {
  readonly text: string;
  readonly start: string;
  readonly end: string;
  readonly speaker: string;
  /** '' means the speaker's voice, else the dub's. */
  readonly voice: string;
  readonly locked: boolean;
}

export function lineFormValues(segment: Segment): LineFormValues {
  return { text: segment.target_text ?? '', start: secondsText(segment.start_ms), end: secondsText(segment.end_ms), speaker: segment.speaker ?? '', voice: segment.voice ?? '', locked: segment.locked };
}

/**
 * The PATCH body for what changed in a line's form: only the fields that
 * differ, so an edit never rewrites a field someone else may have changed
 * meanwhile (the ETag guards the rest). Empty text, speaker or voice means
 * none (null). `{invalid}` names a time that is not one; `undefined` means
 * nothing changed. The server checks the rest (order, bounds, locking).
 */
export function linePatch(segment: Segment, values: LineFormValues): SegmentPatch | { invalid: 'start' | 'end' } | undefined {
  const start = parseSeconds(values.start);
  const end = parseSeconds(values.end);
  if (start === undefined) return { invalid: 'start' };
  if (end === undefined) return { invalid: 'end' };
  const text = values.text.trim() || null;
  const speaker = values.speaker.trim() || null;
  const voice = values.voice || null;
  const patch: { -readonly [K in keyof SegmentPatch]: SegmentPatch[K] } = {};
  if (text !== (segment.target_text ?? null)) patch.target_text = text;
  if (start !== segment.start_ms) patch.start_ms = start;
  if (end !== segment.end_ms) patch.end_ms = end;
  if (speaker !== segment.speaker) patch.speaker = speaker;
  if (voice !== segment.voice) patch.voice = voice;
  if (values.locked !== segment.locked) patch.locked = values.locked;
  return Object.keys(patch).length > 0 ? patch : undefined;
}

/** The speakers of a dub, in the order they first speak. */
export function speakersOf(segments: readonly Segment[]): string[] {
  return [...new Set(segments.flatMap((segment) => (segment.speaker ? [segment.speaker] : [])))];
}

/**
 * The re-render body for the voices chosen: a voice per speaker (speakers
 * left on "as before" are left out) and the dub's voice ('' = the server's
 * default, sent as null). `voices` replaces the dub's whole map, so it is
 * sent when there is a choice to send or the dub had one to clear.
 */
export function rerenderBody(chosen: { readonly voice: string; readonly voices: Readonly<Record<string, string>> }, before: { readonly voices?: Readonly<Record<string, string>> }): RerenderBody {
  const voices = Object.fromEntries(Object.entries(chosen.voices).filter(([speaker, voice]) => speaker !== '' && voice !== ''));
  const hadVoices = Object.keys(before.voices ?? {}).length > 0;
  return { voice: chosen.voice || null, ...((Object.keys(voices).length > 0 || hadVoices) && { voices }) };
}

type Role = User['role'];

/** Roles whose holders may edit a dub's lines and re-render it (the server's review:edit permission). */
const REVIEWERS: ReadonlySet<Role> = new Set(['editor', 'admin']);

export const isReviewer = (role: Role): boolean => REVIEWERS.has(role);

/**
 * Whether the page offers edit controls: the caller's role may edit, and the
 * segments page says the dub may be edited now (not while a render runs).
 * The server decides again on every edit; this only keeps away controls
 * that would be refused.
 */
export const mayEditLines = (role: Role, editable: boolean): boolean => editable && isReviewer(role);

/** The voices a dub was submitted (or last re-rendered) with, read from its options without trusting their shape. */
export function dubVoicesOf(options: unknown): { voice: string; voices: Record<string, string>; language: string } {
  const record = typeof options === 'object' && options !== null ? (options as Record<string, unknown>) : {};
  const voices = typeof record.voices === 'object' && record.voices !== null ? Object.entries(record.voices as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string') : [];
  return {
    voice: typeof record.voice === 'string' ? record.voice : '',
    voices: Object.fromEntries(voices),
    language: typeof record.target_language === 'string' ? record.target_language : '',
  };
}
