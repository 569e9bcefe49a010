import type { FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { ErrorNotice, Field } from '../../components/form';
import { SecondFactorForm } from './second-factor-form';
import { useSignInAttempt } from './use-sign-in-attempt';

/** Username and password, then the code step when the account has two-factor sign-in. */
export function PasswordSignIn() {
  const [params] = useSearchParams();
  const { attempt, codeStep, cancelCodeStep, error, busy } = useSignInAttempt();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const credentials = { username: String(form.get('username')).trim(), password: String(form.get('password')) };
    void attempt(async (factor) => unwrap(await api.POST('/api/auth/login', { body: { ...credentials, ...factor, mode: 'cookie', device_name: deviceName() } })));
  }

  if (codeStep) return <SecondFactorForm submit={codeStep} onCancel={cancelCodeStep} />;
  return (
    <form onSubmit={onSubmit} className="stack" aria-label="Sign in with a password">
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
