import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { COVERAGE_BANDS, HIGH_INFLUENCE, plural } from '@coalition/domain';
import { ErrorState, Skeleton } from '../../components/index.ts';
import { Card } from '../../components/PageHeader.tsx';
import { formatDate } from '../../lib/dates.ts';
import { paths } from '../../lib/paths.ts';
import { useTRPC } from '../../lib/trpc.ts';

const SHOWN = 6;

/** Lesson 1 on the dashboard: are we talking to the partners who decide, and are our promises kept? */
export function DialogueCoverage({ coalitionId }: { coalitionId: string }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.interaction.coverage.queryOptions({ coalitionId }));
  const c = q.data;
  return (
    <Card
      className="mt-5"
      title="Dialogue coverage"
      description={`Partners of high influence (${HIGH_INFLUENCE}–5) by days since our last meeting, call or letter; next steps past due`}
    >
      {q.isPending ? (
        <Skeleton className="h-24" />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : c!.highInfluence === 0 ? (
        <p className="text-sm text-slate-600">No partner is rated of high influence yet.</p>
      ) : (
        <div className="grid gap-5 md:grid-cols-2">
          <div className="flex flex-col gap-3">
            <dl className="grid grid-cols-5 gap-2 text-center">
              {[
                ['≤ 30 days', c!.bands.within30],
                [`> ${COVERAGE_BANDS[0]}`, c!.bands.over30],
                [`> ${COVERAGE_BANDS[1]}`, c!.bands.over60],
                [`> ${COVERAGE_BANDS[2]}`, c!.bands.over90],
                ['Never', c!.bands.never],
              ].map(([label, n]) => (
                <div key={label} className="rounded-md bg-slate-50 px-1 py-2">
                  <dt className="text-xs text-slate-600">{label}</dt>
                  <dd className="text-lg font-semibold tabular-nums text-slate-900">{n}</dd>
                </div>
              ))}
            </dl>
            {c!.staleTotal > 0 && (
              <div>
                <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Not contacted for over a month</h3>
                <ul className="flex flex-col gap-1 text-sm">
                  {c!.stale.slice(0, SHOWN).map((p) => (
                    <li key={p.id} className="flex justify-between gap-3">
                      <Link href={paths.partner(coalitionId, p.id)} className="truncate font-medium text-indigo-700 hover:underline">
                        {p.name}
                      </Link>
                      <span className="shrink-0 text-slate-600">{p.daysSince === null ? 'never' : plural(p.daysSince, 'day')}</span>
                    </li>
                  ))}
                </ul>
                {c!.staleTotal > SHOWN && <p className="mt-1 text-xs text-slate-600">and {c!.staleTotal - SHOWN} more</p>}
              </div>
            )}
          </div>
          <div>
            <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Next steps overdue ({c!.overdueTotal})</h3>
            {c!.overdueTotal === 0 ? (
              <p className="text-sm text-slate-600">Every next step promised in a meeting is on time.</p>
            ) : (
              <ul className="flex flex-col gap-1.5 text-sm">
                {c!.overdueNextSteps.slice(0, SHOWN).map((s) => (
                  <li key={s.interactionId}>
                    <Link href={paths.partner(coalitionId, s.partnerId)} className="font-medium text-indigo-700 hover:underline">
                      {s.partnerName}
                    </Link>
                    : {s.nextStep} <span className="text-red-700">— due {formatDate(s.nextStepDue)}, {plural(s.daysOverdue, 'day')} late</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
    </Card>
  );
}
