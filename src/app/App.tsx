import {
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
} from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, NavLink, Navigate, Route, Routes, useParams } from 'react-router';
import type { MinhChungDb } from './db/database';
import { requestLogout } from './features/auth/api';
import { LoginScreen } from './features/auth/LoginScreen';
import { saveSession, unsyncedWork, type Session } from './features/auth/session';
import { askPersistOnce } from './features/data/use-storage';
import { SyncStatusBar } from './features/sync-status/SyncStatusBar';
import { ServicesProvider } from './services';
import { SyncController } from './sync/controller';
import { AppBar } from './ui/AppBar';
import { formatNumber } from './ui/format';
import { RouterNavigation } from './ui/RouterNavigation';
import { UpdatePrompt } from './ui/UpdatePrompt';

export interface AppProps {
  db: MinhChungDb;
  baseUrl: string;
  initialSession: Session | null;
}

const NO_CONTROLLER = () => () => undefined;

// Screens other than the first one load on demand, so the shell a phone downloads and runs before
// it can show anything stays small (≤ 150 KB gzipped, test/e2e/build-output.test.ts). The service
// worker precaches these chunks too, so they open offline as before.
const ChecklistScreen = lazy(() =>
  import('./features/checklist/ChecklistScreen').then((m) => ({ default: m.ChecklistScreen })),
);
// The deployment summary below the sign-in form validates the whole checklist template it shows.
const HomeScreen = lazy(() =>
  import('./features/home/HomeScreen').then((m) => ({ default: m.HomeScreen })),
);
const AdminHome = lazy(() =>
  import('./features/admin/AdminHome').then((m) => ({ default: m.AdminHome })),
);
const UnitsScreen = lazy(() =>
  import('./features/admin-units/UnitsScreen').then((m) => ({ default: m.UnitsScreen })),
);
const TemplatesScreen = lazy(() =>
  import('./features/admin-templates/TemplatesScreen').then((m) => ({
    default: m.TemplatesScreen,
  })),
);
const InboxScreen = lazy(() =>
  import('./features/review/InboxScreen').then((m) => ({ default: m.InboxScreen })),
);
const ReviewScreen = lazy(() =>
  import('./features/review/ReviewScreen').then((m) => ({ default: m.ReviewScreen })),
);
const DashboardScreen = lazy(() =>
  import('./features/dashboard/DashboardScreen').then((m) => ({ default: m.DashboardScreen })),
);
const ReportScreen = lazy(() =>
  import('./features/report/ReportScreen').then((m) => ({ default: m.ReportScreen })),
);
const CampaignsScreen = lazy(() =>
  import('./features/admin-campaigns/CampaignsScreen').then((m) => ({
    default: m.CampaignsScreen,
  })),
);
const CommendationScreen = lazy(() =>
  import('./features/commendation/CommendationScreen').then((m) => ({
    default: m.CommendationScreen,
  })),
);
const UsersScreen = lazy(() =>
  import('./features/admin-users/UsersScreen').then((m) => ({ default: m.UsersScreen })),
);
const QueueScreen = lazy(() =>
  import('./features/queue/QueueScreen').then((m) => ({ default: m.QueueScreen })),
);
const StorageProtection = lazy(() =>
  import('./features/data/StorageProtection').then((m) => ({ default: m.StorageProtection })),
);
const BackupPanel = lazy(() =>
  import('./features/data/BackupPanel').then((m) => ({ default: m.BackupPanel })),
);

/** A revoked or expired token with work still on the phone: sign in again as the same user and
 * carry on — the data never leaves the phone in between. */
function SignInAgain({
  controller,
  session,
  baseUrl,
  onSignedIn,
}: {
  controller: SyncController;
  session: Session;
  baseUrl: string;
  onSignedIn: (next: Session) => Promise<void>;
}) {
  const { t } = useTranslation();
  const status = useSyncExternalStore(controller.subscribe ?? NO_CONTROLLER, controller.getStatus);
  if (status.scheduler.kind !== 'blocked' || status.scheduler.reason !== 'unauthenticated')
    return null;
  return (
    <div className="card banner-warn" data-testid="sign-in-again">
      <p>{t('auth.sessionEnded')}</p>
      <LoginScreen baseUrl={baseUrl} username={session.user.username} onSignedIn={onSignedIn} />
    </div>
  );
}

function SignedInHome({ session }: { session: Session }) {
  switch (session.user.role) {
    case 'commune_officer':
      return <ChecklistScreen session={session} />;
    case 'district_reviewer':
      return <InboxScreen session={session} variant="reviewer" />;
    case 'province_admin':
      return <InboxScreen session={session} variant="province" />;
    case 'admin':
      return <AdminHome session={session} />;
    case 'viewer':
      // Leaders read results: the figures of approved work, never a draft.
      return <DashboardScreen session={session} />;
  }
}

/** The results of the unit in the address (the user's own unit at `/dashboard`). */
function DashboardRoute({ session }: { session: Session }) {
  const unitId = useParams().unitId;
  return <DashboardScreen session={session} unitId={unitId} />;
}

/** The printable A4 report of the unit in the address. */
function ReportRoute({ session }: { session: Session }) {
  const unitId = useParams().unitId ?? '';
  return <ReportScreen session={session} unitId={unitId} />;
}

/** The province also configures (units, accounts, templates, campaigns) beside deciding: it gets
 * the administration menu as a tab; the system administrator has it as its home. */
const hasAdminTab = (role: Session['user']['role']) => role === 'province_admin';

/** Who gets a results tab beside their home screen (the viewer's home already is the results). */
const hasResultsTab = (role: Session['user']['role']) =>
  role === 'district_reviewer' || role === 'province_admin' || role === 'admin';

/** The review screen of the submission named in the address. */
function ReviewRoute({ session }: { session: Session }) {
  const submissionId = useParams().submissionId ?? '';
  return <ReviewScreen session={session} submissionId={submissionId} />;
}

/** A service worker, and so offline use, needs a secure context: HTTPS or localhost. Over plain
 * HTTP on a LAN address the app still works online; the officer is told what offline needs. */
function InsecureNotice() {
  const { t } = useTranslation();
  if (window.isSecureContext) return null;
  return (
    <p className="card banner-warn small" role="note" data-testid="insecure-notice">
      {t('network.insecure')}
    </p>
  );
}

export function App({ db, baseUrl, initialSession }: AppProps) {
  const { t, i18n } = useTranslation();
  const [session, setSession] = useState(initialSession);
  const token = session?.token ?? null;
  const user = session?.user;
  // The user's id, role and unit only change with a new token (a new sign-in).
  const actor = useMemo(
    () => (user ? { userId: user.id, role: user.role, orgPath: user.orgPath } : undefined),
    [user?.id, user?.role, user?.orgPath], // eslint-disable-line react-hooks/exhaustive-deps -- by value
  );
  const controller = useMemo(
    () =>
      token ? new SyncController({ db, baseUrl, getToken: () => token, prefetchFor: actor }) : null,
    [db, baseUrl, token, actor],
  );
  useEffect(() => {
    controller?.start();
    if (controller) void askPersistOnce();
    return () => controller?.stop();
  }, [controller]);

  const signIn = useCallback(
    async (next: Session) => {
      await saveSession(db, next);
      setSession(next);
    },
    [db],
  );

  /** Same user, new token: keep everything on the phone and resume syncing. */
  const signInAgain = useCallback(
    async (next: Session) => {
      if (session && next.user.id !== session.user.id) throw new Error('another user');
      await signIn(next);
    },
    [session, signIn],
  );

  /** Shared phones: refuse while work is unsynced; otherwise revoke the token and wipe this user's data. */
  const signOut = useCallback(async () => {
    if (!session) return;
    const work = await unsyncedWork(db);
    if (work.mutations > 0 || work.photos > 0) {
      window.alert(
        t('auth.logoutBlocked', {
          mutations: formatNumber(work.mutations, i18n.language),
          photos: formatNumber(work.photos, i18n.language),
        }),
      );
      return;
    }
    if (!window.confirm(t('auth.logoutConfirm'))) return;
    controller?.stop();
    await requestLogout(baseUrl, session.token);
    db.close();
    await db.delete();
    window.location.assign('/');
  }, [session, db, controller, baseUrl, t, i18n.language]);

  const services = useMemo(() => ({ db, baseUrl, sync: controller }), [db, baseUrl, controller]);

  return (
    <ServicesProvider services={services}>
      <BrowserRouter>
        <RouterNavigation>
          <div className="shell">
            <AppBar
              controller={controller}
              details={controller ? <SyncStatusBar db={db} controller={controller} /> : null}
            />
            <InsecureNotice />
            {controller && session ? (
              <SignInAgain
                controller={controller}
                session={session}
                baseUrl={baseUrl}
                onSignedIn={signInAgain}
              />
            ) : null}
            <main>
              {session ? (
                <>
                  <nav className="tabs" aria-label={t('nav.home')}>
                    <NavLink to="/" end>
                      {session.user.role === 'commune_officer'
                        ? t('nav.checklist')
                        : session.user.role === 'viewer'
                          ? t('nav.dashboard')
                          : session.user.role === 'admin'
                            ? t('nav.admin')
                            : t('nav.inbox')}
                    </NavLink>
                    {hasResultsTab(session.user.role) ? (
                      <NavLink to="/dashboard">{t('nav.dashboard')}</NavLink>
                    ) : null}
                    {hasAdminTab(session.user.role) ? (
                      <NavLink to="/admin" end>
                        {t('nav.admin')}
                      </NavLink>
                    ) : null}
                    <NavLink to="/queue">{t('nav.queue')}</NavLink>
                    <NavLink to="/data">{t('nav.data')}</NavLink>
                  </nav>
                  <Routes>
                    <Route
                      path="/"
                      element={
                        <Suspense fallback={<p className="card muted">{t('checklist.loading')}</p>}>
                          <SignedInHome session={session} />
                        </Suspense>
                      }
                    />
                    <Route
                      path="/review/:submissionId"
                      element={
                        <Suspense
                          fallback={<p className="card muted">{t('deployment.loading')}</p>}
                        >
                          <ReviewRoute session={session} />
                        </Suspense>
                      }
                    />
                    {['/dashboard', '/dashboard/:unitId'].map((path) => (
                      <Route
                        key={path}
                        path={path}
                        element={
                          <Suspense
                            fallback={<p className="card muted">{t('deployment.loading')}</p>}
                          >
                            <DashboardRoute session={session} />
                          </Suspense>
                        }
                      />
                    ))}
                    <Route
                      path="/report/:unitId"
                      element={
                        <Suspense
                          fallback={<p className="card muted">{t('deployment.loading')}</p>}
                        >
                          <ReportRoute session={session} />
                        </Suspense>
                      }
                    />
                    <Route
                      path="/admin/campaigns"
                      element={
                        <Suspense
                          fallback={<p className="card muted">{t('deployment.loading')}</p>}
                        >
                          <CampaignsScreen session={session} />
                        </Suspense>
                      }
                    />
                    <Route
                      path="/commendation"
                      element={
                        <Suspense
                          fallback={<p className="card muted">{t('deployment.loading')}</p>}
                        >
                          <CommendationScreen session={session} />
                        </Suspense>
                      }
                    />
                    <Route
                      path="/admin"
                      element={
                        <Suspense
                          fallback={<p className="card muted">{t('deployment.loading')}</p>}
                        >
                          <AdminHome session={session} />
                        </Suspense>
                      }
                    />
                    <Route
                      path="/admin/units"
                      element={
                        <Suspense
                          fallback={<p className="card muted">{t('deployment.loading')}</p>}
                        >
                          <UnitsScreen session={session} />
                        </Suspense>
                      }
                    />
                    <Route
                      path="/admin/templates"
                      element={
                        <Suspense
                          fallback={<p className="card muted">{t('deployment.loading')}</p>}
                        >
                          <TemplatesScreen session={session} />
                        </Suspense>
                      }
                    />
                    <Route
                      path="/admin/users"
                      element={
                        <Suspense
                          fallback={<p className="card muted">{t('deployment.loading')}</p>}
                        >
                          <UsersScreen session={session} />
                        </Suspense>
                      }
                    />
                    <Route
                      path="/queue"
                      element={
                        <Suspense
                          fallback={<p className="card muted">{t('deployment.loading')}</p>}
                        >
                          <QueueScreen />
                        </Suspense>
                      }
                    />
                    <Route
                      path="/data"
                      element={
                        <Suspense
                          fallback={<p className="card muted">{t('deployment.loading')}</p>}
                        >
                          <p className="card small" data-testid="signed-in-as">
                            {t('auth.signedInAs', { name: session.user.displayName })}
                          </p>
                          <StorageProtection />
                          <BackupPanel session={session} />
                          <button
                            type="button"
                            className="secondary"
                            onClick={() => void signOut()}
                            data-testid="logout"
                          >
                            {t('auth.logout')}
                          </button>
                        </Suspense>
                      }
                    />
                    <Route path="*" element={<Navigate to="/" replace />} />
                  </Routes>
                </>
              ) : (
                <>
                  <p className="tagline">{t('app.tagline')}</p>
                  <LoginScreen baseUrl={baseUrl} onSignedIn={signIn} />
                  <p className="movement">{t('app.movement')}</p>
                  <Suspense fallback={null}>
                    <HomeScreen />
                  </Suspense>
                </>
              )}
            </main>
            <UpdatePrompt />
          </div>
        </RouterNavigation>
      </BrowserRouter>
    </ServicesProvider>
  );
}
