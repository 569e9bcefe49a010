import { Link } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { deviceName } from '../sign-in/password-sign-in';
import type { Factor } from '../sign-in/use-sign-in-attempt';
import { useFragmentOnce } from './fragment';
import { LandingSignIn } from './landing-sign-in';

/**
 * /auth/oidc: back from the identity provider. The attempt rides in an
 * HttpOnly flow cookie, so the page needs no token; `#linked` means an
 * account link (started from the account page) is done instead.
 */
export default function OidcPage() {
  if (useFragmentOnce() === '#linked') {
    return (
      <section className="narrow">
        <h1>Single sign-on is linked</h1>
        <p role="status">Your account is linked: from now on you can sign in with single sign-on.</p>
        <p>
          <Link to="/account">Back to your account</Link>
        </p>
      </section>
    );
  }
  return <LandingSignIn signIn={completeSingleSignOn} />;
}

async function completeSingleSignOn(factor?: Factor) {
  return unwrap(await api.POST('/api/auth/oidc/complete', { body: { mode: 'cookie', device_name: deviceName(), ...factor } }));
}
