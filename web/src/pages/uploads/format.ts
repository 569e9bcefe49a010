// Numbers for people. No imports: the browser tests use these too, to read what the page shows.

const UNITS = ['KB', 'MB', 'GB', 'TB'];

/** Bytes for people, in decimal units as file managers show them: "980 B", "2.4 MB", "12 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  let value = bytes;
  let unit = -1;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const rounded = value < 10 ? Math.floor(value * 10) / 10 : Math.floor(value);
  return `${rounded} ${UNITS[unit]}`;
}

/** Whole percent sent, never 100 before the last byte (rounding down), 100 for an empty total. */
export function percentOf(sent: number, total: number): number {
  if (total <= 0) return 100;
  return Math.min(100, Math.floor((sent / total) * 100));
}

/** A duration for people: "0:02", "1:05:09". */
export function formatDuration(seconds: number): string {
  const whole = Math.round(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
