/**
 * The fold under the "What's next" list: done and dropped milestones are left out of it until
 * the user opens the fold. One cheap look (limit 1) tells whether there is anything folded.
 */
import { useQuery } from '@tanstack/react-query';
import { Archive, CheckCircle2 } from 'lucide-react';
import type { ReactNode } from 'react';
import { Button } from '../../components/Button.tsx';
import { EmptyState } from '../../components/States.tsx';
import { useTRPC } from '../../lib/trpc.ts';
import type { listInput } from './MilestoneList.tsx';
import { CLOSED_STATUSES } from './useMilestoneFilters.ts';

type ListInput = ReturnType<typeof listInput>;

export function ClosedFold({ input, onShow, shown = false, fallback }: { input: ListInput; onShow: (show: boolean) => void; shown?: boolean; fallback?: ReactNode }) {
  const trpc = useTRPC();
  const closed = useQuery({ ...trpc.milestone.list.queryOptions({ ...input, status: [...CLOSED_STATUSES], cursor: undefined, limit: 1 }), enabled: !shown });
  if (fallback !== undefined) {
    if (!closed.data) return closed.isPending ? null : fallback;
    if (closed.data.items.length === 0) return fallback;
    return (
      <EmptyState
        className="m-3"
        icon={<CheckCircle2 aria-hidden />}
        title="Nothing left to do here"
        description="Every milestone that matches is done or dropped."
        action={<Button onClick={() => onShow(true)}>Show done and dropped</Button>}
      />
    );
  }
  if (!shown && !closed.data?.items.length) return null;
  return (
    <div className="flex flex-wrap items-center justify-between gap-2 border-t border-slate-100 px-3 py-2 text-xs text-slate-600">
      <span className="inline-flex items-center gap-1.5">
        <Archive aria-hidden className="size-3.5" />
        {shown ? 'Done and dropped milestones are listed last.' : 'Done and dropped milestones are folded away.'}
      </span>
      <Button size="sm" variant="ghost" onClick={() => onShow(!shown)}>
        {shown ? 'Fold them away' : 'Show done and dropped'}
      </Button>
    </div>
  );
}
