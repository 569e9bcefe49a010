import { ApiError } from '../../api/errors';

/** What tus-js-client hands to onError: a DetailedError carries the server's response when there was one. */
export interface TusFailure {
  readonly originalResponse?: { getStatus(): number; getBody(): string; getHeader(name: string): string | undefined } | null;
}

/** Codes for answers that came from the tus protocol itself (plain text bodies), by status. */
const TUS_STATUS_CODES: Readonly<Record<number, string>> = {
  403: 'forbidden',
  404: 'upload_not_found',
  410: 'upload_not_found',
  413: 'upload_too_large',
  429: 'rate_limited',
  507: 'storage_full',
};

/**
 * Turns a failed tus request into what describeError() reads: an ApiError
 * with Sakuga's code (from the JSON body Sakuga's own checks send, else from
 * the status tus answered with), or a TypeError when no answer came at all
 * (offline), so the person reads a sentence and never a raw body.
 */
export function tusErrorToApiError(error: unknown): ApiError | TypeError {
  const response = (error as TusFailure | undefined)?.originalResponse;
  if (!response) return new TypeError('no response');
  const status = response.getStatus();
  let code: string | undefined;
  let message = '';
  try {
    const body = JSON.parse(response.getBody()) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.code === 'string') code = body.error.code;
    if (typeof body.error?.message === 'string') message = body.error.message;
  } catch {
    // tus's own answers are plain text; the status tells.
  }
  const retryAfter = Number(response.getHeader('retry-after'));
  code ??= TUS_STATUS_CODES[status] ?? (status >= 500 ? 'internal_error' : 'bad_request');
  return new ApiError(code, status, message, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
}
