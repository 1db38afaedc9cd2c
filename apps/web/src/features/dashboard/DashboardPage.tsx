import { useQuery } from '@tanstack/react-query';
import { plural } from '@coalition/domain';
import { Flag, Printer } from 'lucide-react';
import { lazy, Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { ButtonLink } from '../../components/Button.tsx';
import { Card, PageHeader } from '../../components/PageHeader.tsx';
import { DialogueCoverage } from './DialogueCoverage.tsx';
import { ForecastCard } from './ForecastCard.tsx';
import { EmptyState, ErrorState, Skeleton } from '../../components/States.tsx';
import { useCoalitionId } from '../../lib/coalition.tsx';
import { paths } from '../../lib/paths.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { BalancePanel } from './Balance.tsx';
import { RecentActivity } from './RecentActivity.tsx';
import { CriticalPath, DependencyProblems, MilestoneList, TrackProgressList } from './Schedule.tsx';
import { SmallLink } from './SmallLink.tsx';
import { DashboardTiles } from './Tiles.tsx';
import type { Dashboard } from './types.ts';

/** recharts (~115 kB gzip) comes with the chart, and the chart only when it scrolls near the viewport. */
const MomentumChart = lazy(() => import('./MomentumChart.tsx'));
/** Support growth (positions over time): its query and its plain-SVG chart wait until the card scrolls near. */
const SupportGrowthPanel = lazy(() => import('../positions/index.ts').then((m) => ({ default: m.SupportGrowthPanel })));

export default function DashboardPage() {
  const coalitionId = useCoalitionId();
  const trpc = useTRPC();
  const q = useQuery(trpc.coalition.dashboard.queryOptions({ coalitionId }));
  useDocumentTitle('Dashboard', q.data?.coalition.name);

  if (q.isPending) return <DashboardSkeleton />;
  if (q.isError) {
    return (
      <>
        <PageHeader title="Dashboard" />
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      </>
    );
  }
  const d = q.data;
  const trackById = new Map(d.progress.tracks.map((t) => [t.id, t]));
  const empty = d.progress.coalition.milestoneCount + d.progress.coalition.droppedCount === 0 && d.balance.stateCount + d.balance.nonStateCount === 0;
  const s = d.schedule;

  return (
    <>
      <PageHeader
        eyebrow="Dashboard"
        title={d.coalition.name}
        description={d.coalition.goal}
        actions={
          <ButtonLink href={paths.brief(coalitionId)} icon={<Printer aria-hidden className="size-4" />}>
            Print brief
          </ButtonLink>
        }
      />

      <DashboardTiles d={d} coalitionId={coalitionId} />

      {empty && (
        <EmptyState
          className="mt-5"
          icon={<Flag aria-hidden />}
          title="This plan is empty so far"
          description="Add the tracks that will run in parallel, the partners you want in the dialogue, and near-term milestones toward the goal."
          action={
            <>
              <ButtonLink href={paths.tracks(coalitionId)} variant="primary">
                Add tracks
              </ButtonLink>
              <ButtonLink href={paths.partners(coalitionId)}>Add partners</ButtonLink>
              <ButtonLink href={paths.milestones(coalitionId)}>Add milestones</ButtonLink>
            </>
          }
        />
      )}

      <div className="mt-5 grid gap-5 lg:grid-cols-5">
        <Card
          className="lg:col-span-3"
          title="Progress by track"
          description="Milestones done and average progress per parallel track"
          actions={<SmallLink href={paths.tracks(coalitionId)}>Tracks</SmallLink>}
        >
          <TrackProgressList tracks={d.progress.tracks} coalitionWide={d.progress.coalitionWide} />
        </Card>
        <Card
          className="lg:col-span-2"
          title="Critical path"
          description="The dependency chain that decides when the plan can finish"
          actions={<SmallLink href={paths.slips(coalitionId)}>Slips vs baseline</SmallLink>}
        >
          <CriticalPath d={d} trackById={trackById} coalitionId={coalitionId} />
        </Card>
      </div>

      <ForecastCard coalitionId={coalitionId} className="mt-5" />

      <div className="mt-5 grid gap-5 md:grid-cols-2 2xl:grid-cols-3">
        <Card
          title={`Overdue${s.overdueCount ? ` (${s.overdueCount})` : ''}`}
          description="Open milestones past their due date"
          actions={<SmallLink href={paths.milestones(coalitionId)}>All milestones</SmallLink>}
        >
          <MilestoneList
            items={s.overdue}
            total={s.overdueCount}
            trackById={trackById}
            coalitionId={coalitionId}
            empty="Nothing is overdue."
            note={(m) => ({ text: m.dueText, danger: true })}
          />
        </Card>
        <Card title={`Due soon${s.dueSoonCount ? ` (${s.dueSoonCount})` : ''}`} description="Open milestones due in the next 14 days">
          <MilestoneList
            items={s.dueSoon}
            total={s.dueSoonCount}
            trackById={trackById}
            coalitionId={coalitionId}
            empty="Nothing due in the next two weeks."
            note={(m) => ({ text: m.dueText, danger: false })}
          />
        </Card>
        <Card
          className="md:col-span-2 2xl:col-span-1"
          title={`At risk or blocked${s.attentionCount ? ` (${s.attentionCount})` : ''}`}
          description={s.attentionCount ? `${plural(s.blockedCount, 'blocked milestone')}, ${s.atRiskCount} at risk: flagged by their owners` : 'Open milestones their owners flag as at risk or blocked'}
        >
          <MilestoneList
            items={s.attention}
            total={s.attentionCount}
            trackById={trackById}
            coalitionId={coalitionId}
            empty="No milestone is flagged at risk or blocked."
            note={(m) => ({ text: m.dueText, danger: m.days < 0 })}
          />
        </Card>
      </div>

      <Card className="mt-5" title="Momentum" description="The snowball: milestones completed and partners committed, cumulative by week">
        <Momentum data={d.momentum} />
      </Card>

      <Card className="mt-5" title="Support growth" description="The snowball in people: partners supportive of the goal or championing it, by week, state and non-state actors">
        <WhenNearViewport placeholder={<Skeleton className="h-64" />}>
          <Suspense fallback={<Skeleton className="h-64" />}>
            <SupportGrowthPanel coalitionId={coalitionId} />
          </Suspense>
        </WhenNearViewport>
      </Card>

      <BalancePanel balance={d.balance} coalitionId={coalitionId} />

      <DialogueCoverage coalitionId={coalitionId} />

      {d.dependencyViolations.length > 0 && (
        <Card
          className="mt-5 border-amber-300"
          title={`Dependency problems (${d.dependencyViolationCount})`}
          description="These milestones are due before something they depend on can finish"
        >
          <DependencyProblems d={d} coalitionId={coalitionId} />
        </Card>
      )}

      <Card
        className="mt-5"
        title="Recent activity"
        description="Latest changes by everyone in this coalition"
        actions={
          <ButtonLink href={paths.activity(coalitionId)} variant="ghost" size="sm">
            All activity
          </ButtonLink>
        }
      >
        <RecentActivity items={d.recentActivity} coalitionId={coalitionId} />
      </Card>
    </>
  );
}

function DashboardSkeleton() {
  return (
    <div role="status">
      <span className="sr-only">Loading the dashboard…</span>
      <Skeleton className="mb-2 h-4 w-24" />
      <Skeleton className="mb-6 h-7 w-2/3" />
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} className="h-28 rounded-xl" />
        ))}
      </div>
      <div className="mt-5 grid gap-5 lg:grid-cols-5">
        <Skeleton className="h-64 rounded-xl lg:col-span-3" />
        <Skeleton className="h-64 rounded-xl lg:col-span-2" />
      </div>
    </div>
  );
}

function Momentum({ data }: { data: Dashboard['momentum'] }) {
  const last = data[data.length - 1];
  if (!last || (last.cumulativeMilestones === 0 && last.cumulativePartners === 0)) {
    return <p className="py-6 text-center text-sm text-slate-500">The snowball starts with the first milestone completed or partner committed.</p>;
  }
  const recent = data.slice(-4);
  const lastMonthM = recent.reduce((s, w) => s + w.milestonesCompleted, 0);
  const lastMonthP = recent.reduce((s, w) => s + w.partnersCommitted, 0);
  return (
    <>
      <p className="mb-2 text-sm text-slate-700">
        <strong className="font-semibold">{plural(last.cumulativeMilestones, 'milestone')}</strong> completed and{' '}
        <strong className="font-semibold">{plural(last.cumulativePartners, 'partner')}</strong> committed so far; in the last 4 weeks: {plural(lastMonthM, 'milestone')}, {plural(lastMonthP, 'partner')}.
      </p>
      <WhenNearViewport placeholder={<Skeleton className="h-64 sm:h-72" />}>
        <Suspense fallback={<Skeleton className="h-64 sm:h-72" />}>
          <MomentumChart data={data} />
        </Suspense>
      </WhenNearViewport>
    </>
  );
}

/**
 * Renders `children` once the placeholder is within 200 px of the viewport (then stays): what is
 * below the fold costs nothing on the first screen. Give the placeholder the children's height.
 */
function WhenNearViewport({ children, placeholder }: { children: ReactNode; placeholder: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const el = ref.current;
    if (near || !el) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setNear(true);
          observer.disconnect();
        }
      },
      { rootMargin: '200px 0px' },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [near]);
  return near ? <>{children}</> : <div ref={ref}>{placeholder}</div>;
}
