import { useQuery } from '@tanstack/react-query';
import { plural } from '@coalition/domain';
import { ErrorState, Skeleton } from '../../components/index.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { SupportGrowthChart } from './SupportGrowthChart.tsx';

/** Weeks compared for "in the last 4 weeks". */
const RECENT_WEEKS = 4;

/** The dashboard's support growth: the latest count, the change over the last four weeks, and the chart. */
export function SupportGrowthPanel({ coalitionId }: { coalitionId: string }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.position.supportGrowth.queryOptions({ coalitionId }));
  if (q.isPending) return <Skeleton className="h-64" />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const { points } = q.data;
  const last = points.at(-1);
  if (!last) {
    return (
      <p className="py-6 text-center text-sm text-slate-600">
        The snowball of support starts with the first position recorded: on a partner, or when you log an interaction.
      </p>
    );
  }
  const before = points.at(-1 - RECENT_WEEKS) ?? points[0]!;
  const total = last.state + last.nonState;
  const gained = total - (before.state + before.nonState);
  return (
    <>
      <p className="mb-2 text-sm text-slate-700" data-testid="support-now">
        <strong className="font-semibold">{plural(total, 'partner')}</strong> supportive or champion now ({last.state} state, {last.nonState} non-state);{' '}
        {gained === 0 ? 'no change' : `${gained > 0 ? '+' : '−'}${Math.abs(gained)}`} in the last {RECENT_WEEKS} weeks.
      </p>
      <SupportGrowthChart points={points} />
    </>
  );
}
