/**
 * Audit events in words: the log stores stable codes (`user.role_change`),
 * people read sentences. Unknown codes still read sensibly, so a new event on
 * the server never shows up as raw text.
 */
export const ACTION_WORDS: Readonly<Record<string, string>> = {
  'setup.complete': 'First admin created',
  'auth.login': 'Sign-in',
  'auth.logout': 'Signed out',
  'auth.refresh': 'Session renewed',
  'auth.refresh_reuse': 'Used refresh token presented',
  'auth.reauth': 'Identity confirmed',
  'auth.password_change': 'Password changed',
  'auth.session_revoked': 'Session ended',
  'auth.sessions_revoked': 'Other sessions ended',
  'auth.csrf_failed': 'Request failed the security check',
  'auth.second_factor': 'Two-factor code',
  'auth.totp_enabled': 'Two-factor sign-in turned on',
  'auth.totp_disabled': 'Two-factor sign-in turned off',
  'auth.recovery_codes_regenerated': 'New recovery codes',
  'auth.passkey_added': 'Passkey added',
  'auth.passkey_removed': 'Passkey removed',
  'auth.passkey_used': 'Passkey used',
  'auth.magic_link_requested': 'Email sign-in link requested',
  'auth.magic_link_used': 'Email sign-in link used',
  'auth.qr_approve': 'Device sign-in approved',
  'auth.email_changed': 'Email address changed',
  'user.create': 'Account created',
  'user.role_change': 'Role changed',
  'user.disable': 'Account disabled',
  'user.enable': 'Account enabled',
  'user.password_reset': 'Password reset by an admin',
  'user.unlock_login': 'Sign-in unlocked',
  'access.denied': 'Access refused',
  'api_key.created': 'API key created',
  'api_key.revoked': 'API key revoked',
  'upload.rejected': 'Upload rejected',
  'job.submitted': 'Job submitted',
  'job.cancelled': 'Job cancelled',
  'job.failed': 'Job failed',
  'job.described': 'Job title, notes or tags changed',
  'job.archived': 'Job archived',
  'job.unarchived': 'Job unarchived',
  'job.trashed': 'Job moved to the trash',
  'job.restored': 'Job restored from the trash',
  'job.deleted': 'Job deleted for good',
  'job.privacy_applied': 'Files removed as the privacy mode of a job promised',
  'library.trash_emptied': 'Trash emptied',
  'retention.run': 'Retention run',
  'backup.created': 'Backup made',
  'backup.verified': 'Backup verified',
};

/** Families for filtering, in the order a person looks for them. */
export const ACTION_FAMILIES: ReadonlyArray<{ readonly value: string; readonly label: string }> = [
  { value: 'auth', label: 'Sign-in and sessions' },
  { value: 'user', label: 'Accounts' },
  { value: 'access', label: 'Access' },
  { value: 'api_key', label: 'API keys' },
  { value: 'upload', label: 'Uploads' },
  { value: 'job', label: 'Jobs' },
  { value: 'setup', label: 'Setup' },
];

const RESULT_WORDS: Readonly<Record<string, string>> = { success: 'Succeeded', failure: 'Failed', denied: 'Refused' };

/** `magic_link_used` → `Magic link used`. */
export function humanise(code: string): string {
  const words = code.replace(/[._]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function describeAction(action: string): string {
  return ACTION_WORDS[action] ?? humanise(action.split('.').slice(1).join(' ') || action);
}

export function describeResult(result: string): string {
  return RESULT_WORDS[result] ?? humanise(result);
}

/** `user:<id>` becomes the username when the page knows it; a session id is shortened. */
export function describeTarget(target: string | null, usernames: ReadonlyMap<string, string>): string | undefined {
  if (!target) return undefined;
  const [kind, id] = target.split(/:(.*)/s);
  if (kind === 'user' && id) return `Account ${usernames.get(id) ?? id}`;
  if (kind === 'session' && id) return `Session ${id.slice(0, 8)}`;
  return target;
}

/** A detail value as text: lists and small objects flattened, never JSON. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.map(describeValue).join(', ');
  if (typeof value === 'object') {
    return Object.entries(value)
      .map(([key, inner]) => `${humanise(key)}: ${describeValue(inner)}`)
      .join('; ');
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}
