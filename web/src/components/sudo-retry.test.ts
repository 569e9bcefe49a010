import { describe, expect, test, vi } from 'vitest';
import { ApiError } from '../api/errors';
import { runWithSudo, SudoCancelled } from './sudo-retry';

const reauthRequired = () => new ApiError('reauth_required', 401, 'Confirm it is you');

describe('runWithSudo', () => {
  test('a fresh session: the action runs once and no prompt appears', async () => {
    const action = vi.fn().mockResolvedValue('done');
    const confirm = vi.fn();
    await expect(runWithSudo(action, confirm)).resolves.toBe('done');
    expect(action).toHaveBeenCalledTimes(1);
    expect(confirm).not.toHaveBeenCalled();
  });

  test('reauth_required: asks, then retries once', async () => {
    const action = vi.fn().mockRejectedValueOnce(reauthRequired()).mockResolvedValueOnce('done');
    const confirm = vi.fn().mockResolvedValue(true);
    await expect(runWithSudo(action, confirm)).resolves.toBe('done');
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(action).toHaveBeenCalledTimes(2);
  });

  test('refused again after confirming: the error surfaces, no loop', async () => {
    const action = vi.fn().mockRejectedValue(reauthRequired());
    const confirm = vi.fn().mockResolvedValue(true);
    await expect(runWithSudo(action, confirm)).rejects.toMatchObject({ code: 'reauth_required' });
    expect(action).toHaveBeenCalledTimes(2);
    expect(confirm).toHaveBeenCalledTimes(1);
  });

  test('cancelled prompt: SudoCancelled, no retry', async () => {
    const action = vi.fn().mockRejectedValue(reauthRequired());
    await expect(runWithSudo(action, () => Promise.resolve(false))).rejects.toBeInstanceOf(SudoCancelled);
    expect(action).toHaveBeenCalledTimes(1);
  });

  test('any other failure passes through without a prompt', async () => {
    const action = vi.fn().mockRejectedValue(new ApiError('password_too_short', 400, 'short'));
    const confirm = vi.fn();
    await expect(runWithSudo(action, confirm)).rejects.toMatchObject({ code: 'password_too_short' });
    expect(confirm).not.toHaveBeenCalled();
  });
});
