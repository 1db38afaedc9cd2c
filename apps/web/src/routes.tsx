/**
 * All routes. Screens are lazy: each is its own chunk, loaded when first opened.
 * A feature folder exports its screen as the default export of the file named here.
 */
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { Route, Switch } from 'wouter';
import { ButtonLink } from './components/Button.tsx';
import { EmptyState } from './components/States.tsx';
import { FullPageLoading, RequireAuth } from './lib/auth.tsx';
import { AppShell } from './layout/AppShell.tsx';
import { CoalitionLayout } from './layout/CoalitionLayout.tsx';
import { ErrorBoundary } from './layout/ErrorBoundary.tsx';

const SignInPage = lazy(() => import('./features/auth/SignInPage.tsx'));
const SignUpPage = lazy(() => import('./features/auth/SignUpPage.tsx'));
const MyCoalitionsPage = lazy(() => import('./features/coalitions/MyCoalitionsPage.tsx'));
const NewCoalitionPage = lazy(() => import('./features/coalitions/NewCoalitionPage.tsx'));
const DashboardPage = lazy(() => import('./features/dashboard/DashboardPage.tsx'));
const PartnersPage = lazy(() => import('./features/partners/PartnersPage.tsx'));
const TracksPage = lazy(() => import('./features/tracks/TracksPage.tsx'));
const MilestonesPage = lazy(() => import('./features/milestones/MilestonesPage.tsx'));
const MilestoneDetailPage = lazy(() => import('./features/milestones/MilestoneDetailPage.tsx'));
const BottlenecksPage = lazy(() => import('./features/bottlenecks/BottlenecksPage.tsx'));
const ActivityPage = lazy(() => import('./features/activity/ActivityPage.tsx'));
const MembersPage = lazy(() => import('./features/members/MembersPage.tsx'));
const SettingsPage = lazy(() => import('./features/settings/SettingsPage.tsx'));
const InvitePage = lazy(() => import('./features/members/InvitePage.tsx'));

/** Coalition screens, matched against the full path inside the persistent coalition layout. */
const COALITION_ROUTES: Array<[string, LazyExoticComponent<ComponentType>]> = [
  ['/c/:coalitionId', DashboardPage],
  ['/c/:coalitionId/partners', PartnersPage],
  ['/c/:coalitionId/tracks', TracksPage],
  ['/c/:coalitionId/milestones', MilestonesPage],
  ['/c/:coalitionId/milestones/:milestoneId', MilestoneDetailPage],
  ['/c/:coalitionId/bottlenecks', BottlenecksPage],
  ['/c/:coalitionId/activity', ActivityPage],
  ['/c/:coalitionId/members', MembersPage],
  ['/c/:coalitionId/settings', SettingsPage],
];

function NotFound() {
  return (
    <EmptyState
      className="mx-auto mt-10 max-w-lg"
      title="Page not found"
      description="The address may be mistyped, or the page has moved."
      action={<ButtonLink href="/">Go to my coalitions</ButtonLink>}
    />
  );
}

function Public({ children }: { children: React.ReactNode }) {
  return (
    <ErrorBoundary>
      <Suspense fallback={<FullPageLoading />}>{children}</Suspense>
    </ErrorBoundary>
  );
}

function Home({ children }: { children: React.ReactNode }) {
  return (
    <RequireAuth>
      <AppShell>
        <ErrorBoundary>
          <Suspense fallback={<FullPageLoading />}>{children}</Suspense>
        </ErrorBoundary>
      </AppShell>
    </RequireAuth>
  );
}

export function AppRoutes() {
  return (
    <Switch>
      <Route path="/sign-in">
        <Public>
          <SignInPage />
        </Public>
      </Route>
      <Route path="/sign-up">
        <Public>
          <SignUpPage />
        </Public>
      </Route>
      <Route path="/invite/:token">
        <Public>
          <InvitePage />
        </Public>
      </Route>
      <Route path="/">
        <Home>
          <MyCoalitionsPage />
        </Home>
      </Route>
      <Route path="/new">
        <Home>
          <NewCoalitionPage />
        </Home>
      </Route>
      <Route path="/c/:coalitionId/*?">
        <RequireAuth>
          <CoalitionLayout>
            <Switch>
              {COALITION_ROUTES.map(([path, Screen]) => (
                <Route key={path} path={path}>
                  <Screen />
                </Route>
              ))}
              <Route>
                <NotFound />
              </Route>
            </Switch>
          </CoalitionLayout>
        </RequireAuth>
      </Route>
      <Route>
        <Home>
          <NotFound />
        </Home>
      </Route>
    </Switch>
  );
}
