import { ERROR_SENTENCES } from './error-messages';

/** What the server sends on every failure: `{error: {code, message}}`. */
export interface ApiErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly request_id?: string };
}

/** A failed API call, carrying the stable code (never shown raw) and the HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    serverMessage: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(serverMessage);
    this.name = 'ApiError';
  }
}

/** A failure the page finds itself, before asking the server (a file that is not JSON); its message is the sentence shown. */
export class PageError extends Error {
  override name = 'PageError';
}

const OFFLINE = 'Sakuga could not be reached. Check the connection and try again.';

/** Turns openapi-fetch's `{error, response}` into an ApiError (or passes data through). */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok) return result.data as T;
  throw toApiError(result.error, result.response);
}

export function toApiError(body: unknown, response: Response): ApiError {
  const error = (body as Partial<ApiErrorBody> | undefined)?.error;
  const retryAfter = Number(response.headers.get('retry-after'));
  const code = typeof error?.code === 'string' ? error.code : response.status >= 500 ? 'internal_error' : 'bad_request';
  return new ApiError(code, response.status, error?.message ?? '', Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
}

/** The sentence a person sees for any failure: ours for a known code, never raw JSON. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const sentence = ERROR_SENTENCES[error.code] ?? 'That did not work. Try again, or ask the admin to look at the server log.';
    return error.retryAfterSeconds ? `${sentence} Try again in ${formatWait(error.retryAfterSeconds)}.` : sentence;
  }
  if (error instanceof PageError) return error.message;
  if (error instanceof TypeError) return OFFLINE;
  return 'Something went wrong in this page. Reload it and try again.';
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `${Math.ceil(seconds)} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
