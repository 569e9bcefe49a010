import { useCallback, useState } from 'react';
import { SudoCancelled } from './sudo/sudo';

/**
 * One button's worth of state: busy while it runs, the failure to show, or
 * the sentence saying what happened. A cancelled sudo prompt is neither.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [status, setStatus] = useState<string>();

  /** Runs `work`; its string result becomes the status line. Resolves true when it worked. */
  const run = useCallback(async (work: () => Promise<string | void>): Promise<boolean> => {
    setBusy(true);
    setError(undefined);
    setStatus(undefined);
    try {
      const sentence = await work();
      if (sentence) setStatus(sentence);
      return true;
    } catch (failure) {
      if (!(failure instanceof SudoCancelled)) setError(failure);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);

  return { busy, error, status, run };
}
