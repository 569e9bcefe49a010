import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, setCsrfToken, whenSessionLost } from '../api/client';
import type { User } from '../api/types';
import { signInPath } from './next-path';


interface SessionState {
  /** undefined while the first /api/auth/me is in flight, null when signed out. */
  readonly user: User | null | undefined;
  /** After a sign-in reply: remember who and the CSRF token. */
  signedIn(user: User, csrfToken: string): void;
  /** Re-reads /api/auth/me (after a change to the account). */
  refresh(): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | undefined>(undefined);

async function loadMe() {
  const { data, response } = await api.GET('/api/auth/me');
  if (response.status === 401) return null;
  if (!data) throw new Error(`GET /api/auth/me answered ${response.status}`);
  return data;
}

/** Who is signed in, for the whole app; a lost session sends the person to sign in and back. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const navigate = useNavigate();

  const refresh = useCallback(async () => {
    const me = await loadMe().catch(() => null);
    setCsrfToken(me?.csrf_token);
    setUser(me?.user ?? null);
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    whenSessionLost(() => {
      setCsrfToken(undefined);
      setUser(null);
      navigate(signInPath(window.location), { replace: true });
    });
  }, [navigate]);

  const value = useMemo<SessionState>(
    () => ({
      user,
      signedIn(next, csrfToken) {
        setCsrfToken(csrfToken);
        setUser(next);
      },
      refresh,
      async signOut() {
        await api.POST('/api/auth/logout').catch(() => undefined);
        setCsrfToken(undefined);
        setUser(null);
        navigate('/sign-in', { replace: true });
      },
    }),
    [user, refresh, navigate],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
