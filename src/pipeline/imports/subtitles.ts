import { parseText } from 'media-captions';
import type { Cue } from '../media/subtitles.js';
import { MAX_LINE_CHARS, MAX_SEGMENTS } from '../segments.js';
import { ImportProblem } from './problems.js';

/** One subtitle line, in source milliseconds (its text cleaned of markup here): the same shape the export writes. */
export type { Cue };

/** Overlaps up to this are rounding in the file (common in real SRTs): the earlier cue is trimmed. Longer ones are two lines at once. */
const OVERLAP_TOLERANCE_MS = 100;
/** A cue may end this far past the video (rounded timestamps); it is cut at the end. */
const END_TOLERANCE_MS = 500;

/** Markup a voice must not read: HTML-ish tags (<i>, <c.yellow>, <v Mika>) and ASS override blocks ({\an8}). */
function plainText(text: string): string {
  return text
    .replace(/<[^>]{0,200}>/g, '')
    .replace(/\{\\[^}]{0,200}\}/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    // Control characters (but line breaks) have no place in a line that is spoken and shown.
    // eslint-disable-next-line no-control-regex -- matching them is the point
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .join('\n');
}

/**
 * Parses an SRT or WebVTT file (media-captions, the vidstack parser) into
 * cues checked against the video: every cue has text and lies inside the
 * video, cues do not overlap, there are not too many. Each failure is an
 * ImportProblem naming the cue (1-based, in the file's order).
 */
export async function parseSubtitleCues(text: string, format: 'srt' | 'vtt', durationMs: number, which: string): Promise<Cue[]> {
  const parsed = await parseText(text, { type: format, errors: true });
  if (parsed.errors.length > 0) {
    throw new ImportProblem('import_unreadable', `${which} has a malformed cue (${parsed.errors[0]!.message.replace(/`[^`]*`/g, '…')})`);
  }
  const backwards = firstBackwardsCue(text);
  if (backwards) throw new ImportProblem('import_cue_out_of_range', `${which}: cue ${backwards} ends before it starts`);
  if (parsed.cues.length === 0) throw new ImportProblem('import_unreadable', `${which} has no cues`);
  if (parsed.cues.length > MAX_SEGMENTS) throw new ImportProblem('import_too_many_cues', `${which} has ${parsed.cues.length} cues; a dub takes at most ${MAX_SEGMENTS}`);

  const cues = parsed.cues.map((cue, index) => {
    const startMs = Math.round(cue.startTime * 1000);
    const endMs = Math.round(cue.endTime * 1000);
    const number = index + 1;
    if (!(startMs >= 0 && endMs > startMs)) throw new ImportProblem('import_cue_out_of_range', `${which}: cue ${number} ends before it starts`);
    if (startMs >= durationMs || endMs > durationMs + END_TOLERANCE_MS) {
      throw new ImportProblem('import_cue_out_of_range', `${which}: cue ${number} lies past the end of the video`);
    }
    const clean = plainText(cue.text);
    if (!clean) throw new ImportProblem('import_cue_empty', `${which}: cue ${number} has no text`);
    if (clean.length > MAX_LINE_CHARS) throw new ImportProblem('import_cue_empty', `${which}: cue ${number} is longer than ${MAX_LINE_CHARS} characters`);
    return { number, startMs, endMs: Math.min(endMs, durationMs), text: clean };
  });

  cues.sort((a, b) => a.startMs - b.startMs || a.number - b.number);
  const result: Cue[] = [];
  for (const cue of cues) {
    const previous = result.at(-1);
    if (previous && cue.startMs < previous.endMs) {
      if (previous.endMs - cue.startMs > OVERLAP_TOLERANCE_MS || cue.startMs <= previous.startMs) {
        throw new ImportProblem('import_cues_overlap', `${which}: cue ${cue.number} overlaps the one before it`);
      }
      result[result.length - 1] = { ...previous, endMs: cue.startMs };
    }
    result.push({ startMs: cue.startMs, endMs: cue.endMs, text: cue.text });
  }
  return result;
}

const TIMING_LINE = /^\s*(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{3})\s*-->\s*(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{3})/;

/** The parser drops a cue that ends before it starts without a word; find it (1-based among the timing lines) to say so. */
function firstBackwardsCue(text: string): number | undefined {
  const ms = (h: string | undefined, m: string, s: string, f: string) => ((Number(h ?? 0) * 60 + Number(m)) * 60 + Number(s)) * 1000 + Number(f);
  let number = 0;
  for (const line of text.split(/\r?\n/)) {
    const match = TIMING_LINE.exec(line);
    if (!match) continue;
    number += 1;
    if (ms(match[5], match[6]!, match[7]!, match[8]!) <= ms(match[1], match[2]!, match[3]!, match[4]!)) return number;
  }
  return undefined;
}

/** The subtitle format of an upload's file name, or undefined for one a dub cannot read (.ass). */
export function subtitleFormatOf(filename: string): 'srt' | 'vtt' | undefined {
  const extension = filename.toLowerCase().split('.').pop();
  return extension === 'srt' || extension === 'vtt' ? extension : undefined;
}
