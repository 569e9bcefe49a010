import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { SecondFactorForm } from '../sign-in/second-factor-form';
import { type Factor, useSignInAttempt } from '../sign-in/use-sign-in-attempt';
import { describeLinkError } from './link-error';

/**
 * Where a sign-in that started elsewhere (a mailed link, the identity
 * provider) is finished: posts once on arrival, asks 2FA accounts for a code
 * (the step every sign-in path shares), then goes on into the app.
 */
export function LandingSignIn({ signIn }: { signIn: ((factor?: Factor) => Promise<unknown>) | undefined }) {
  const { attempt, codeStep, error, busy } = useSignInAttempt();
  const started = useRef(false);

  useEffect(() => {
    // Once only: the link or the single sign-on attempt can be used a single time.
    if (started.current || !signIn) return;
    started.current = true;
    void attempt(signIn);
  }, [attempt, signIn]);

  if (!signIn) {
    return (
      <section className="narrow">
        <h1>This link is incomplete</h1>
        <p role="alert" className="notice notice-error">
          The address has no sign-in token. Open the link from the email again, or ask for a new one.
        </p>
        <p>
          <Link to="/sign-in">Go to sign-in</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="narrow">
      <h1>Signing you in</h1>
      {codeStep ? (
        <SecondFactorForm submit={codeStep} />
      ) : error ? (
        <>
          <p role="alert" className="notice notice-error">
            {describeLinkError(error)}
          </p>
          <p>
            <Link to="/sign-in">Go to sign-in</Link>
          </p>
        </>
      ) : (
        <p role="status">{busy ? 'Checking…' : 'Signed in.'}</p>
      )}
    </section>
  );
}
