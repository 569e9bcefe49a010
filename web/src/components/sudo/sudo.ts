import { ApiError } from '../../api/errors';

/** The person closed the "confirm it is you" prompt: the action simply did not happen. */
export class SudoCancelled extends Error {
  constructor() {
    super('sudo prompt cancelled');
    this.name = 'SudoCancelled';
  }
}

/** The server's answer when the last password or code on this session is older than its sudo window. */
export function needsFreshCredential(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'reauth_required';
}

/**
 * Runs a sensitive action; when the server asks for a fresh credential, asks
 * the person once (`confirm` resolves after POST /api/auth/reauth succeeded,
 * or throws SudoCancelled) and retries the action once. A second
 * reauth_required is not retried again: a loop here would hammer the server
 * with a credential it keeps refusing.
 */
export async function withSudo<T>(action: () => Promise<T>, confirm: () => Promise<void>): Promise<T> {
  try {
    return await action();
  } catch (failure) {
    if (!needsFreshCredential(failure)) throw failure;
  }
  await confirm();
  return action();
}
