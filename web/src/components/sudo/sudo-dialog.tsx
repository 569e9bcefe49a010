import { createContext, type FormEvent, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { ErrorNotice, Field } from '../form';
import { SudoCancelled, withSudo } from './sudo';

type RunWithSudo = <T>(action: () => Promise<T>) => Promise<T>;
type Pending = { resolve: () => void; reject: (reason: unknown) => void };

const SudoContext = createContext<RunWithSudo | undefined>(undefined);

/**
 * Gives its children `useSudo()`: a sensitive action that the server refuses
 * with reauth_required opens one modal prompt for the password or a code,
 * and runs again once the server has accepted it.
 */
export function SudoProvider({ children }: { children: ReactNode }) {
  const [pending, setPending] = useState<Pending>();
  const pendingRef = useRef<Pending>(undefined);

  const confirm = useCallback(
    () =>
      new Promise<void>((resolve, reject) => {
        // One prompt at a time: an older one still open counts as cancelled.
        pendingRef.current?.reject(new SudoCancelled());
        const next = { resolve, reject };
        pendingRef.current = next;
        setPending(next);
      }),
    [],
  );

  const settle = useCallback((outcome: 'confirmed' | 'cancelled') => {
    const current = pendingRef.current;
    pendingRef.current = undefined;
    setPending(undefined);
    if (outcome === 'confirmed') current?.resolve();
    else current?.reject(new SudoCancelled());
  }, []);

  // A page that goes away (a lost session navigates to sign-in) must not leave an action hanging.
  useEffect(() => () => pendingRef.current?.reject(new SudoCancelled()), []);

  const run = useMemo<RunWithSudo>(() => (action) => withSudo(action, confirm), [confirm]);
  return (
    <SudoContext.Provider value={run}>
      {children}
      {pending && <SudoPrompt onConfirmed={() => settle('confirmed')} onCancel={() => settle('cancelled')} />}
    </SudoContext.Provider>
  );
}

/** Wraps a sensitive action so that a stale session asks "is it you?" and retries once. */
export function useSudo(): RunWithSudo {
  const run = useContext(SudoContext);
  if (!run) throw new Error('useSudo outside SudoProvider');
  return run;
}

function SudoPrompt({ onConfirmed, onCancel }: { onConfirmed: () => void; onCancel: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [withCode, setWithCode] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  // showModal() makes the rest of the page inert and moves focus into the dialog.
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const secret = String(new FormData(event.currentTarget).get('secret'));
    setBusy(true);
    setError(undefined);
    try {
      unwrap(await api.POST('/api/auth/reauth', { body: withCode ? { totp_code: secret.replace(/\s+/g, '') } : { password: secret } }));
      onConfirmed();
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  return (
    <dialog
      ref={dialog}
      className="sudo-dialog"
      aria-labelledby="sudo-heading"
      aria-describedby="sudo-why"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <form onSubmit={(event) => void submit(event)} className="stack">
        <h2 id="sudo-heading">Confirm it is you</h2>
        <p id="sudo-why">This change needs your password or a code entered in the last few minutes.</p>
        {withCode ? (
          <Field key="code" label="Code from your authenticator app" name="secret" autoComplete="one-time-code" inputMode="numeric" required autoFocus />
        ) : (
          <Field key="password" label="Your password" name="secret" type="password" autoComplete="current-password" required autoFocus />
        )}
        <ErrorNotice error={error} />
        <div className="row">
          <button type="submit" disabled={busy}>
            {busy ? 'Checking…' : 'Confirm'}
          </button>
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="link-button" onClick={() => setWithCode(!withCode)}>
            {withCode ? 'Use my password instead' : 'Use a code instead'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
