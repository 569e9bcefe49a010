import { expect, test } from 'vitest';
import { ApiError, describeError } from '../../api/errors';
import { tusErrorToApiError } from './tus-errors';

const answered = (status: number, body: string, headers: Record<string, string> = {}) => ({
  originalResponse: { getStatus: () => status, getBody: () => body, getHeader: (name: string) => headers[name.toLowerCase()] },
});

test('Sakuga\'s own JSON error keeps its code and Retry-After', () => {
  const error = tusErrorToApiError(answered(429, '{"error":{"code":"too_many_uploads","message":"Too many"}}', { 'retry-after': '60' }));
  expect(error).toBeInstanceOf(ApiError);
  expect(error).toMatchObject({ code: 'too_many_uploads', status: 429, retryAfterSeconds: 60 });
  expect(describeError(error)).toBe('Too many unfinished uploads; finish or cancel one first. Try again in 60 seconds.');
});

test('tus\'s plain-text answers are read by status', () => {
  expect(tusErrorToApiError(answered(404, 'The file for this url was not found\n'))).toMatchObject({ code: 'upload_not_found', status: 404 });
  expect(tusErrorToApiError(answered(413, 'Maximum size exceeded\n'))).toMatchObject({ code: 'upload_too_large' });
  expect(tusErrorToApiError(answered(507, ''))).toMatchObject({ code: 'storage_full' });
  expect(tusErrorToApiError(answered(502, 'Bad gateway'))).toMatchObject({ code: 'internal_error' });
  expect(tusErrorToApiError(answered(409, 'Offset mismatch'))).toMatchObject({ code: 'bad_request' });
});

test('no answer at all reads as offline', () => {
  const error = tusErrorToApiError({ originalResponse: null });
  expect(error).toBeInstanceOf(TypeError);
  expect(describeError(error)).toMatch(/could not be reached/);
  expect(tusErrorToApiError(new Error('boom'))).toBeInstanceOf(TypeError);
});
