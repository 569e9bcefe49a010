import { type FormEvent } from 'react';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { ErrorNotice, Field, StatusNotice } from '../../components/form';
import { useSudo } from '../../components/sudo/sudo-dialog';
import { useApiData } from '../../components/use-api-data';
import { useAction } from '../../components/use-action';

/** The account's email address: where sign-in links and notices go once it is verified. */
export function EmailSection() {
  const email = useApiData(async () => unwrap(await api.GET('/api/auth/email')), []);
  const sudo = useSudo();
  const action = useAction();

  async function change(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const address = String(new FormData(form).get('email')).trim();
    const changed = await action.run(async () => {
      const reply = await sudo(async () => unwrap(await api.PUT('/api/auth/email', { body: { email: address } })));
      await email.reload();
      return reply.confirmation_sent
        ? `A confirmation link went to ${address}. The address becomes yours when you open it.`
        : 'That is already your verified address.';
    });
    if (changed) form.reset();
  }

  const remove = () =>
    action.run(async () => {
      await sudo(async () => unwrap(await api.PUT('/api/auth/email', { body: { email: null } })));
      await email.reload();
      return 'The email address was removed.';
    });

  const current = email.data;
  return (
    <section aria-labelledby="email-heading" className="account-section">
      <h2 id="email-heading">Email</h2>
      <ErrorNotice error={email.error} />
      {current && (
        <p>
          {current.email ? (
            <>
              Your address is <strong className="mono">{current.email}</strong>{' '}
              <span className={current.email_verified ? 'badge badge-ok' : 'badge badge-warn'}>{current.email_verified ? 'Verified' : 'Not verified yet'}</span>
            </>
          ) : (
            'Your account has no email address.'
          )}
        </p>
      )}
      <form onSubmit={(event) => void change(event)} className="stack" aria-label="Change email address">
        <Field label="New email address" name="email" type="email" autoComplete="email" maxLength={320} required hint="Sakuga mails a link to it; the change takes effect when you open the link." />
        <ErrorNotice error={action.error} />
        <StatusNotice>{action.status}</StatusNotice>
        <div className="row">
          <button type="submit" disabled={action.busy}>
            Send confirmation link
          </button>
          {current?.email && (
            <button type="button" className="danger" disabled={action.busy} onClick={() => void remove()}>
              Remove the address
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
