import { useMemo } from 'react';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { deviceName } from '../sign-in/password-sign-in';
import type { Factor } from '../sign-in/use-sign-in-attempt';
import { fragmentParam, useFragmentOnce } from './fragment';
import { LandingSignIn } from './landing-sign-in';

/** /auth/magic-link#token=…: the mailed link. A link is never a second factor, so 2FA accounts still give a code. */
export default function MagicLinkPage() {
  const token = fragmentParam(useFragmentOnce(), 'token');
  const signIn = useMemo(() => {
    if (!token) return undefined;
    return async (factor?: Factor) =>
      unwrap(await api.POST('/api/auth/magic-link/verify', { body: { token, mode: 'cookie', device_name: deviceName(), ...factor } }));
  }, [token]);
  return <LandingSignIn signIn={signIn} />;
}
