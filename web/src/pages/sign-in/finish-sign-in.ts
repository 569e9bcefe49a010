import { useCallback } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { User } from '../../api/types';
import { safeNextPath } from '../../session/next-path';
import { useSession } from '../../session/session';

/** Every sign-in path ends here: remember the session, then go back to where the person was. */
export function useFinishSignIn(): (reply: { user: User; csrf_token: string }) => void {
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  return useCallback(
    (reply) => {
      session.signedIn(reply.user, reply.csrf_token);
      navigate(safeNextPath(params.get('next')), { replace: true });
    },
    [session, navigate, params],
  );
}

/** A six-digit code is from an authenticator app; anything else is tried as a recovery code. */
export function secondFactor(code: string): { totp_code: string } | { recovery_code: string } {
  const trimmed = code.replace(/\s+/g, '');
  return /^\d{6}$/.test(trimmed) ? { totp_code: trimmed } : { recovery_code: code.trim() };
}
