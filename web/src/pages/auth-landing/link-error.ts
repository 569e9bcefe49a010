import { ApiError, describeError } from '../../api/errors';

/**
 * For a mailed link or a single sign-on return, invalid_token means the link
 * (or the attempt) is spent; the usual sentence ("your sign-in has expired")
 * would point the person at the wrong thing.
 */
export function describeLinkError(error: unknown): string {
  if (error instanceof ApiError && error.code === 'invalid_token') {
    return 'This link was already used or has expired. Ask for a new one.';
  }
  return describeError(error);
}
