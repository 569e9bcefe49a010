import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { ErrorNotice, Field, StatusNotice } from '../../components/form';
import { passwordChangedSentence } from './account-format';
import { useAction } from '../../components/use-action';

/** Change the password; the server then signs out every other device, and the page says so up front. */
export function PasswordSection() {
  const action = useAction();
  const [mismatch, setMismatch] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const next = String(data.get('new_password'));
    setMismatch(next !== data.get('repeat'));
    if (next !== data.get('repeat')) return;
    const changed = await action.run(async () => {
      const reply = unwrap(await api.POST('/api/auth/password', { body: { current_password: String(data.get('current_password')), new_password: next } }));
      return passwordChangedSentence(reply.other_sessions_ended);
    });
    if (changed) form.reset();
  }

  return (
    <section aria-labelledby="password-heading" className="account-section">
      <h2 id="password-heading">Password</h2>
      <p>Changing your password signs you out on every other device.</p>
      <form onSubmit={(event) => void submit(event)} className="stack" aria-labelledby="password-heading">
        <Field label="Current password" name="current_password" type="password" autoComplete="current-password" required />
        <Field label="New password" name="new_password" type="password" autoComplete="new-password" minLength={15} required hint="15 characters or more." />
        <Field label="Repeat the new password" name="repeat" type="password" autoComplete="new-password" required />
        {mismatch && (
          <p role="alert" className="notice notice-error">
            The new passwords do not match.
          </p>
        )}
        <ErrorNotice error={action.error} />
        <StatusNotice>{action.status}</StatusNotice>
        <div>
          <button type="submit" disabled={action.busy}>
            {action.busy ? 'Changing…' : 'Change password'}
          </button>
        </div>
      </form>
    </section>
  );
}
