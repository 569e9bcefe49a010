import { describe, expect, test, vi } from 'vitest';
import { ApiError } from '../../api/errors';
import { SudoCancelled, withSudo } from './sudo';

const reauthRequired = () => new ApiError('reauth_required', 401, 'fresh credential needed');

describe('withSudo', () => {
  test('an action that works runs once and needs no prompt', async () => {
    const action = vi.fn(async () => 'done');
    const confirm = vi.fn(async () => {});
    await expect(withSudo(action, confirm)).resolves.toBe('done');
    expect(action).toHaveBeenCalledTimes(1);
    expect(confirm).not.toHaveBeenCalled();
  });

  test('reauth_required: asks once, then retries the action once', async () => {
    const action = vi.fn<() => Promise<string>>().mockRejectedValueOnce(reauthRequired()).mockResolvedValueOnce('done');
    const confirm = vi.fn(async () => {});
    await expect(withSudo(action, confirm)).resolves.toBe('done');
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(action).toHaveBeenCalledTimes(2);
  });

  test('a second reauth_required is not retried again', async () => {
    const action = vi.fn(async () => {
      throw reauthRequired();
    });
    const confirm = vi.fn(async () => {});
    await expect(withSudo(action, confirm)).rejects.toMatchObject({ code: 'reauth_required' });
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(action).toHaveBeenCalledTimes(2);
  });

  test('a cancelled prompt stops the action', async () => {
    const action = vi.fn<() => Promise<string>>().mockRejectedValue(reauthRequired());
    await expect(
      withSudo(action, async () => {
        throw new SudoCancelled();
      }),
    ).rejects.toBeInstanceOf(SudoCancelled);
    expect(action).toHaveBeenCalledTimes(1);
  });

  test('other failures pass through without a prompt', async () => {
    const confirm = vi.fn(async () => {});
    const wrong = new ApiError('password_incorrect', 401, 'no');
    await expect(
      withSudo(async () => {
        throw wrong;
      }, confirm),
    ).rejects.toBe(wrong);
    expect(confirm).not.toHaveBeenCalled();
  });
});
