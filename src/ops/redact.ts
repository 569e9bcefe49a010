/** Keys whose values are never kept: a log or audit trail must not become a secret store. */
export const SECRET_KEY = /pass(word)?|token|secret|cookie|authorization|api[-_]?key|totp|recovery|credential|private[-_]?key/i;

/**
 * Secrets that turn up inside free text: Sakuga's API keys, bearer
 * credentials, and passwords in URLs (`scheme://user:pass@host`).
 */
const SECRET_TEXT: ReadonlyArray<[RegExp, string]> = [
  [/sk_[0-9a-f]{16}_[A-Za-z0-9_-]{20,}/g, 'sk_[redacted]'],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 [redacted]'],
  [/([a-z][a-z0-9+.-]*:\/\/[^\s/:@]*:)[^\s/@]+@/gi, '$1[redacted]@'],
];

export function redactText(text: string): string {
  return SECRET_TEXT.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

/** A copy with secret-named keys replaced and secret-looking text masked, to a bounded depth. */
export function redactFields(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= 6) return '[nested too deep]';
  if (Array.isArray(value)) return value.slice(0, 100).map((item) => redactFields(item, depth + 1));
  return Object.fromEntries(Object.entries(value).slice(0, 100).map(([key, item]) => [key, SECRET_KEY.test(key) ? '[redacted]' : redactFields(item, depth + 1)]));
}
