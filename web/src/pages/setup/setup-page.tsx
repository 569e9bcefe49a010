import { type FormEvent, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { ErrorNotice, Field } from '../../components/form';
import { useApiData } from '../../components/use-api-data';

/**
 * First run: create the first admin with the one-time token. The printed link
 * carries the token in the fragment (never sent to a server, never in a
 * Referer); it is taken out of the address bar at once.
 */
export default function SetupPage() {
  const [token, setToken] = useState('');
  const [error, setError] = useState<unknown>();
  const [mismatch, setMismatch] = useState(false);
  const [created, setCreated] = useState<string>();
  const [busy, setBusy] = useState(false);
  const status = useApiData(async () => unwrap(await api.GET('/api/setup')), []);

  useEffect(() => {
    const fromLink = new URLSearchParams(window.location.hash.slice(1)).get('token');
    if (fromLink) {
      setToken(fromLink);
      history.replaceState(null, '', window.location.pathname);
    }
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get('password'));
    setMismatch(password !== form.get('confirm'));
    if (password !== form.get('confirm')) return;
    setBusy(true);
    setError(undefined);
    try {
      const reply = unwrap(await api.POST('/api/setup', { body: { token: token.trim(), username: String(form.get('username')), password } }));
      setCreated(reply.user.username);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  if (created) {
    return (
      <section>
        <h1>Sakuga is ready</h1>
        <p role="status">{created} is the administrator.</p>
        <p>
          <Link className="button" to={`/sign-in?username=${encodeURIComponent(created)}`}>
            Sign in
          </Link>
        </p>
      </section>
    );
  }
  if (status.data && !status.data.required) {
    return (
      <section>
        <h1>Setup is done</h1>
        <p>This server already has an administrator.</p>
        <p>
          <Link to="/sign-in">Sign in</Link>
        </p>
      </section>
    );
  }
  return (
    <section>
      <h1>Welcome to Sakuga</h1>
      <p>Create the first administrator account. The setup token is in the file <code>setup-token</code> in Sakuga&apos;s data directory.</p>
      <form onSubmit={(event) => void submit(event)} className="stack">
        <Field label="Setup token" name="token" autoComplete="off" required value={token} onChange={(event) => setToken(event.target.value)} />
        <Field
          label="Username"
          name="username"
          autoComplete="username"
          minLength={3}
          maxLength={32}
          required
          hint="3 to 32 letters, digits, dots, dashes or underscores."
        />
        <Field label="Password" name="password" type="password" autoComplete="new-password" minLength={15} required hint="15 characters or more." />
        <Field label="Repeat password" name="confirm" type="password" autoComplete="new-password" required />
        {mismatch && (
          <p role="alert" className="notice notice-error">
            The passwords do not match.
          </p>
        )}
        <ErrorNotice error={error} />
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create admin'}
        </button>
      </form>
    </section>
  );
}
