/**
 * The odds of reaching the goal (forecast.get): "62% likely by 23 Sept 2027", the plan's
 * P50/P80/P95 ready dates, and the milestones most often on the late path, linked. Its own
 * query (computed on the server's worker thread), so the rest of the dashboard never waits for it.
 */
import { useQuery } from '@tanstack/react-query';
import { plural } from '@coalition/domain';
import { Dices } from 'lucide-react';
import { Link } from 'wouter';
import { ButtonLink } from '../../components/Button.tsx';
import { Card } from '../../components/PageHeader.tsx';
import { EmptyState, ErrorState, Skeleton } from '../../components/States.tsx';
import { CanEdit } from '../../lib/coalition.tsx';
import { cn } from '../../lib/cn.ts';
import { formatDate } from '../../lib/dates.ts';
import { formatLikelihood, likelihoodSentence, likelihoodTone } from '../../lib/odds.ts';
import { paths } from '../../lib/paths.ts';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';

type Forecast = RouterOutputs['forecast']['get'];

const TONE_TEXT = { ok: 'text-emerald-700', warning: 'text-amber-800', danger: 'text-red-700' } as const;

const LEVELS = [
  { key: 'p50', label: 'P50', hint: 'as likely as not' },
  { key: 'p80', label: 'P80', hint: '4 in 5 runs' },
  { key: 'p95', label: 'P95', hint: '19 in 20 runs' },
] as const;

export function ForecastCard({ coalitionId, className }: { coalitionId: string; className?: string }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.forecast.get.queryOptions({ coalitionId }));
  return (
    <Card
      id="forecast"
      className={className}
      title="Forecast"
      description="The odds of reaching the goal, from thousands of simulated runs of the plan"
    >
      {q.isPending ? (
        <div role="status" className="flex flex-col gap-3 py-1">
          <span className="sr-only">Computing the forecast…</span>
          <Skeleton className="h-8 w-2/3" />
          <Skeleton className="h-16 w-full" />
          <Skeleton className="h-4 w-1/2" />
        </div>
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : q.data.estimatedCount === 0 ? (
        <EmptyState
          className="my-1 py-6"
          icon={<Dices aria-hidden />}
          title="No forecast yet"
          description="Add ranged estimates to open milestones to see the odds: an optimistic, a likely and a pessimistic date for each."
          action={
            <CanEdit coalitionId={coalitionId}>
              <ButtonLink href={paths.milestones(coalitionId)} size="sm">
                Go to the milestones
              </ButtonLink>
            </CanEdit>
          }
        />
      ) : (
        <ForecastBody f={q.data} coalitionId={coalitionId} />
      )}
    </Card>
  );
}

function ForecastBody({ f, coalitionId }: { f: Forecast; coalitionId: string }) {
  const tone = likelihoodTone(f.probabilityByGoal);
  return (
    <div className="grid gap-x-8 gap-y-5 py-1 lg:grid-cols-2">
      <div className="flex min-w-0 flex-col gap-3">
        <p className={cn('text-2xl font-semibold tracking-tight', TONE_TEXT[tone])} data-testid="forecast-headline">
          {likelihoodSentence(f.probabilityByGoal, f.goalDate)}
        </p>
        {f.ready && (
          <dl className="grid grid-cols-3 gap-2">
            {LEVELS.map((l) => (
              <div key={l.key} className="rounded-lg bg-slate-50 px-3 py-2">
                <dt className="text-xs font-medium text-slate-600">
                  Ready · {l.label}
                  <span className="sr-only"> ({l.hint})</span>
                </dt>
                <dd className="mt-0.5 text-sm font-semibold tabular-nums text-slate-900">{formatDate(f.ready![l.key])}</dd>
                <dd aria-hidden className="text-[11px] text-slate-500">
                  {l.hint}
                </dd>
              </div>
            ))}
          </dl>
        )}
        <p className="text-xs text-slate-600">
          In {f.runs.toLocaleString('en-GB')} runs of the plan, each milestone with a range finishes on a day drawn from it and everything waiting for it moves
          with it; the others finish as planned. P80 is the day the plan is ready by in 80% of the runs. Based on{' '}
          {plural(f.estimatedCount, 'ranged estimate')}
          {f.fromPaceCount > 0 ? ` (${f.fromPaceCount} from a threshold’s pace)` : ''} among {plural(f.openCount, 'open milestone')}.
        </p>
      </div>
      <div className="min-w-0">
        <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600">Most often on the late path</h3>
        {f.lateDrivers.length === 0 ? (
          <p className="mt-2 text-sm text-slate-500">Nothing holds the plan up: every run is ready in time.</p>
        ) : (
          <ol className="mt-2 flex flex-col gap-2">
            {f.lateDrivers.map((d) => (
              <li key={d.id} className="flex flex-col gap-1">
                <div className="flex items-baseline justify-between gap-3 text-sm">
                  <Link href={paths.milestone(coalitionId, d.id)} className="min-w-0 truncate font-medium text-indigo-700 hover:underline" title={d.title}>
                    {d.title}
                  </Link>
                  <span className="shrink-0 text-xs tabular-nums text-slate-600">{formatLikelihood(d.criticality)} of runs</span>
                </div>
                <div aria-hidden className="h-1.5 overflow-hidden rounded-full bg-slate-100">
                  <div className="h-full rounded-full bg-amber-500" style={{ width: `${Math.round(d.criticality * 100)}%` }} />
                </div>
              </li>
            ))}
          </ol>
        )}
        <p className="mt-2 text-xs text-slate-500">The bottlenecks to reframe first: they decide when the plan is ready more often than any other.</p>
      </div>
    </div>
  );
}
