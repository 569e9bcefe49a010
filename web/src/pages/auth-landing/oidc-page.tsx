import { Link } from 'react-router';
import { api } from '../../api/client';
import { ApiError, unwrap } from '../../api/errors';
import { ErrorNotice } from '../../components/form';
import { deviceName } from '../sign-in/password-sign-in';
import type { Factor } from '../sign-in/use-sign-in-attempt';
import { fragmentParam, useFragmentOnce } from './fragment';
import { LandingSignIn } from './landing-sign-in';

/**
 * /auth/oidc: back from the identity provider. The attempt rides in an
 * HttpOnly flow cookie, so the page needs no token; `#linked` means an
 * account link (started from the account page) is done instead, and
 * `#error=<code>` that the provider's answer was refused.
 */
export default function OidcPage() {
  const fragment = useFragmentOnce();
  const refused = fragmentParam(fragment, 'error');
  if (refused) {
    return (
      <section className="narrow">
        <h1>Single sign-on did not work</h1>
        <ErrorNotice error={new ApiError(refused, 0, '')} />
        <p>
          <Link to="/sign-in">Back to signing in</Link>
        </p>
      </section>
    );
  }
  if (fragment === '#linked') {
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
