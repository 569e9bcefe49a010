import { Link, Navigate } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { useApiData } from '../../components/use-api-data';
import { useSession } from '../../session/session';
import { OtherWays } from './other-ways';
import { PasswordSignIn } from './password-sign-in';

/** Sign in: a password first; the other ways this server offers below it. */
export default function SignInPage() {
  const { user } = useSession();
  const setup = useApiData(async () => unwrap(await api.GET('/api/setup')), []);
  if (setup.data?.required) return <Navigate to="/setup" replace />;
  if (user) {
    return (
      <section>
        <h1>Signed in</h1>
        <p>
          You are signed in as {user.username}. <Link to="/">Go to the start page</Link>.
        </p>
      </section>
    );
  }
  return (
    <section className="narrow">
      <h1>Sign in to Sakuga</h1>
      <PasswordSignIn />
      <OtherWays />
    </section>
  );
}
