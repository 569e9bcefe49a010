import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { ApiError, unwrap } from '../../api/errors';
import { ErrorNotice, Field } from '../../components/form';
import { type secondFactor, useFinishSignIn } from './finish-sign-in';
import { SecondFactorForm } from './second-factor-form';

type Credentials = { username: string; password: string };

/** Username and password, then the code step when the account has two-factor sign-in. */
export function PasswordSignIn() {
  const [params] = useSearchParams();
  const finish = useFinishSignIn();
  const [pending, setPending] = useState<Credentials>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function login(credentials: Credentials, factor?: ReturnType<typeof secondFactor>) {
    const reply = unwrap(await api.POST('/api/auth/login', { body: { ...credentials, ...factor, mode: 'cookie', device_name: deviceName() } }));
    if (!('csrf_token' in reply)) throw new Error('a cookie sign-in answered without a CSRF token');
    finish(reply);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const credentials = { username: String(form.get('username')).trim(), password: String(form.get('password')) };
    setBusy(true);
    setError(undefined);
    try {
      await login(credentials);
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'totp_required') setPending(credentials);
      else setError(failure);
    } finally {
      setBusy(false);
    }
  }

  if (pending) return <SecondFactorForm submit={(factor) => login(pending, factor)} onCancel={() => setPending(undefined)} />;
  return (
    <form onSubmit={(event) => void onSubmit(event)} className="stack" aria-label="Sign in with a password">
      <Field label="Username" name="username" autoComplete="username webauthn" required defaultValue={params.get('username') ?? ''} />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required />
      <ErrorNotice error={error} />
      <button type="submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}

/** A name for the devices list ("Chrome on Android"), from what the browser says about itself. */
export function deviceName(): string {
  const agent = navigator.userAgent;
  const browser = /Firefox\//.test(agent) ? 'Firefox' : /Edg\//.test(agent) ? 'Edge' : /Chrome\//.test(agent) ? 'Chrome' : /Safari\//.test(agent) ? 'Safari' : 'A browser';
  const system = /Android/.test(agent) ? 'Android' : /iPhone|iPad/.test(agent) ? 'iOS' : /Mac OS/.test(agent) ? 'macOS' : /Windows/.test(agent) ? 'Windows' : /Linux/.test(agent) ? 'Linux' : '';
  return system ? `${browser} on ${system}` : browser;
}
