/** Small pure helpers for the account page, kept apart so they can be unit-tested. */

const ROLE_ORDER = ['viewer', 'operator', 'editor', 'admin'] as const;

/** "3 minutes ago", "yesterday"… for a time in the past; the exact time is shown beside it as a tooltip. */
export function timeAgo(iso: string, now: Date = new Date()): string {
  const seconds = Math.round((now.getTime() - Date.parse(iso)) / 1000);
  if (!Number.isFinite(seconds)) return 'unknown';
  if (seconds < 60) return 'just now';
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  if (seconds < 3600) return format.format(-Math.floor(seconds / 60), 'minute');
  if (seconds < 86_400) return format.format(-Math.floor(seconds / 3600), 'hour');
  return format.format(-Math.floor(seconds / 86_400), 'day');
}

/** A date a person reads: "12 Mar 2026". */
export function shortDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
}

/** Scopes a person can give a key from this form: those their role may hold, without the per-resource ones (they need an id). */
export function grantableScopes<S extends { scope: string; min_role: string }>(scopes: readonly S[], role: string): S[] {
  const rank = ROLE_ORDER.indexOf(role as (typeof ROLE_ORDER)[number]);
  return scopes.filter((entry) => !entry.scope.includes('<') && ROLE_ORDER.indexOf(entry.min_role as (typeof ROLE_ORDER)[number]) <= rank && rank >= 0);
}

/** Key lifetimes offered on the page; each value is a number of days. */
export const KEY_LIFETIMES = [
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: 'One year' },
] as const;

/** The text file a person saves their recovery codes in: what they are for, and where. */
export function recoveryCodesFile(codes: readonly string[], username: string, server: string): string {
  return [
    `Sakuga recovery codes for ${username} at ${server}`,
    '',
    'Each code signs you in once when you cannot use your authenticator app.',
    'Keep this file somewhere safe and private.',
    '',
    ...codes,
    '',
  ].join('\n');
}

/** The outcome of a password change, as a sentence. */
export function passwordChangedSentence(otherSessionsEnded: number): string {
  if (otherSessionsEnded === 0) return 'Password changed.';
  return `Password changed. ${otherSessionsEnded === 1 ? 'One other device was' : `${otherSessionsEnded} other devices were`} signed out.`;
}

/** The outcome of "sign out everywhere else", as a sentence. */
export function revokedOthersSentence(revoked: number): string {
  if (revoked === 0) return 'No other device was signed in.';
  return revoked === 1 ? 'One other device was signed out.' : `${revoked} other devices were signed out.`;
}
