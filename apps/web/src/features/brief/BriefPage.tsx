/**
 * The meeting brief: the coalition's state on a few A4 pages (or on screen) — goal and countdown,
 * progress by track, the critical path, what is overdue and due next, open bottlenecks with their
 * reframing, recent changes, and the influence–interest map with names. Every number is the
 * dashboard's (the same query and the same panels), the map is the partners screen's.
 */
import { isOpenBottleneck } from '@coalition/domain';
import { useQuery } from '@tanstack/react-query';
import { Printer } from 'lucide-react';
import { useLocation } from 'wouter';
import { Button } from '../../components/Button.tsx';
import { Card, PageHeader } from '../../components/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { useCoalitionId } from '../../lib/coalition.tsx';
import { formatDate } from '../../lib/dates.ts';
import { paths } from '../../lib/paths.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useMediaQuery } from '../../lib/useMediaQuery.ts';
import { CriticalPath, DashboardTiles, RecentActivity, TrackProgressList } from '../dashboard/index.ts';
import { InfluenceMap } from '../partners/index.ts';
import { useCurrentPositions } from '../positions/index.ts';
import { BriefBottlenecks } from './BriefBottlenecks.tsx';
import { BriefMilestoneTable } from './BriefSchedule.tsx';
import './brief.css';

/** The map's widest layout: about an A4 page's text width (at the print zoom of brief.css), so paper keeps its sizes. */
const PRINT_MAP_WIDTH = 760;

export default function BriefPage() {
  const coalitionId = useCoalitionId();
  const trpc = useTRPC();
  const [, navigate] = useLocation();
  const narrow = useMediaQuery('(max-width: 639px)');
  const dashboard = useQuery(trpc.coalition.dashboard.queryOptions({ coalitionId }));
  const partners = useQuery(trpc.partner.list.queryOptions({ coalitionId }));
  const positions = useCurrentPositions(coalitionId);
  const bottlenecks = useQuery(trpc.bottleneck.list.queryOptions({ coalitionId }));
  useDocumentTitle('Meeting brief', dashboard.data?.coalition.name);

  const failed = [dashboard, partners, bottlenecks].find((q) => q.isError);
  if (failed?.error) {
    return (
      <>
        <PageHeader title="Meeting brief" />
        <ErrorState error={failed.error} onRetry={() => void Promise.all([dashboard.refetch(), partners.refetch(), bottlenecks.refetch()])} />
      </>
    );
  }
  if (!dashboard.data || !partners.data || !bottlenecks.data) {
    return (
      <>
        <PageHeader title="Meeting brief" />
        <LoadingState rows={8} label="Loading the brief…" />
      </>
    );
  }

  const d = dashboard.data;
  const s = d.schedule;
  const trackById = new Map(d.progress.tracks.map((t) => [t.id, t]));
  const open = bottlenecks.data.filter((b) => isOpenBottleneck(b.status));

  return (
    <article className="brief" aria-label="Meeting brief">
      <PageHeader
        eyebrow={`Meeting brief · ${formatDate(d.today)}`}
        title={d.coalition.name}
        description={
          <>
            <span className="font-medium text-slate-800">Goal:</span> {d.coalition.goal}
          </>
        }
        actions={
          <Button variant="primary" className="print:hidden" icon={<Printer aria-hidden className="size-4" />} onClick={() => window.print()}>
            Print / Save as PDF
          </Button>
        }
      />

      <div className="brief-keep">
        <DashboardTiles d={d} coalitionId={coalitionId} />
      </div>

      <div className="mt-5 grid gap-5 lg:grid-cols-2">
        <Card title="Progress by track" description="Milestones done and average progress per parallel track" className="brief-keep">
          <TrackProgressList tracks={d.progress.tracks} coalitionWide={d.progress.coalitionWide} />
        </Card>
        <Card title="Critical path" description="The dependency chain that decides when the plan can finish" className="brief-keep">
          <CriticalPath d={d} trackById={trackById} coalitionId={coalitionId} />
        </Card>
      </div>

      <Card className="mt-5" title={`Overdue (${s.overdueCount})`} description="Open milestones past their due date, the oldest first">
        <BriefMilestoneTable items={s.overdue} total={s.overdueCount} trackById={trackById} coalitionId={coalitionId} caption="Overdue milestones" empty="Nothing is overdue." danger />
      </Card>

      <Card className="mt-5" title={`Due next (${s.dueSoonCount})`} description="Open milestones due in the next 14 days">
        <BriefMilestoneTable items={s.dueSoon} total={s.dueSoonCount} trackById={trackById} coalitionId={coalitionId} caption="Milestones due in the next 14 days" empty="Nothing due in the next two weeks." danger={false} />
      </Card>

      <Card className="mt-5" title={`Open bottlenecks (${open.length})`} description="What blocks progress, and how each is being reframed so it stops blocking">
        <BriefBottlenecks items={open} />
      </Card>

      <Card title="Recent changes" description="The latest changes by everyone in this coalition" className="mt-5">
        <RecentActivity items={d.recentActivity} coalitionId={coalitionId} />
      </Card>

      <div className="mt-5">
        <InfluenceMap partners={partners.data} positions={positions} onOpen={(id) => navigate(paths.partner(coalitionId, id))} compact={narrow} maxWidth={PRINT_MAP_WIDTH} />
      </div>
    </article>
  );
}
