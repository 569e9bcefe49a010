import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { fragmentParam, useFragmentOnce } from './fragment';
import { describeLinkError } from './link-error';

type Outcome = { email: string | null } | { error: unknown };

/** /auth/confirm-email#token=…: the link mailed to a new address makes it the account's address. */
export default function ConfirmEmailPage() {
  const token = fragmentParam(useFragmentOnce(), 'token');
  const [outcome, setOutcome] = useState<Outcome>();
  const started = useRef(false);

  useEffect(() => {
    // Once only: the link is single-use.
    if (started.current || !token) return;
    started.current = true;
    api.POST('/api/auth/email/confirm', { body: { token } }).then(
      (result) => {
        try {
          setOutcome({ email: unwrap(result).email });
        } catch (error) {
          setOutcome({ error });
        }
      },
      (error: unknown) => setOutcome({ error }),
    );
  }, [token]);

  return (
    <section className="narrow">
      <h1>Confirming your email address</h1>
      {!token ? (
        <p role="alert" className="notice notice-error">
          The address has no confirmation token. Open the link from the email again.
        </p>
      ) : !outcome ? (
        <p role="status">Checking…</p>
      ) : 'error' in outcome ? (
        <p role="alert" className="notice notice-error">
          {describeLinkError(outcome.error)}
        </p>
      ) : (
        <p role="status" className="notice notice-ok">
          Your email address is now {outcome.email}.
        </p>
      )}
      <p>
        <Link to="/">Go to Sakuga</Link>
      </p>
    </section>
  );
}
