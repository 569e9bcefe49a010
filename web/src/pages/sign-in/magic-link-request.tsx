import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { ErrorNotice, Field, StatusNotice } from '../../components/form';

/**
 * Asks for a sign-in link by mail. The server answers the same whether or not
 * the address has an account (no one can probe for accounts), so the page
 * says "if", never "sent".
 */
export function MagicLinkRequest() {
  const [sentTo, setSentTo] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get('email')).trim();
    setBusy(true);
    setError(undefined);
    setSentTo(undefined);
    try {
      unwrap(await api.POST('/api/auth/magic-link', { body: { email } }));
      setSentTo(email);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} className="stack" aria-label="Sign in with a link by email">
      <Field label="Email address" name="email" type="email" autoComplete="email" required />
      <ErrorNotice error={error} />
      <StatusNotice>
        {sentTo && `If ${sentTo} belongs to an account here, a sign-in link is on its way. Check your mail and open the link on this device; it works once.`}
      </StatusNotice>
      <button type="submit" className="secondary" disabled={busy}>
        {busy ? 'Sending…' : 'Email me a sign-in link'}
      </button>
    </form>
  );
}
