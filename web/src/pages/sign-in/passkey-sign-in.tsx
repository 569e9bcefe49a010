import { startAuthentication, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { ErrorNotice } from '../../components/form';
import { deviceName } from './password-sign-in';
import { useSignInAttempt } from './use-sign-in-attempt';

/** What to say when the browser's passkey prompt fails; undefined for a server error (ErrorNotice says those). */
export function passkeyProblem(error: unknown): string | undefined {
  const name = error instanceof Error ? error.name : undefined;
  if (name === 'NotAllowedError' || name === 'AbortError') return 'No passkey was used: the prompt was closed or timed out. Try again when you are ready.';
  if (name === 'NotSupportedError' || name === 'SecurityError') return 'This browser cannot use a passkey for Sakuga here.';
  return undefined;
}

/**
 * A passkey is a whole sign-in (it proves possession and the person), so there
 * is no code step. Its button says "Use a passkey", not "Sign in …": the
 * password form's button stays the one "Sign in" button on the page.
 */
export function PasskeySignIn() {
  const { attempt, error, busy } = useSignInAttempt();
  const problem = passkeyProblem(error);

  function signIn() {
    void attempt(async () => {
      const { challenge_id, options } = unwrap(await api.POST('/api/auth/passkeys/login/options'));
      // Rejects with a DOMException when the person closes the prompt; passkeyProblem says so.
      const response = await startAuthentication({ optionsJSON: options as unknown as PublicKeyCredentialRequestOptionsJSON });
      return unwrap(
        await api.POST('/api/auth/passkeys/login/verify', {
          body: { challenge_id, response: response as never, mode: 'cookie', device_name: deviceName() },
        }),
      );
    });
  }

  return (
    <div className="stack">
      <button type="button" className="secondary" disabled={busy} onClick={signIn}>
        {busy ? 'Waiting for the passkey…' : 'Use a passkey'}
      </button>
      {problem ? (
        <p role="alert" className="notice notice-error">
          {problem}
        </p>
      ) : (
        <ErrorNotice error={error} />
      )}
    </div>
  );
}
