import type { FormEvent } from 'react';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { ErrorNotice, Field, StatusNotice } from '../../components/form';
import { useAction } from '../../components/use-action';

/**
 * Asks for a sign-in link by mail. The server answers the same whether or not
 * the address has an account (no one can probe for accounts), so the page
 * says "if", never "sent".
 */
export function MagicLinkRequest() {
  const action = useAction();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get('email')).trim();
    void action.run(async () => {
      unwrap(await api.POST('/api/auth/magic-link', { body: { email } }));
      return `If ${email} belongs to an account here, a sign-in link is on its way. Check your mail and open the link on this device; it works once.`;
    });
  }

  return (
    <form onSubmit={onSubmit} className="stack" aria-label="Sign in with a link by email">
      <Field label="Email address" name="email" type="email" autoComplete="email" required />
      <ErrorNotice error={action.error} />
      <StatusNotice>{action.status}</StatusNotice>
      <button type="submit" className="secondary" disabled={action.busy}>
        {action.busy ? 'Sending…' : 'Email me a sign-in link'}
      </button>
    </form>
  );
}
