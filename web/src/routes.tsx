import { lazy, type ReactNode, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { Layout } from './components/layout';
import { RequireSignIn } from './components/require-sign-in';
import SignInPage from './pages/sign-in/sign-in-page';

// One chunk per page, loaded when its route is first visited; the sign-in page,
// where a first visit lands, comes with the app itself (one round trip less).
const SetupPage = lazy(() => import('./pages/setup/setup-page'));
const PhoneSignInPage = lazy(() => import('./pages/qr/new-device-page'));
const ApproveSignInPage = lazy(() => import('./pages/qr/approve-page'));
const MagicLinkPage = lazy(() => import('./pages/auth-landing/magic-link-page'));
const OidcPage = lazy(() => import('./pages/auth-landing/oidc-page'));
const ConfirmEmailPage = lazy(() => import('./pages/auth-landing/confirm-email-page'));
const HomePage = lazy(() => import('./pages/home/home-page'));
const UploadPage = lazy(() => import('./pages/uploads/upload-page'));
const ActivityPage = lazy(() => import('./pages/activity/activity-page'));
const AdminPage = lazy(() => import('./pages/admin/admin-page'));
const AdminUsersPage = lazy(() => import('./pages/admin/users-page'));
const AdminUserPage = lazy(() => import('./pages/admin/user-page'));
const AdminAuditPage = lazy(() => import('./pages/admin/audit-page'));
const AdminTemplatesPage = lazy(() => import('./pages/admin/templates-page'));
const AdminGalleryPage = lazy(() => import('./pages/admin/gallery-moderation-page'));
const AdminStoragePage = lazy(() => import('./pages/admin/storage-page'));
const AdminRetentionPage = lazy(() => import('./pages/admin/retention-page'));
const AdminBackupsPage = lazy(() => import('./pages/admin/backups-page'));
const LibraryPage = lazy(() => import('./pages/library/library-page'));
const JobsPage = lazy(() => import('./pages/jobs/jobs-page'));
const NewDubPage = lazy(() => import('./pages/jobs/new-dub-page'));
const JobPage = lazy(() => import('./pages/jobs/job-page'));
const ReviewPage = lazy(() => import('./pages/review/review-page'));
const AccountPage = lazy(() => import('./pages/account/account-page'));
const SettingsPage = lazy(() => import('./pages/settings/settings-page'));
const GeneratePage = lazy(() => import('./pages/generate/generate-page'));
const ProjectsPage = lazy(() => import('./pages/projects/projects-page'));
const ProjectPage = lazy(() => import('./pages/projects/project-page'));
const GalleryPage = lazy(() => import('./pages/gallery/gallery-page'));
const SharePage = lazy(() => import('./pages/gallery/share-page'));
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
        <Route path="/sign-in/phone" element={<Page><PhoneSignInPage /></Page>} />
        <Route path="/auth/magic-link" element={<Page><MagicLinkPage /></Page>} />
        <Route path="/auth/oidc" element={<Page><OidcPage /></Page>} />
        <Route path="/auth/confirm-email" element={<Page><ConfirmEmailPage /></Page>} />
        <Route path="/auth/qr" element={<SignedIn><ApproveSignInPage /></SignedIn>} />
        <Route index element={<SignedIn><HomePage /></SignedIn>} />
        <Route path="/uploads" element={<SignedIn><UploadPage /></SignedIn>} />
        <Route path="/account/activity" element={<SignedIn><ActivityPage /></SignedIn>} />
        <Route path="/admin" element={<SignedIn admin><AdminPage /></SignedIn>} />
        <Route path="/admin/users" element={<SignedIn admin><AdminUsersPage /></SignedIn>} />
        <Route path="/admin/users/:id" element={<SignedIn admin><AdminUserPage /></SignedIn>} />
        <Route path="/admin/audit" element={<SignedIn admin><AdminAuditPage /></SignedIn>} />
        <Route path="/admin/templates" element={<SignedIn admin><AdminTemplatesPage /></SignedIn>} />
        <Route path="/admin/gallery" element={<SignedIn admin><AdminGalleryPage /></SignedIn>} />
        <Route path="/admin/storage" element={<SignedIn admin><AdminStoragePage /></SignedIn>} />
        <Route path="/admin/retention" element={<SignedIn admin><AdminRetentionPage /></SignedIn>} />
        <Route path="/admin/backups" element={<SignedIn admin><AdminBackupsPage /></SignedIn>} />
        <Route path="/library" element={<SignedIn><LibraryPage /></SignedIn>} />
        <Route path="/jobs" element={<SignedIn><JobsPage /></SignedIn>} />
        <Route path="/jobs/new" element={<SignedIn><NewDubPage /></SignedIn>} />
        <Route path="/jobs/:id" element={<SignedIn><JobPage /></SignedIn>} />
        <Route path="/jobs/:id/review" element={<SignedIn><ReviewPage /></SignedIn>} />
        <Route path="/account" element={<SignedIn><AccountPage /></SignedIn>} />
        <Route path="/settings" element={<SignedIn><SettingsPage /></SignedIn>} />
        <Route path="/generate" element={<SignedIn><GeneratePage /></SignedIn>} />
        <Route path="/projects" element={<SignedIn><ProjectsPage /></SignedIn>} />
        <Route path="/projects/:id" element={<SignedIn><ProjectPage /></SignedIn>} />
        {/* Open to anyone: public items, and one's own when signed in. */}
        <Route path="/gallery" element={<Page><GalleryPage /></Page>} />
        <Route path="/s/:token" element={<Page><SharePage /></Page>} />
        <Route path="*" element={<Page><NotFoundPage /></Page>} />
      </Route>
    </Routes>
  );
}
