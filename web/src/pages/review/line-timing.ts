/**
 * The line being spoken at `ms`: the one whose [start, end) holds it, found
 * by bisection (a film has thousands of lines and this runs on every
 * timeupdate). Lines are in time order and never overlap (the server keeps
 * them so); between two lines none is spoken: -1.
 */
export function activeLineIndex(lines: ReadonlyArray<{ readonly start_ms: number; readonly end_ms: number }>, ms: number): number {
  let low = 0;
  let high = lines.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const line = lines[middle]!;
    if (ms < line.start_ms) high = middle - 1;
    else if (ms >= line.end_ms) low = middle + 1;
    else return middle;
  }
  return -1;
}

/** "1:04.250": a time in a video, to the millisecond the lines are timed in. */
export function formatClock(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const seconds = (ms % 60_000) / 1000;
  return `${minutes}:${seconds.toFixed(3).padStart(6, '0')}`;
}

/** Seconds as typed ("4.5") to whole milliseconds; undefined for anything that is not a time. */
export function parseSeconds(text: string): number | undefined {
  if (!/^\s*\d+(\.\d{0,3})?\s*$/.test(text)) return undefined;
  return Math.round(Number(text) * 1000);
}

/** Milliseconds as the seconds field shows them ("4.5"). */
export const secondsText = (ms: number): string => String(ms / 1000);
