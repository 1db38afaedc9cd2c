/**
 * Which baseline the timeline's ghost bars and the slips list compare with: the URL's
 * `?baseline=` ('latest' by default, 'none', or a baseline's id; an id that is gone reads as the
 * latest), with the coalition's baselines and the chosen one's dates.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';
import { useMilestoneFilters } from './useMilestoneFilters.ts';

export type BaselineItem = RouterOutputs['baseline']['list'][number];
export type BaselineDate = RouterOutputs['baseline']['dates']['dates'][number];

const dayFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
/** When a baseline was saved: "8 Mar 2026". */
export const savedOn = (ms: number) => dayFmt.format(ms);

export function useBaselineChoice(coalitionId: string) {
  const trpc = useTRPC();
  const { filters, set } = useMilestoneFilters();
  const list = useQuery(trpc.baseline.list.queryOptions({ coalitionId }));
  const wanted = filters.baseline;
  const choice = wanted === 'latest' || wanted === 'none' || !list.data || list.data.some((b) => b.id === wanted) ? wanted : 'latest';
  const chosen: BaselineItem | null = choice === 'none' ? null : choice === 'latest' ? (list.data?.[0] ?? null) : (list.data?.find((b) => b.id === choice) ?? null);
  /** The input of baseline.dates / baseline.slips for the choice (no id: the latest). */
  const input = useMemo(() => ({ coalitionId, ...(choice !== 'latest' && choice !== 'none' ? { baselineId: choice } : {}) }), [coalitionId, choice]);
  return { choice, setChoice: (baseline: string) => set({ baseline }), list, chosen, input };
}

/** The chosen baseline's dates by milestone id (null: no baseline, or "none" chosen), for the ghost bars. */
export function useBaselineGhosts(coalitionId: string) {
  const trpc = useTRPC();
  const { choice, input, chosen } = useBaselineChoice(coalitionId);
  const dates = useQuery({ ...trpc.baseline.dates.queryOptions(input), enabled: choice !== 'none' });
  const byId = useMemo(
    () => (choice !== 'none' && dates.data?.baseline ? new Map(dates.data.dates.map((d) => [d.milestoneId, d] as const)) : null),
    [choice, dates.data],
  );
  return { dates: byId, baseline: choice !== 'none' ? (dates.data?.baseline ?? chosen) : null };
}
