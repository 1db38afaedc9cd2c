/**
 * All routes. Screens are lazy: each is its own chunk, loaded when first opened — or earlier:
 * on a page load, `startFirstScreen` (called by main.tsx before React renders) requests the
 * route's chunk and its data (`prefetch`) at once, in parallel with the session.
 * A feature folder exports its screen as the default export of the file named here.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { Route, Switch } from 'wouter';
import { ButtonLink } from './components/Button.tsx';
import { EmptyState } from './components/States.tsx';
import { FullPageLoading, RequireAuth } from './lib/auth.tsx';
import { lazyWithPreload, nextBatch, prefetchCoalition, prefetchSession, type PrefetchContext, type Preloadable, type ScreenPrefetchContext } from './lib/prefetch.ts';
import { CoalitionLayout } from './layout/CoalitionLayout.tsx';
import { ErrorBoundary } from './layout/ErrorBoundary.tsx';
import { AppShell } from './layout/shell.ts';
import { ShellSkeleton } from './layout/ShellSkeleton.tsx';

const SignInPage = lazyWithPreload(() => import('./features/auth/SignInPage.tsx'));
const SignUpPage = lazyWithPreload(() => import('./features/auth/SignUpPage.tsx'));
const MyCoalitionsPage = lazyWithPreload(() => import('./features/coalitions/MyCoalitionsPage.tsx'));
const NewCoalitionPage = lazyWithPreload(() => import('./features/coalitions/NewCoalitionPage.tsx'));
const DashboardPage = lazyWithPreload(() => import('./features/dashboard/DashboardPage.tsx'));
const PartnersPage = lazyWithPreload(() => import('./features/partners/PartnersPage.tsx'));
const TracksPage = lazyWithPreload(() => import('./features/tracks/TracksPage.tsx'));
const MilestonesPage = lazyWithPreload(() => import('./features/milestones/MilestonesPage.tsx'));
const MilestoneDetailPage = lazyWithPreload(() => import('./features/milestones/MilestoneDetailPage.tsx'));
const BottlenecksPage = lazyWithPreload(() => import('./features/bottlenecks/BottlenecksPage.tsx'));
const ActivityPage = lazyWithPreload(() => import('./features/activity/ActivityPage.tsx'));
const MembersPage = lazyWithPreload(() => import('./features/members/MembersPage.tsx'));
const SettingsPage = lazyWithPreload(() => import('./features/settings/SettingsPage.tsx'));
const InvitePage = lazyWithPreload(() => import('./features/members/InvitePage.tsx'));
const CalendarFeedPage = lazyWithPreload(() => import('./features/calendar/CalendarFeedPage.tsx'));
const InboxPage = lazyWithPreload(() => import('./features/inbox/InboxPage.tsx'));
const BriefPage = lazyWithPreload(() => import('./features/brief/BriefPage.tsx'));
const PublicPage = lazyWithPreload(() => import('./features/public/PublicPage.tsx'));

/** Tooltips' context for the signed-out screens (the signed-in ones get it from the app shell). */
const TooltipProvider = lazy(() => import('./components/Tooltip.tsx').then((m) => ({ default: m.TooltipProvider })));

interface CoalitionRoute {
  path: string;
  screen: Preloadable;
  /** The screen's main query, with the exact options the screen uses (it then finds it in the cache). */
  prefetch?: (ctx: ScreenPrefetchContext) => void;
}

/** Coalition screens, matched against the full path inside the persistent coalition layout. */
const COALITION_ROUTES: CoalitionRoute[] = [
  {
    path: '/c/:coalitionId',
    screen: DashboardPage,
    prefetch: ({ queryClient, trpc, coalitionId }) => void queryClient.prefetchQuery(trpc.coalition.dashboard.queryOptions({ coalitionId })),
  },
  {
    path: '/c/:coalitionId/brief',
    screen: BriefPage,
    // The dashboard's query (the brief shows the same numbers), the partners and the bottlenecks.
    prefetch: ({ queryClient, trpc, coalitionId }) => {
      void queryClient.prefetchQuery(trpc.coalition.dashboard.queryOptions({ coalitionId }));
      void queryClient.prefetchQuery(trpc.partner.list.queryOptions({ coalitionId }));
      void queryClient.prefetchQuery(trpc.bottleneck.list.queryOptions({ coalitionId }));
    },
  },
  { path: '/c/:coalitionId/partners', screen: PartnersPage },
  { path: '/c/:coalitionId/tracks', screen: TracksPage },
  {
    path: '/c/:coalitionId/milestones',
    screen: MilestonesPage,
    // The list's first page, built by the screen's own helpers (filters from the URL → input),
    // which live in its chunk: requested as soon as that chunk is here, before React mounts it.
    prefetch: ({ queryClient, trpc, coalitionId, search }) => {
      void queryClient.prefetchQuery(trpc.track.list.queryOptions({ coalitionId }));
      void queryClient.prefetchQuery(trpc.partner.list.queryOptions({ coalitionId }));
      void Promise.all([import('./features/milestones/useMilestoneFilters.ts'), import('./features/milestones/MilestoneList.tsx')]).then(
        ([{ parseFilters }, { listInput }]) => {
          const filters = parseFilters(new URLSearchParams(search));
          if (filters.view !== 'list') return;
          // MilestoneList's useInfiniteQuery: same input, same page parameter.
          void queryClient.prefetchInfiniteQuery(
            trpc.milestone.list.infiniteQueryOptions(listInput(coalitionId, filters), { getNextPageParam: (last) => last.nextCursor ?? undefined }),
          );
        },
      );
    },
  },
  { path: '/c/:coalitionId/milestones/:milestoneId', screen: MilestoneDetailPage },
  { path: '/c/:coalitionId/bottlenecks', screen: BottlenecksPage },
  { path: '/c/:coalitionId/activity', screen: ActivityPage },
  { path: '/c/:coalitionId/members', screen: MembersPage },
  { path: '/c/:coalitionId/settings', screen: SettingsPage },
];

/** Screens outside a coalition: path → screen, and whether it needs a session. */
const OTHER_ROUTES: Array<[string, Preloadable, 'public' | 'signed-in']> = [
  ['/sign-in', SignInPage, 'public'],
  ['/sign-up', SignUpPage, 'public'],
  ['/invite/:token', InvitePage, 'public'],
  ['/p/:token', PublicPage, 'public'],
  ['/', MyCoalitionsPage, 'signed-in'],
  ['/new', NewCoalitionPage, 'signed-in'],
  ['/calendar-feed', CalendarFeedPage, 'signed-in'],
  ['/inbox', InboxPage, 'signed-in'],
];

/** `/c/:coalitionId/x` against `/c/abc/x`: the params, or null. (Plain segments and `:params` only.) */
function match(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = pathname.replace(/\/+$/, '').split('/');
  if (pathname === '/') got.splice(1, 1, '');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = got[i]!;
    if (w.startsWith(':')) {
      if (!g) return null;
      params[w.slice(1)] = decodeURIComponent(g);
    } else if (w !== g) return null;
  }
  return params;
}

/**
 * Called once by main.tsx before the first render: requests the current route's chunk, the app
 * shell's, the session, and on a coalition screen the coalition and the screen's main query.
 * The session and coalition go in one batched request; the screen's query in its own (it can
 * take longer), so the shell can appear as soon as the quick answers are back.
 */
export function startFirstScreen(ctx: PrefetchContext, { pathname, search }: { pathname: string; search: string }) {
  const query = search.replace(/^\?/, '');
  for (const route of COALITION_ROUTES) {
    const params = match(route.path, pathname);
    if (!params?.coalitionId) continue;
    const coalitionId = params.coalitionId;
    void route.screen.preload();
    void AppShell.preload();
    prefetchSession(ctx);
    prefetchCoalition(ctx, coalitionId);
    const prefetch = route.prefetch;
    if (prefetch) nextBatch(() => prefetch({ ...ctx, coalitionId, search: query }));
    return;
  }
  for (const [path, screen, access] of OTHER_ROUTES) {
    if (!match(path, pathname)) continue;
    void screen.preload();
    if (access === 'signed-in') {
      void AppShell.preload();
      prefetchSession(ctx);
    }
    return;
  }
}

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

function Public({ children }: { children: ReactNode }) {
  return (
    <ErrorBoundary>
      <Suspense fallback={<FullPageLoading />}>
        <TooltipProvider delayDuration={300}>{children}</TooltipProvider>
      </Suspense>
    </ErrorBoundary>
  );
}

function Home({ children }: { children: ReactNode }) {
  return (
    <RequireAuth fallback={<ShellSkeleton variant="home" />}>
      <Suspense fallback={<ShellSkeleton variant="home" />}>
        <AppShell>
          <ErrorBoundary>
            <Suspense fallback={<FullPageLoading />}>{children}</Suspense>
          </ErrorBoundary>
        </AppShell>
      </Suspense>
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
      {/* A coalition's public page: outside the signed-in shell, for anyone with the link. */}
      <Route path="/p/:token">
        <Public>
          <PublicPage />
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
      <Route path="/calendar-feed">
        <Home>
          <CalendarFeedPage />
        </Home>
      </Route>
      <Route path="/inbox">
        <Home>
          <InboxPage />
        </Home>
      </Route>
      <Route path="/c/:coalitionId/*?">
        <RequireAuth fallback={<ShellSkeleton variant="coalition" />}>
          <CoalitionLayout>
            <Switch>
              {COALITION_ROUTES.map(({ path, screen: Screen }) => (
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
