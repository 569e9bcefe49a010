import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface Cue {
  readonly startMs: number;
  readonly endMs: number;
  readonly text: string;
}

/** C0 and C1 controls except newline and tab, plus the bidi overrides that can disguise a line. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A cue's lines, made safe for both formats: controls stripped, line breaks
 * normalised, and empty lines dropped (an empty line ends a cue in both
 * WebVTT and SRT, so the rest would be read as garbage or a new cue).
 */
function lines(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL, '')
    .replace(/\t/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

function timestamp(ms: number, separator: '.' | ','): string {
  const total = Math.max(0, Math.round(ms));
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor(total / 60_000) % 60;
  const seconds = Math.floor(total / 1000) % 60;
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(hours)}:${pad(minutes)}:${pad(seconds)}${separator}${pad(total % 1000, 3)}`;
}

/** Cues with text, in time order; a cue that ends before it starts is the caller's bug. */
function usable(cues: readonly Cue[]): Array<{ startMs: number; endMs: number; lines: string[] }> {
  return cues
    .map((cue) => {
      if (!Number.isFinite(cue.startMs) || !Number.isFinite(cue.endMs) || cue.startMs < 0 || cue.endMs <= cue.startMs) throw new RangeError('a cue needs 0 ≤ startMs < endMs');
      return { startMs: cue.startMs, endMs: cue.endMs, lines: lines(cue.text) };
    })
    .filter((cue) => cue.lines.length > 0)
    .sort((a, b) => a.startMs - b.startMs);
}

/**
 * WebVTT (W3C WebVTT §4): cue text is markup, so `&` and `<` are escaped as
 * entities, and `>` too, which also keeps `-->` out of a text line.
 */
export function toWebVtt(cues: readonly Cue[]): string {
  const escape = (line: string) => line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const blocks = usable(cues).map((cue) => `${timestamp(cue.startMs, '.')} --> ${timestamp(cue.endMs, '.')}\n${cue.lines.map(escape).join('\n')}`);
  return `WEBVTT\n\n${blocks.join('\n\n')}\n`;
}

/**
 * SRT, CRLF line endings as the format's Windows origin has it. SRT has no
 * escapes: an `-->` in text, which some parsers take for a timing line,
 * becomes `->`.
 */
export function toSrt(cues: readonly Cue[]): string {
  const blocks = usable(cues).map(
    (cue, index) => `${index + 1}\r\n${timestamp(cue.startMs, ',')} --> ${timestamp(cue.endMs, ',')}\r\n${cue.lines.map((line) => line.replace(/-->/g, '->')).join('\r\n')}`,
  );
  return `${blocks.join('\r\n\r\n')}\r\n`;
}

/** `subtitles.<lang>.vtt` and `.srt` in `dir`; the tag is reduced to letters, digits and `-` before it names a file. */
export async function writeSubtitles(dir: string, language: string, cues: readonly Cue[]): Promise<{ vtt: string; srt: string }> {
  const tag = language.replace(/[^A-Za-z0-9-]/g, '').slice(0, 35) || 'und';
  const vtt = join(dir, `subtitles.${tag}.vtt`);
  const srt = join(dir, `subtitles.${tag}.srt`);
  await writeFile(vtt, toWebVtt(cues), 'utf8');
  await writeFile(srt, toSrt(cues), 'utf8');
  return { vtt, srt };
}
