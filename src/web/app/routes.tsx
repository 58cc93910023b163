import i18n from 'i18next';
import { type ComponentType, lazy, Suspense, useEffect } from 'react';
import { Navigate, Outlet, Route, Routes, useLocation } from 'react-router';
import { applyLanguage, isLanguage } from '../i18n/index.js';
import { LoadError, NotFoundPage, PageSkeleton } from './page-state.js';
import { PublicLayout } from './public-layout.js';
import { useSession } from './session.js';
import { Shell } from './shell.js';

/** Loads a page's code only when it is first visited (keeps the first download small). */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const SetupPage = page(() => import('../features/auth/setup-page.js'), 'SetupPage');
const LoginPage = page(() => import('../features/auth/login-page.js'), 'LoginPage');
const ResetPasswordPage = page(() => import('../features/auth/reset-password-page.js'), 'ResetPasswordPage');
const ForgotPasswordPage = page(
  () => import('../features/auth/forgot-password-page.js'),
  'ForgotPasswordPage',
);
const MfaPage = page(() => import('../features/auth/mfa-page.js'), 'MfaPage');
const AcceptInvitationPage = page(
  () => import('../features/invitations/accept-page.js'),
  'AcceptInvitationPage',
);
const HomePage = page(() => import('../features/home/home-page.js'), 'HomePage');
const AccountPage = page(() => import('../features/account/account-page.js'), 'AccountPage');
const OrgsOverviewPage = page(() => import('../features/orgs/overview-page.js'), 'OrgsOverviewPage');
const OrgSettingsPage = page(() => import('../features/orgs/settings-page.js'), 'OrgSettingsPage');
const MembersPage = page(() => import('../features/members/members-page.js'), 'MembersPage');
const GlossaryPage = page(() => import('../features/glossary/glossary-page.js'), 'GlossaryPage');
// Each of these features owns its sub-routes below its prefix (e.g. /people/:id).
const PeopleRoutes = lazy(() => import('../features/people/index.js'));
const StructureRoutes = lazy(() => import('../features/structure/index.js'));
const AuditRoutes = lazy(() => import('../features/audit/index.js'));
const DiagnosisRoutes = lazy(() => import('../features/diagnosis/index.js'));
const InventoryRoutes = lazy(() => import('../features/inventory/index.js'));
const BiaRoutes = lazy(() => import('../features/bia/index.js'));
const DamageRoutes = lazy(() => import('../features/damage/index.js'));
const AssessmentRoutes = lazy(() => import('../features/assessment/index.js'));
const BackupPlanRoutes = lazy(() => import('../features/backup-plan/index.js'));
const RecoveryRoutes = lazy(() => import('../features/recovery/index.js'));
const IncidentRoutes = lazy(() => import('../features/incidents/index.js'));
const BackupsRoutes = lazy(() => import('../features/backups/index.js'));
const PlanRoutes = lazy(() => import('../features/plan/index.js'));

/** Where to go after signing in: the page the user asked for, if it is one of ours. */
export function safeNext(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/**
 * Follows the signed-in user's saved language when it is loaded or changes (login, another tab).
 * It reacts to the saved value only, so a switch in progress is not undone before it is saved.
 */
function LanguageSync() {
  const { data } = useSession();
  const locale = data?.user?.locale;
  useEffect(() => {
    if (isLanguage(locale) && locale !== i18n.language) void applyLanguage(locale);
  }, [locale]);
  return null;
}

function RequireSignedIn() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <PageSkeleton shape="page" />;
  if (session.isError) {
    return (
      <PublicLayout>
        <LoadError error={session.error} onRetry={() => void session.refetch()} />
      </PublicLayout>
    );
  }
  if (session.data.mfaPending) return <Navigate to="/mfa" replace />;
  if (!session.data.authenticated) {
    if (session.data.loggedOut) return <Navigate to="/login" replace />;
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return (
    <Shell>
      <Suspense fallback={<PageSkeleton shape="page" />}>
        <Outlet />
      </Suspense>
    </Shell>
  );
}

/** Pages that need a current organization send users without one to the overview to create it. */
function RequireOrg() {
  const { data } = useSession();
  if (!data?.currentOrg) return <Navigate to="/organizations" replace />;
  return <Outlet />;
}

function Public() {
  return (
    <PublicLayout>
      <Suspense fallback={<PageSkeleton shape="form" />}>
        <Outlet />
      </Suspense>
    </PublicLayout>
  );
}

export function AppRoutes() {
  return (
    <>
      <LanguageSync />
      <Routes>
        <Route element={<Public />}>
          <Route path="/setup" element={<SetupPage />} />
          <Route path="/login" element={<LoginPage />} />
          <Route path="/mfa" element={<MfaPage />} />
          <Route path="/invite/:token" element={<AcceptInvitationPage />} />
          <Route path="/forgot-password" element={<ForgotPasswordPage />} />
          <Route path="/reset/:token" element={<ResetPasswordPage />} />
        </Route>
        <Route element={<RequireSignedIn />}>
          <Route path="/account" element={<AccountPage />} />
          <Route path="/organizations" element={<OrgsOverviewPage />} />
          <Route path="/glossary" element={<GlossaryPage />} />
          <Route element={<RequireOrg />}>
            <Route index element={<HomePage />} />
            <Route path="/people/*" element={<PeopleRoutes />} />
            <Route path="/structure/*" element={<StructureRoutes />} />
            <Route path="/audit/*" element={<AuditRoutes />} />
            <Route path="/diagnosis/*" element={<DiagnosisRoutes />} />
            <Route path="/inventory/*" element={<InventoryRoutes />} />
            <Route path="/bia/*" element={<BiaRoutes />} />
            <Route path="/damage/*" element={<DamageRoutes />} />
            <Route path="/backup-plan/*" element={<BackupPlanRoutes />} />
            <Route path="/recovery/*" element={<RecoveryRoutes />} />
            <Route path="/incidents/*" element={<IncidentRoutes />} />
            <Route path="/backups/*" element={<BackupsRoutes />} />
            <Route path="/plan/*" element={<PlanRoutes />} />
            <Route path="/assessment/*" element={<AssessmentRoutes />} />
            <Route path="/members" element={<MembersPage />} />
            <Route path="/settings/organization" element={<OrgSettingsPage />} />
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </>
  );
}
