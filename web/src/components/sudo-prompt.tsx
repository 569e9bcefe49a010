import { type FormEvent, type ReactNode, useCallback, useState } from 'react';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import { ErrorNotice, Field } from './form';
import { runWithSudo } from './sudo-retry';

/** Asks for the signed-in person's password and renews sudo mode with it. */
function SudoPrompt({ onDone }: { onDone: (confirmed: boolean) => void }) {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get('password'));
    setBusy(true);
    setError(undefined);
    try {
      unwrap(await api.POST('/api/auth/reauth', { body: { password } }));
      onDone(true);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  return (
    <form className="stack sudo-prompt" aria-labelledby="sudo-heading" onSubmit={(event) => void submit(event)}>
      <h3 id="sudo-heading">Confirm it is you</h3>
      <p>This change needs your password again, because you last entered it a while ago.</p>
      <Field label="Your password" name="password" type="password" autoComplete="current-password" required autoFocus />
      <ErrorNotice error={error} />
      <div className="row">
        <button type="submit" disabled={busy}>
          {busy ? 'Checking…' : 'Confirm'}
        </button>
        <button type="button" className="secondary" onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/**
 * Sudo mode for a page: `run(action)` performs a sensitive call and, when the
 * server wants a fresh credential, shows `prompt` (render it where the action
 * is) until the person confirms or cancels.
 */
export function useSudo(): { run: <T>(action: () => Promise<T>) => Promise<T>; prompt: ReactNode } {
  const [pending, setPending] = useState<{ resolve: (confirmed: boolean) => void }>();
  const confirm = useCallback(() => new Promise<boolean>((resolve) => setPending({ resolve })), []);
  const run = useCallback(<T,>(action: () => Promise<T>) => runWithSudo(action, confirm), [confirm]);
  const prompt = pending ? (
    <SudoPrompt
      onDone={(confirmed) => {
        setPending(undefined);
        pending.resolve(confirmed);
      }}
    />
  ) : null;
  return { run, prompt };
}
