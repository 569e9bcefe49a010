/** Whole seconds from `now` until `deadline` (epoch ms), never negative. */
export function secondsLeft(deadline: number, now: number): number {
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}

/** "1:05" for 65 seconds: short enough to read at a glance on a small screen. */
export function formatCountdown(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/**
 * What a screen reader hears about the time left: announcing every second
 * would drown everything else, so only at the minute, at 30 s and at 10 s.
 */
export function spokenCountdown(seconds: number): string | undefined {
  if (seconds <= 0) return undefined;
  if (seconds % 60 === 0) return `${seconds / 60} ${seconds === 60 ? 'minute' : 'minutes'} left`;
  if (seconds === 30 || seconds === 10) return `${seconds} seconds left`;
  return undefined;
}

/** The user code as the approver types it: case, spaces and the dash do not matter (the server ignores them too). */
export function normaliseUserCode(code: string): string {
  const bare = code.toUpperCase().replace(/[\s-]/g, '');
  return bare.length === 8 ? `${bare.slice(0, 4)}-${bare.slice(4)}` : bare;
}
