import { useCallback, useState } from 'react';
import { ApiError } from '../../api/errors';
import type { User } from '../../api/types';
import { type secondFactor, useFinishSignIn } from './finish-sign-in';

export type Factor = ReturnType<typeof secondFactor>;
type CookieSession = { user: User; csrf_token: string };

/** A sign-in reply for this browser must be a cookie session; a token reply here is a bug, not a sign-in. */
export function asCookieSession(reply: unknown): CookieSession {
  if (typeof reply === 'object' && reply !== null && 'csrf_token' in reply && 'user' in reply) return reply as CookieSession;
  throw new Error('a cookie sign-in answered without a CSRF token');
}

/**
 * One way of signing in that may stop at the second-factor step: `attempt`
 * runs `signIn` without a code; if the account has 2FA, `codeStep` is set and
 * repeats `signIn` with the code the person gives (SecondFactorForm's submit).
 */
export function useSignInAttempt() {
  const finish = useFinishSignIn();
  const [codeStep, setCodeStep] = useState<(factor: Factor) => Promise<void>>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const attempt = useCallback(
    async (signIn: (factor?: Factor) => Promise<unknown>) => {
      setBusy(true);
      setError(undefined);
      try {
        finish(asCookieSession(await signIn()));
      } catch (failure) {
        if (failure instanceof ApiError && failure.code === 'totp_required') {
          // A function in state must be wrapped, or React calls it as an updater.
          setCodeStep(() => async (factor: Factor) => finish(asCookieSession(await signIn(factor))));
        } else setError(failure);
      } finally {
        setBusy(false);
      }
    },
    [finish],
  );

  return { attempt, codeStep, cancelCodeStep: () => setCodeStep(undefined), error, busy };
}
