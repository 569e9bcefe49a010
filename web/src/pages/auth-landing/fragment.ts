import { useEffect, useState } from 'react';

/**
 * Mailed links carry their token in the URL fragment: browsers never send it
 * to a server and never put it in a Referer. The page reads it once and takes
 * it out of the address bar, so it is not left in history or on a shared screen.
 */
export function fragmentParam(hash: string, name: string): string | undefined {
  const value = new URLSearchParams(hash.replace(/^#/, '')).get(name)?.trim();
  return value ? value : undefined;
}

/** The fragment as the page was opened with (`#token=…`, `#linked`), wiped from the address bar after the first render. */
export function useFragmentOnce(): string {
  // Read in the initializer, wiped in an effect: React may run an initializer twice, an effect's wipe must not lose the value.
  const [hash] = useState(() => window.location.hash);
  useEffect(() => {
    if (window.location.hash) history.replaceState(history.state, '', `${window.location.pathname}${window.location.search}`);
  }, []);
  return hash;
}
