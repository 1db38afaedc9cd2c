/**
 * /p/:token — a coalition's public page: the read-only summary an owner shares with the
 * supporters it wants to mobilise, through a secret link (Settings → Public page). Outside the
 * signed-in shell: no sidebar, no session needed. The server sends only the allow-listed
 * summary (`zPublicPage`); this screen shows it, and keeps itself out of search engines.
 */
import { useQuery } from '@tanstack/react-query';
import { EyeOff } from 'lucide-react';
import { useEffect, type ReactNode } from 'react';
import { useParams } from 'wouter';
import { ErrorState, Skeleton } from '../../components/States.tsx';
import { httpStatus } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { Hero, MilestonesPanel, MomentumPanel, PartnersPanel, SupportGrowthSlot, TracksPanel } from './Sections.tsx';
import { formatDate } from '../../lib/dates.ts';

export default function PublicPage() {
  const { token = '' } = useParams<{ token: string }>();
  const trpc = useTRPC();
  const q = useQuery(trpc.publicPage.view.queryOptions({ token }));
  useDocumentTitle(q.data?.coalition.name ?? (q.isError ? 'Page not found' : undefined));
  useNoIndex();

  let body: ReactNode;
  if (q.isPending) body = <PageSkeleton />;
  else if (q.isError) {
    body =
      httpStatus(q.error) === 404 ? (
        <NotFound />
      ) : (
        <ErrorState className="mx-auto mt-10 max-w-lg" error={q.error} title="Could not load this page" onRetry={() => void q.refetch()} />
      );
  } else {
    const page = q.data;
    body = (
      <>
        <Hero page={page} />
        <div className="mt-6 grid gap-5 lg:grid-cols-2">
          <TracksPanel tracks={page.progress.tracks} />
          <MomentumPanel data={page.momentum} />
          <MilestonesPanel kind="reached" milestones={page.milestones.reached} today={page.today} />
          <MilestonesPanel kind="next" milestones={page.milestones.next} today={page.today} />
        </div>
        <SupportGrowthSlot data={page.supportGrowth} />
        <PartnersPanel partners={page.partners} />
        <p className="mt-8 text-center text-xs text-slate-500">
          Figures as of {formatDate(page.today)}, the coalition’s today. A read-only page the coalition shares with its supporters.
        </p>
      </>
    );
  }

  return (
    <div className="flex min-h-dvh flex-col bg-slate-50 print:bg-white">
      <header className="border-b border-slate-200 bg-white print:border-0">
        <div className="mx-auto flex h-14 max-w-5xl items-center gap-2.5 px-4 sm:px-6">
          {/* The app's logo, as the top bar and the sign-in screens draw it (brand colours in both themes). */}
          <svg aria-hidden viewBox="0 0 32 32" className="size-7 shrink-0">
            <rect width="32" height="32" rx="7" fill="#4338ca" />
            <circle cx="11" cy="12" r="4" fill="#fff" />
            <circle cx="21" cy="12" r="4" fill="#c7d2fe" />
            <circle cx="16" cy="21" r="4" fill="#a5b4fc" />
          </svg>
          <span className="text-sm font-semibold tracking-tight text-slate-900">Coalition Planner</span>
          <span className="ml-auto text-xs text-slate-500">Public progress page</span>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-6 sm:px-6 sm:py-10">
        {body}
      </main>
    </div>
  );
}

/** `<meta name="robots" content="noindex">` while this screen is open (the server also sends X-Robots-Tag). */
function useNoIndex() {
  useEffect(() => {
    const meta = document.createElement('meta');
    meta.name = 'robots';
    meta.content = 'noindex, nofollow';
    document.head.appendChild(meta);
    return () => meta.remove();
  }, []);
}

function NotFound() {
  return (
    <div className="mx-auto mt-10 flex max-w-md flex-col items-center gap-3 text-center">
      <EyeOff aria-hidden className="size-10 text-slate-400" />
      <h1 className="text-xl font-semibold tracking-tight text-slate-900">This page is not available</h1>
      <p className="text-sm text-slate-600">
        The link may be mistyped, or the coalition has stopped sharing this page. If someone sent it to you, ask them for the current link.
      </p>
    </div>
  );
}

function PageSkeleton() {
  return (
    <div role="status" aria-live="polite">
      <span className="sr-only">Loading the page…</span>
      <Skeleton className="h-72 rounded-2xl" />
      <div className="mt-6 grid gap-5 lg:grid-cols-2">
        <Skeleton className="h-56 rounded-xl" />
        <Skeleton className="h-56 rounded-xl" />
      </div>
    </div>
  );
}
