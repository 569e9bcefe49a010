import { ApiError } from '../api/errors';

/** The person closed the password prompt: nothing failed, nothing to report. */
export class SudoCancelled extends Error {
  constructor() {
    super('sudo prompt cancelled');
    this.name = 'SudoCancelled';
  }
}

/**
 * Runs a sensitive action; if the server answers 401 `reauth_required`
 * (sudo mode: the session's last credential is too old), asks the person to
 * confirm it is them and retries exactly once. A second refusal is thrown
 * as it is, so a misconfigured server cannot make the page loop.
 */
export async function runWithSudo<T>(action: () => Promise<T>, confirm: () => Promise<boolean>): Promise<T> {
  try {
    return await action();
  } catch (failure) {
    if (!(failure instanceof ApiError && failure.code === 'reauth_required')) throw failure;
    if (!(await confirm())) throw new SudoCancelled();
    return action();
  }
}
