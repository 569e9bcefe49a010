import { describe, expect, test } from 'vitest';
import { fragmentParam } from './fragment';
import { describeLinkError } from './link-error';
import { ApiError } from '../../api/errors';

describe('fragmentParam', () => {
  test('reads the token from the fragment', () => {
    expect(fragmentParam('#token=sml_abc.def', 'token')).toBe('sml_abc.def');
    expect(fragmentParam('#id=42&x=1', 'id')).toBe('42');
  });
  test.each(['', '#', '#token=', '#linked', '#token=%20'])('nothing in %j', (hash) => {
    expect(fragmentParam(hash, 'token')).toBeUndefined();
  });
});

describe('describeLinkError', () => {
  test('a spent link is a spent link, not an ended session', () => {
    expect(describeLinkError(new ApiError('invalid_token', 401, ''))).toMatch(/already used or has expired/);
  });
  test('other failures read as usual', () => {
    expect(describeLinkError(new ApiError('second_factor_invalid', 401, ''))).toMatch(/code is not right/);
  });
});
