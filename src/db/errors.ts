/** True for a unique-constraint violation on either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/** For a unique violation, whether it concerns the email column (else assume the username). */
export function violatesEmailUniqueness(error: unknown): boolean {
  const { message, constraint, detail } = (error ?? {}) as { message?: string; constraint?: string; detail?: string };
  return [message, constraint, detail].some((text) => typeof text === 'string' && text.includes('email'));
}
