import { useCallback, useEffect, useRef, useState } from 'react';

interface Loaded<T> {
  /** The loader that produced this result: data for other deps is stale. */
  readonly by?: () => Promise<T>;
  readonly data?: T;
  readonly error?: unknown;
  readonly loading: boolean;
}

/**
 * Server state for one view: loads on mount and whenever `deps` change;
 * `reload` after a change. While the deps have changed but their data has not
 * arrived, `loading` is already true (the render right after the change
 * must not present the old rows as the new page), and an answer that arrives
 * after a newer request was made is dropped.
 */
export function useApiData<T>(load: () => Promise<T>, deps: readonly unknown[]) {
  const [state, setState] = useState<Loaded<T>>({ loading: true });
  // The deps are the caller's: `load` is a fresh closure on every render.
  const run = useCallback(load, deps);
  const latest = useRef(run);
  latest.current = run;

  const reload = useCallback(async () => {
    setState((current) => ({ ...current, loading: true }));
    try {
      const data = await run();
      if (latest.current === run) setState({ by: run, data, loading: false });
    } catch (error) {
      if (latest.current === run) setState((current) => ({ by: run, data: current.data, error, loading: false }));
    }
  }, [run]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { data: state.data, error: state.error, loading: state.loading || state.by !== run, reload };
}
