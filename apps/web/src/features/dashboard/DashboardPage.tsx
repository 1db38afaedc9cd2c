import { useQuery } from '@tanstack/react-query';
import {
  AlertOctagon,
  ArrowRight,
  CalendarClock,
  CheckCircle2,
  Clock,
  Flag,
  GitBranch,
  Handshake,
  Link2Off,
  UserRoundX,
} from 'lucide-react';
import { lazy, Suspense, type ReactNode } from 'react';
import { Link } from 'wouter';
import { Badge, StatusBadge, TrackDot } from '../../components/Badge.tsx';
import { ButtonLink } from '../../components/Button.tsx';
import { Card, PageHeader } from '../../components/PageHeader.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { EmptyState, ErrorState, Skeleton } from '../../components/States.tsx';
import { useCoalitionId } from '../../lib/coalition.tsx';
import { cn } from '../../lib/cn.ts';
import { formatDate, formatInstant, formatInstantFull, goalCountdown, plural } from '../../lib/dates.ts';
import { CONTRIBUTION, PARTNER_KIND } from '../../lib/labels.ts';
import { paths } from '../../lib/paths.ts';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';

const MomentumChart = lazy(() => import('./MomentumChart.tsx'));

type Dashboard = RouterOutputs['coalition']['dashboard'];
type TrackInfo = Dashboard['progress']['tracks'][number];

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
  const empty = d.progress.milestoneCount === 0 && d.balance.stateCount + d.balance.nonStateCount === 0;

  return (
    <>
      <PageHeader eyebrow="Dashboard" title={d.coalition.name} description={d.coalition.goal} />

      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <CountdownTile daysToGoal={d.daysToGoal} goalDate={d.coalition.goalDate} />
        <StatTile
          icon={<CheckCircle2 aria-hidden />}
          label="Overall progress"
          value={`${Math.round(d.progress.overall)}%`}
          detail={`${d.progress.doneCount} of ${plural(d.progress.milestoneCount, 'milestone')} done`}
        >
          <ProgressBar className="mt-2" value={d.progress.overall} label="Overall progress" size="sm" valueText={`${Math.round(d.progress.overall)}%, ${d.progress.doneCount} of ${d.progress.milestoneCount} milestones done`} />
        </StatTile>
        <StatTile
          icon={<Clock aria-hidden />}
          label="Schedule"
          value={d.overdueCount === 0 ? 'On time' : `${d.overdueCount} overdue`}
          tone={d.overdueCount > 0 ? 'danger' : 'ok'}
          detail={`${d.dueSoonCount} due in the next 14 days`}
          href={paths.milestones(coalitionId)}
        />
        <StatTile
          icon={<AlertOctagon aria-hidden />}
          label="Bottlenecks"
          value={`${d.bottlenecks.open} open`}
          tone={d.bottlenecks.critical > 0 ? 'danger' : undefined}
          detail={d.bottlenecks.critical > 0 ? `${d.bottlenecks.critical} critical` : 'None critical'}
          href={paths.bottlenecks(coalitionId)}
          className="col-span-2 sm:col-span-1"
        />
      </div>

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
        <Card className="lg:col-span-2" title="Critical path" description="The dependency chain that decides when the plan can finish">
          <CriticalPath cp={d.criticalPath} trackById={trackById} coalitionId={coalitionId} />
        </Card>
      </div>

      <div className="mt-5 grid gap-5 md:grid-cols-2">
        <Card
          title={`Overdue${d.overdueCount ? ` (${d.overdueCount})` : ''}`}
          description="Open milestones past their due date"
          actions={<SmallLink href={paths.milestones(coalitionId)}>All milestones</SmallLink>}
        >
          <MilestoneList
            items={d.overdue.map((m) => ({ ...m, note: `${plural(m.daysLate, 'day')} late`, noteTone: 'danger' as const }))}
            total={d.overdueCount}
            trackById={trackById}
            coalitionId={coalitionId}
            empty="Nothing is overdue."
          />
        </Card>
        <Card title={`Due soon${d.dueSoonCount ? ` (${d.dueSoonCount})` : ''}`} description="Open milestones due in the next 14 days">
          <MilestoneList
            items={d.dueSoon.map((m) => ({ ...m, note: m.daysLeft === 0 ? 'due today' : `in ${plural(m.daysLeft, 'day')}`, noteTone: undefined }))}
            total={d.dueSoonCount}
            trackById={trackById}
            coalitionId={coalitionId}
            empty="Nothing due in the next two weeks."
          />
        </Card>
      </div>

      <Card className="mt-5" title="Momentum" description="The snowball: milestones completed and partners committed, cumulative by week">
        <Momentum data={d.momentum} />
      </Card>

      <BalancePanel balance={d.balance} coalitionId={coalitionId} />

      {d.dependencyViolations.length > 0 && (
        <Card
          className="mt-5 border-amber-300"
          title={`Dependency problems (${d.dependencyViolationCount ?? d.dependencyViolations.length})`}
          description="These milestones are due before something they depend on can finish"
        >
          <ul className="divide-y divide-slate-100">
            {d.dependencyViolations.map((v) => (
              <li key={`${v.milestoneId}-${v.dependsOnId}`} className="flex flex-col gap-0.5 py-2 text-sm">
                <span className="flex items-center gap-1.5">
                  <Link2Off aria-hidden className="size-4 shrink-0 text-amber-600" />
                  <Link href={paths.milestone(coalitionId, v.milestoneId)} className="font-medium text-slate-900 hover:underline">
                    {v.title}
                  </Link>
                </span>
                <span className="pl-5.5 text-slate-600">
                  due {formatDate(v.dueDate)}, but depends on{' '}
                  <Link href={paths.milestone(coalitionId, v.dependsOnId)} className="text-indigo-700 underline underline-offset-2">
                    {v.dependsOnTitle}
                  </Link>{' '}
                  finishing {formatDate(v.dependsOnFinish)}
                </span>
              </li>
            ))}
          </ul>
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
        <ActivityList items={d.recentActivity} coalitionId={coalitionId} />
      </Card>
    </>
  );
}

function SmallLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className="inline-flex items-center gap-1 rounded text-xs font-medium text-indigo-700 hover:underline">
      {children}
      <ArrowRight aria-hidden className="size-3" />
    </Link>
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

function CountdownTile({ daysToGoal, goalDate }: { daysToGoal: number; goalDate: string }) {
  const c = goalCountdown(daysToGoal);
  const n = Math.abs(daysToGoal);
  return (
    <div className={cn('col-span-2 flex flex-col rounded-xl border p-4 shadow-xs sm:col-span-1', c.past ? 'border-slate-200 bg-white' : 'border-indigo-200 bg-indigo-50/60')}>
      <p className="flex items-center gap-1.5 text-xs font-medium text-slate-600 [&>svg]:size-3.5">
        <CalendarClock aria-hidden />
        Goal date · {formatDate(goalDate)}
      </p>
      {daysToGoal === 0 ? (
        <p className="mt-2 text-2xl font-semibold tracking-tight text-indigo-900">Today</p>
      ) : (
        <p className={cn('mt-2', c.past ? 'text-slate-900' : 'text-indigo-950')}>
          {c.past && <span className="text-sm">Goal passed </span>}
          <span className="text-2xl font-semibold tabular-nums tracking-tight">{n.toLocaleString('en-GB')}</span>
          <span className="text-sm whitespace-nowrap"> {n === 1 ? 'day' : 'days'} {c.past ? 'ago' : 'to go'}</span>
        </p>
      )}
      <p className="mt-auto pt-1 text-xs text-slate-600">{c.past ? 'Set a new goal date in Settings if the plan continues.' : 'Every milestone counts toward it.'}</p>
    </div>
  );
}

function StatTile({
  icon,
  label,
  value,
  detail,
  tone,
  href,
  children,
  className,
}: {
  className?: string;
  icon: ReactNode;
  label: string;
  value: string;
  detail?: string;
  tone?: 'danger' | 'ok' | undefined;
  href?: string;
  children?: ReactNode;
}) {
  const body = (
    <>
      <p className="flex items-center gap-1.5 text-xs font-medium text-slate-600 [&>svg]:size-3.5">
        {icon}
        {label}
      </p>
      <p className={cn('mt-2 text-2xl font-semibold tabular-nums tracking-tight', tone === 'danger' ? 'text-red-700' : tone === 'ok' ? 'text-emerald-700' : 'text-slate-900')}>{value}</p>
      {children}
      {detail && <p className="mt-auto pt-1 text-xs text-slate-500">{detail}</p>}
    </>
  );
  const cls = cn('flex flex-col rounded-xl border border-slate-200 bg-white p-4 shadow-xs', className);
  return href ? (
    <Link href={href} className={cn(cls, 'transition-colors hover:border-slate-300 hover:bg-slate-50')}>
      {body}
    </Link>
  ) : (
    <div className={cls}>{body}</div>
  );
}

function TrackProgressList({ tracks, coalitionWide }: { tracks: TrackInfo[]; coalitionWide: Dashboard['progress']['coalitionWide'] }) {
  if (tracks.length === 0) return <p className="py-4 text-sm text-slate-500">No tracks yet.</p>;
  return (
    <ul className="flex flex-col gap-3.5 py-1">
      {tracks.map((t) => (
        <li key={t.id}>
          <div className="mb-1 flex items-center justify-between gap-3 text-sm">
            <span className="flex min-w-0 items-center gap-2">
              <TrackDot color={t.color} />
              <span className="truncate font-medium text-slate-800">{t.name}</span>
              {t.status !== 'active' && <StatusBadge of="trackStatus" value={t.status} />}
            </span>
            <span className="flex shrink-0 items-center gap-2 text-xs text-slate-500">
              {t.overdueCount > 0 && <Badge tone="red">{t.overdueCount} overdue</Badge>}
              <span className="tabular-nums">
                {t.doneCount}/{t.milestoneCount}
              </span>
            </span>
          </div>
          <ProgressBar value={t.progress} color={t.color} label={`${t.name} progress`} valueText={`${Math.round(t.progress)}%, ${t.doneCount} of ${t.milestoneCount} milestones done`} showValue />
        </li>
      ))}
      {coalitionWide.milestoneCount > 0 && (
        <li className="border-t border-slate-100 pt-3">
          <div className="mb-1 flex items-center justify-between gap-3 text-sm">
            <span className="flex items-center gap-2 font-medium text-slate-800">
              <TrackDot color="#334155" />
              Coalition-wide milestones
            </span>
            <span className="text-xs tabular-nums text-slate-500">
              {coalitionWide.doneCount}/{coalitionWide.milestoneCount}
            </span>
          </div>
          <ProgressBar value={coalitionWide.progress} color="#334155" label="Coalition-wide milestones progress" showValue />
        </li>
      )}
    </ul>
  );
}

function CriticalPath({ cp, trackById, coalitionId }: { cp: Dashboard['criticalPath']; trackById: Map<string, TrackInfo>; coalitionId: string }) {
  if (!cp.items.length || cp.slackDays === null || !cp.projectedFinish) {
    return <p className="py-4 text-sm text-slate-500">No open milestones with dates to chain yet.</p>;
  }
  const late = cp.slackDays < 0;
  return (
    <div>
      <div className={cn('flex flex-wrap items-baseline gap-x-3 gap-y-1 rounded-lg px-3 py-2.5', late ? 'bg-red-50 text-red-900' : 'bg-emerald-50 text-emerald-900')}>
        <span className="text-lg font-semibold tabular-nums">
          {late ? `${plural(-cp.slackDays, 'day')} late` : cp.slackDays === 0 ? 'No slack' : `${plural(cp.slackDays, 'day')} of slack`}
        </span>
        <span className="text-xs">
          projected finish {formatDate(cp.projectedFinish)} · goal {formatDate(cp.goalDate)}
        </span>
      </div>
      <ol className="mt-3 flex flex-col" aria-label="Critical path, first to last">
        {cp.items.map((m, i) => {
          const track = m.trackId ? trackById.get(m.trackId) : undefined;
          const slips = m.earliestFinish > m.dueDate;
          return (
            <li key={m.id} className="relative flex gap-3 pb-3 last:pb-0">
              <span aria-hidden className="flex flex-col items-center">
                <span className="mt-1 size-2.5 rounded-full ring-2 ring-white" style={{ backgroundColor: track?.color ?? '#334155' }} />
                {i < cp.items.length - 1 && <span className="mt-1 w-px flex-1 bg-slate-200" />}
              </span>
              <div className="min-w-0 text-sm">
                <Link href={paths.milestone(coalitionId, m.id)} className="font-medium text-slate-900 hover:underline">
                  {m.title}
                </Link>
                <p className="text-xs text-slate-500">
                  {track ? `${track.name} · ` : ''}due {formatDate(m.dueDate)}
                  {slips && <span className="font-medium text-red-700"> · can finish {formatDate(m.earliestFinish)}</span>}
                </p>
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

interface ListItem {
  id: string;
  title: string;
  trackId: string | null;
  dueDate: string;
  status: string;
  progress: number;
  note: string;
  noteTone: 'danger' | undefined;
}

function MilestoneList({ items, total, trackById, coalitionId, empty }: { items: ListItem[]; total: number; trackById: Map<string, TrackInfo>; coalitionId: string; empty: string }) {
  if (items.length === 0) {
    return (
      <p className="flex items-center gap-2 py-3 text-sm text-slate-500">
        <CheckCircle2 aria-hidden className="size-4 text-emerald-600" />
        {empty}
      </p>
    );
  }
  const shown = items.slice(0, 8);
  return (
    <>
      <ul className="-mx-1 divide-y divide-slate-100">
        {shown.map((m) => {
          const track = m.trackId ? trackById.get(m.trackId) : undefined;
          return (
            <li key={m.id}>
              <Link href={paths.milestone(coalitionId, m.id)} className="flex items-center gap-3 rounded-md px-1 py-2 hover:bg-slate-50">
                <TrackDot color={track?.color ?? '#334155'} />
                <span className="min-w-0 flex-1">
                  <span className="block truncate text-sm font-medium text-slate-900">{m.title}</span>
                  <span className="block truncate text-xs text-slate-500">
                    {track?.name ?? 'Coalition-wide'} · due {formatDate(m.dueDate)}
                  </span>
                </span>
                <span className="flex shrink-0 flex-col items-end gap-1">
                  <span className={cn('text-xs font-medium', m.noteTone === 'danger' ? 'text-red-700' : 'text-slate-600')}>{m.note}</span>
                  <StatusBadge of="milestoneStatus" value={m.status} />
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
      {total > shown.length && (
        <p className="mt-2 text-xs text-slate-500">
          and {total - shown.length} more — <Link href={paths.milestones(coalitionId)} className="font-medium text-indigo-700 hover:underline">see all milestones</Link>
        </p>
      )}
    </>
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
        <strong className="font-semibold">{plural(last.cumulativePartners, 'partner')}</strong> committed so far; in the last 4 weeks: {lastMonthM} milestones, {lastMonthP} partners.
      </p>
      <Suspense fallback={<Skeleton className="h-64 sm:h-72" />}>
        <MomentumChart data={data} />
      </Suspense>
    </>
  );
}

function BalancePanel({ balance: b, coalitionId }: { balance: Dashboard['balance']; coalitionId: string }) {
  const total = b.stateCount + b.nonStateCount;
  const statePct = total ? Math.round((b.stateCount / total) * 100) : 0;
  const contributions = Object.keys(CONTRIBUTION) as Array<keyof typeof CONTRIBUTION>;
  return (
    <section aria-labelledby="balance-title" className="mt-5">
      <h2 id="balance-title" className="mb-3 text-sm font-semibold text-slate-900">
        Balance &amp; gaps
      </h2>
      <div className="grid gap-5 lg:grid-cols-2">
        <Card title="State and non-state partners" description="Reforms succeed when both work together">
          {total === 0 ? (
            <p className="py-3 text-sm text-slate-500">No partners yet.</p>
          ) : (
            <>
              <div className="flex h-3 overflow-hidden rounded-full bg-slate-100" role="img" aria-label={`${b.stateCount} state and ${b.nonStateCount} non-state partners`}>
                <div className="bg-indigo-600" style={{ width: `${statePct}%` }} />
                <div className="bg-teal-500" style={{ width: `${100 - statePct}%` }} />
              </div>
              <div className="mt-2 flex justify-between text-sm">
                <span className="flex items-center gap-1.5">
                  <span aria-hidden className="size-2.5 rounded-sm bg-indigo-600" /> State <strong className="tabular-nums">{b.stateCount}</strong>
                </span>
                <span className="flex items-center gap-1.5">
                  Non-state <strong className="tabular-nums">{b.nonStateCount}</strong> <span aria-hidden className="size-2.5 rounded-sm bg-teal-500" />
                </span>
              </div>
              <ul className="mt-3 flex flex-wrap gap-1.5">
                {(Object.keys(PARTNER_KIND) as Array<keyof typeof PARTNER_KIND>)
                  .filter((k) => (b.byKind[k] ?? 0) > 0)
                  .map((k) => (
                    <li key={k}>
                      <Badge tone={PARTNER_KIND[k].tone}>
                        {PARTNER_KIND[k].label} {b.byKind[k]}
                      </Badge>
                    </li>
                  ))}
              </ul>
            </>
          )}
        </Card>

        <Card
          title="Bring into the dialogue next"
          description="High influence, not yet engaged"
          actions={<SmallLink href={paths.partners(coalitionId)}>Partners</SmallLink>}
        >
          {b.engageNext.length === 0 ? (
            <p className="flex items-center gap-2 py-3 text-sm text-slate-500">
              <CheckCircle2 aria-hidden className="size-4 text-emerald-600" />
              Every high-influence partner is already in the dialogue.
            </p>
          ) : (
            <ul className="-mx-1 divide-y divide-slate-100">
              {b.engageNext.map((p) => (
                <li key={p.id}>
                  <Link href={paths.partner(coalitionId, p.id)} className="flex items-center gap-3 rounded-md px-1 py-2 hover:bg-slate-50">
                    <Handshake aria-hidden className="size-4 shrink-0 text-slate-400" />
                    <span className="min-w-0 flex-1">
                      <span className="block truncate text-sm font-medium text-slate-900">{p.name}</span>
                      <span className="block text-xs text-slate-500">
                        {PARTNER_KIND[p.kind].label} · influence {p.influence}/5 · interest {p.interest}/5
                      </span>
                    </span>
                    <StatusBadge of="stage" value={p.stage} />
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card className="lg:col-span-2" title="Contributions per track" description="Ideas, resources, networks and political support each track can count on (active and on-hold tracks)">
          {b.contributionsByTrack.length === 0 ? (
            <p className="py-3 text-sm text-slate-500">No active tracks.</p>
          ) : (
            <div className="-mx-4 overflow-x-auto px-4 focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-indigo-600" tabIndex={0} role="region" aria-label="Contributions per track table">
              <table className="w-full min-w-[32rem] text-sm">
                <caption className="sr-only">Contributions covered per track</caption>
                <thead>
                  <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
                    <th scope="col" className="py-2 pr-3 font-medium">
                      Track
                    </th>
                    {contributions.map((c) => (
                      <th key={c} scope="col" className="px-2 py-2 text-center font-medium">
                        {CONTRIBUTION[c].label}
                      </th>
                    ))}
                    <th scope="col" className="py-2 pl-2 text-right font-medium">
                      Lead
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {b.contributionsByTrack.map((t) => {
                    const noLead = b.tracksWithoutLead.some((x) => x.id === t.trackId);
                    return (
                      <tr key={t.trackId} className="border-b border-slate-100 last:border-0">
                        <th scope="row" className="py-2 pr-3 text-left font-medium text-slate-800">
                          {t.name}
                        </th>
                        {contributions.map((c) => {
                          const covered = t.covered.includes(c);
                          return (
                            <td key={c} className="px-2 py-2 text-center">
                              {covered ? (
                                <span className="inline-flex items-center gap-1 text-xs font-medium text-emerald-700">
                                  <CheckCircle2 aria-hidden className="size-3.5" />
                                  <span>Covered</span>
                                </span>
                              ) : (
                                <span className="inline-flex items-center gap-1 rounded bg-amber-50 px-1.5 py-0.5 text-xs font-medium text-amber-800">Missing</span>
                              )}
                            </td>
                          );
                        })}
                        <td className="py-2 pl-2 text-right">
                          {noLead ? (
                            <Badge tone="red">
                              <UserRoundX aria-hidden className="size-3" /> No lead
                            </Badge>
                          ) : (
                            <span className="text-xs text-slate-500">Has lead</span>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          {b.tracksWithoutLead.length > 0 && (
            <p className="mt-3 flex items-start gap-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-900">
              <UserRoundX aria-hidden className="mt-0.5 size-4 shrink-0" />
              <span>
                {b.tracksWithoutLead.length === 1 ? 'One track has' : `${b.tracksWithoutLead.length} tracks have`} no lead partner:{' '}
                {b.tracksWithoutLead.map((t) => t.name).join(', ')}.{' '}
                <Link href={paths.tracks(coalitionId)} className="font-medium underline">
                  Assign leads in the matrix
                </Link>
              </span>
            </p>
          )}
        </Card>
      </div>
    </section>
  );
}

const ENTITY_HREF: Record<string, (c: string, id: string) => string> = {
  milestone: paths.milestone,
  partner: paths.partner,
  track: (c) => paths.tracks(c),
  bottleneck: (c) => paths.bottlenecks(c),
  member: (c) => paths.members(c),
  coalition: (c) => paths.settings(c),
};

function ActivityList({ items, coalitionId }: { items: Dashboard['recentActivity']; coalitionId: string }) {
  if (items.length === 0) return <p className="py-3 text-sm text-slate-500">No activity yet.</p>;
  return (
    <ol className="-mx-1 divide-y divide-slate-100">
      {items.map((a) => {
        const href = a.action.endsWith('.deleted') ? undefined : ENTITY_HREF[a.entityType]?.(coalitionId, a.entityId);
        const text = (
          <>
            <span className="font-medium text-slate-900">{a.actor?.name ?? 'Someone'}</span> {a.summary}
          </>
        );
        return (
          <li key={a.id} className="flex items-start gap-3 px-1 py-2 text-sm">
            <GitBranch aria-hidden className="mt-0.5 size-4 shrink-0 text-slate-400" />
            <span className="min-w-0 flex-1 text-slate-700">
              {href ? (
                <Link href={href} className="hover:underline">
                  {text}
                </Link>
              ) : (
                text
              )}
            </span>
            <time dateTime={new Date(a.createdAt).toISOString()} title={formatInstantFull(a.createdAt)} className="shrink-0 text-xs text-slate-500">
              {formatInstant(a.createdAt)}
            </time>
          </li>
        );
      })}
    </ol>
  );
}
