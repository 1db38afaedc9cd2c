/**
 * The slips list (the milestones screen's "Slips" tab): each milestone due later than in the
 * chosen baseline (the latest by default), baseline due → current due, by how many days, biggest
 * first, with the reasons given as it moved (who, when, why); then those now due earlier.
 */
import { useQuery } from '@tanstack/react-query';
import { plural } from '@coalition/domain';
import { CalendarClock, CheckCircle2 } from 'lucide-react';
import { Link } from 'wouter';
import { ActivityTime } from '../../components/ActivityText.tsx';
import { Badge, TrackDot } from '../../components/Badge.tsx';
import { Card } from '../../components/PageHeader.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { formatDate } from '../../lib/dates.ts';
import { paths } from '../../lib/paths.ts';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';
import { savedOn, useBaselineChoice } from './baselineChoice.ts';
import { BaselineControls } from './BaselineControls.tsx';
import { useMilestoneRefs } from './refs.ts';

type Slips = RouterOutputs['baseline']['slips'];
type Slipped = Slips['slipped'][number];
type Earlier = Slips['earlier'][number];

export default function SlipsList({ coalitionId }: { coalitionId: string }) {
  const trpc = useTRPC();
  const { choice, input, list } = useBaselineChoice(coalitionId);
  const slips = useQuery({ ...trpc.baseline.slips.queryOptions(input), enabled: choice !== 'none' });
  const refs = useMilestoneRefs(coalitionId);

  const body = () => {
    if (list.isPending || (choice !== 'none' && slips.isPending)) return <LoadingState label="Loading the slips…" rows={4} />;
    if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
    if (slips.isError) return <ErrorState error={slips.error} onRetry={() => void slips.refetch()} />;
    if (!list.data.length) {
      return (
        <EmptyState
          icon={<CalendarClock aria-hidden />}
          title="No baseline saved yet"
          description="Save a baseline to keep today’s dates as the plan of record. Later moves are measured against it, and a due date moved past it asks for a reason."
        />
      );
    }
    if (choice === 'none' || !slips.data?.baseline) {
      return <EmptyState icon={<CalendarClock aria-hidden />} title="No baseline chosen" description="Choose a baseline above to see what moved against it." />;
    }
    const { baseline, slipped, earlier, onTime, notInBaseline } = slips.data;
    const summary = [`${plural(slipped.length, 'milestone')} later`, `${earlier.length} earlier`, `${onTime} on time`, ...(notInBaseline ? [`${notInBaseline} added since`] : [])].join(', ');
    const track = (id: string | null) => refs.track(id);
    return (
      <div className="flex flex-col gap-4">
        <p className="text-sm text-slate-600">
          Compared with <span className="font-medium text-slate-900">“{baseline.name}”</span>, saved {savedOn(baseline.createdAt)}: {summary}.
        </p>
        {slipped.length === 0 ? (
          <EmptyState icon={<CheckCircle2 aria-hidden />} title={`Nothing has slipped past “${baseline.name}”`} description="Every milestone is due on or before its baseline date." />
        ) : (
          <ol aria-label="Slipped milestones, biggest slip first" className="flex flex-col divide-y divide-slate-100">
            {slipped.map((s) => (
              <SlipRow key={s.milestoneId} s={s} href={paths.milestone(coalitionId, s.milestoneId)} color={track(s.trackId).color} />
            ))}
          </ol>
        )}
        {earlier.length > 0 && (
          <section aria-labelledby="slips-earlier" className="flex flex-col gap-1">
            <h3 id="slips-earlier" className="text-xs font-semibold uppercase tracking-wide text-slate-500">
              Moved earlier
            </h3>
            <ul className="flex flex-col divide-y divide-slate-100">
              {earlier.map((e) => (
                <EarlierRow key={e.milestoneId} e={e} href={paths.milestone(coalitionId, e.milestoneId)} color={track(e.trackId).color} />
              ))}
            </ul>
          </section>
        )}
      </div>
    );
  };

  return (
    <Card title="Slips" description="What moved past a baseline, by how much, and why.">
      <div className="flex flex-col gap-4">
        <BaselineControls coalitionId={coalitionId} />
        {body()}
      </div>
    </Card>
  );
}

/** "baseline 1 May 2026 → now 24 May 2026" (`words`), or "1 May 2026 → 24 May 2026". */
function Dates({ from, to, words }: { from: string; to: string; words?: boolean }) {
  return (
    <span className="whitespace-nowrap tabular-nums">
      {words ? 'baseline ' : <span className="sr-only">from </span>}
      {formatDate(from)} <span aria-hidden>→</span>
      {words ? ' now' : <span className="sr-only"> to</span>} {formatDate(to)}
    </span>
  );
}

function SlipRow({ s, href, color }: { s: Slipped; href: string; color: string }) {
  return (
    <li className="flex flex-col gap-2 py-3" data-slip={s.milestoneId}>
      <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
        <Link href={href} className="inline-flex min-w-0 items-center gap-1.5 font-medium text-slate-900 hover:text-indigo-700 hover:underline">
          <TrackDot color={color} />
          <span className="truncate">{s.title}</span>
        </Link>
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-slate-600">
          <Dates from={s.baselineDue} to={s.currentDue} words />
          <Badge tone="red">+{plural(s.days, 'day')}</Badge>
        </div>
      </div>
      {s.reasons.length === 0 ? (
        <p className="text-xs italic text-slate-500">No reason recorded (it moved while another baseline was the latest).</p>
      ) : (
        <ul aria-label={`Why “${s.title}” moved`} className="flex flex-col gap-2 border-l-2 border-red-200 pl-3">
          {s.reasons.map((r) => (
            <li key={r.id} className="flex flex-col gap-0.5">
              <p className="whitespace-pre-wrap break-words text-sm text-slate-800">{r.reason}</p>
              <p className="flex flex-wrap items-center gap-x-1.5 text-xs text-slate-500">
                <span className="font-medium text-slate-700">{r.author?.name ?? 'A former member'}</span>
                <span aria-hidden>·</span>
                <span>
                  moved <Dates from={r.fromDue} to={r.toDue} />
                </span>
                <span aria-hidden>·</span>
                <ActivityTime at={r.createdAt} />
              </p>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function EarlierRow({ e, href, color }: { e: Earlier; href: string; color: string }) {
  return (
    <li className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 py-2">
      <Link href={href} className="inline-flex min-w-0 items-center gap-1.5 text-sm text-slate-800 hover:text-indigo-700 hover:underline">
        <TrackDot color={color} />
        <span className="truncate">{e.title}</span>
      </Link>
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-slate-600">
        <Dates from={e.baselineDue} to={e.currentDue} words />
        <Badge tone="green">−{plural(-e.days, 'day')}</Badge>
      </div>
    </li>
  );
}
