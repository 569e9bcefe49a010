import type { FormEvent } from 'react';
import { ErrorNotice, Field } from '../../components/form';
import { useAction } from '../../components/use-action';
import { secondFactor } from './finish-sign-in';

/**
 * The second step every sign-in path shares: a code from the authenticator
 * app or a recovery code. `submit` repeats the first step with the code.
 */
export function SecondFactorForm({ submit, onCancel }: { submit: (factor: ReturnType<typeof secondFactor>) => Promise<void>; onCancel?: () => void }) {
  const action = useAction();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('code'));
    void action.run(() => submit(secondFactor(code)));
  }

  return (
    <form onSubmit={onSubmit} className="stack" aria-labelledby="second-factor-heading">
      <h2 id="second-factor-heading">Two-factor sign-in</h2>
      <Field
        label="Code"
        name="code"
        autoComplete="one-time-code"
        inputMode="text"
        required
        autoFocus
        hint="The 6-digit code from your authenticator app, or one of your recovery codes."
      />
      <ErrorNotice error={action.error} />
      <div className="row">
        <button type="submit" disabled={action.busy}>
          {action.busy ? 'Checking…' : 'Continue'}
        </button>
        {onCancel && (
          <button type="button" className="secondary" onClick={onCancel}>
            Start over
          </button>
        )}
      </div>
    </form>
  );
}
