import { useId, useState } from 'react';
import { ErrorNotice } from './form';
import { useAction } from './use-action';

/**
 * A button that asks first, for what cannot be undone (or is costly to redo):
 * the question and a "yes" replace it, and "no" has the focus, so a second
 * tap in the same place never confirms by accident.
 */
export function ConfirmButton({
  label,
  ariaLabel,
  question,
  yes,
  no,
  onConfirm,
  className = 'danger',
}: {
  label: string;
  /** The button's accessible name where `label` alone does not say what it acts on. */
  ariaLabel?: string;
  question: string;
  yes: string;
  no: string;
  /** The action; a string it returns is shown as what happened. */
  onConfirm: () => Promise<string | void>;
  className?: string;
}) {
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  const questionId = useId();

  async function confirm() {
    if (await action.run(onConfirm)) setConfirming(false);
  }

  return (
    <>
      {confirming ? (
        <div className="confirm" role="group" aria-labelledby={questionId}>
          <p id={questionId}>{question}</p>
          <div className="row">
            <button type="button" className="danger" disabled={action.busy} onClick={() => void confirm()}>
              {yes}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)} autoFocus>
              {no}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className={className} onClick={() => setConfirming(true)} aria-label={ariaLabel}>
          {label}
        </button>
      )}
      <ErrorNotice error={action.error} />
    </>
  );
}
