import { lazy, type ReactNode, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { Layout } from './components/layout';
import { RequireSignIn } from './components/require-sign-in';

// One chunk per page: the sign-in page loads only what it needs.
const SetupPage = lazy(() => import('./pages/setup/setup-page'));
const SignInPage = lazy(() => import('./pages/sign-in/sign-in-page'));
const HomePage = lazy(() => import('./pages/home/home-page'));
const AccountPage = lazy(() => import('./pages/account/account-page'));
const NotFoundPage = lazy(() => import('./pages/not-found/not-found-page'));

function Page({ children }: { children: ReactNode }) {
  return <Suspense fallback={<p role="status">Loading…</p>}>{children}</Suspense>;
}

function SignedIn({ children, admin = false }: { children: ReactNode; admin?: boolean }) {
  return (
    <RequireSignIn roles={admin ? ['admin'] : undefined}>
      <Page>{children}</Page>
    </RequireSignIn>
  );
}

/** Every app path. The server sends index.html for any path outside /api, /healthz, /readyz and /assets. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route path="/setup" element={<Page><SetupPage /></Page>} />
        <Route path="/sign-in" element={<Page><SignInPage /></Page>} />
        <Route index element={<SignedIn><HomePage /></SignedIn>} />
        <Route path="/account" element={<SignedIn><AccountPage /></SignedIn>} />
        <Route path="*" element={<Page><NotFoundPage /></Page>} />
      </Route>
    </Routes>
  );
}
