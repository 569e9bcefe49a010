import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { signInPath } from '../session/next-path';
import { useSession } from '../session/session';
import type { User } from '../api/types';

/** Renders its page only for a signed-in person (of the given roles), else sends them to sign in and back. */
export function RequireSignIn({ children, roles }: { children: ReactNode; roles?: ReadonlyArray<User['role']> }) {
  const { user } = useSession();
  const location = useLocation();
  if (user === undefined) return <p role="status">Loading…</p>;
  if (user === null) return <Navigate to={signInPath(location)} replace />;
  if (roles && !roles.includes(user.role)) {
    return (
      <section>
        <h1>Not for your account</h1>
        <p>This page needs the {roles.join(' or ')} role. Ask an admin if you need it.</p>
      </section>
    );
  }
  return <>{children}</>;
}
