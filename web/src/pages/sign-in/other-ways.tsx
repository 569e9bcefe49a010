import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { useApiData } from '../../components/use-api-data';
import { MagicLinkRequest } from './magic-link-request';
import { PasskeySignIn } from './passkey-sign-in';

/** The ways of signing in this server offers besides the password (GET /api/auth/methods). */
export function OtherWays() {
  const [params] = useSearchParams();
  const methods = useApiData(async () => unwrap(await api.GET('/api/auth/methods')), []);
  const next = params.get('next');
  const keepNext = next ? `?next=${encodeURIComponent(next)}` : '';
  const offered = methods.data;

  return (
    <section aria-labelledby="other-ways-heading" className="stack other-ways">
      <h2 id="other-ways-heading">Other ways to sign in</h2>
      {offered?.passkeys && <PasskeySignIn />}
      {offered?.oidc && (
        // A plain navigation: the server sends the browser on to the identity provider.
        <a className="button secondary" href={offered.oidc.start_url}>
          Sign in with {offered.oidc.name}
        </a>
      )}
      <Link className="button secondary" to={`/sign-in/phone${keepNext}`}>
        Sign in with a phone
      </Link>
      {offered?.magic_link && <MagicLinkRequest />}
    </section>
  );
}
