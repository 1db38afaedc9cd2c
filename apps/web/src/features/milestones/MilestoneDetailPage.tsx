import { useMutation, useQuery } from '@tanstack/react-query';
import { ArrowLeft, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'wouter';
import { StatusBadge, TrackDot } from '../../components/Badge.tsx';
import { Button } from '../../components/Button.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { Card, PageHeader } from '../../components/PageHeader.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { Alert, ErrorState, LoadingState } from '../../components/States.tsx';
import { AlsoHere } from '../../components/Presence.tsx';
import { CanEdit, useCoalition, useCoalitionId, useCoalitionToday, useRole } from '../../lib/coalition.tsx';
import { formatDate } from '../../lib/dates.ts';
import { useLiveLocation } from '../../lib/live.tsx';
import { paths } from '../../lib/paths.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useUndoToast } from '../../lib/undo.ts';
import { CommentThread } from '../comments/index.ts';
import { FollowButton } from '../inbox/index.ts';
import { WhipCountCard } from '../thresholds/index.ts';
import { useMilestoneCache, type MilestoneDetail } from './cache.ts';
import { Dependencies } from './Dependencies.tsx';
import { DueText } from './MilestoneRow.tsx';
import { MilestoneEditor, MilestoneFacts } from './MilestoneEditor.tsx';
import { MilestoneHistory } from './MilestoneHistory.tsx';
import { COALITION_WIDE } from './refs.ts';

function BackLink({ coalitionId }: { coalitionId: string }) {
  return (
    <Link href={paths.milestones(coalitionId)} className="inline-flex items-center gap-1 rounded text-xs font-medium text-slate-600 hover:text-indigo-700 focus-visible:outline-2 focus-visible:outline-indigo-600">
      <ArrowLeft aria-hidden className="size-3.5" /> Milestones
    </Link>
  );
}

export default function MilestoneDetailPage() {
  const coalitionId = useCoalitionId();
  const { milestoneId = '' } = useParams<{ milestoneId: string }>();
  const trpc = useTRPC();
  const coalition = useCoalition();
  const q = useQuery(trpc.milestone.get.queryOptions({ coalitionId, milestoneId }));
  // Others see that this tab is on this milestone ("Also here"), until it leaves.
  useLiveLocation(coalitionId, milestoneId || null);
  useDocumentTitle(q.data?.title ?? 'Milestone', coalition.data?.name);

  if (q.isPending) {
    return (
      <>
        <PageHeader eyebrow={<BackLink coalitionId={coalitionId} />} title="Milestone" />
        <LoadingState label="Loading the milestone…" rows={8} />
      </>
    );
  }
  if (q.isError) {
    return (
      <>
        <PageHeader eyebrow={<BackLink coalitionId={coalitionId} />} title="Milestone" />
        <ErrorState error={q.error} title={undefined} onRetry={() => void q.refetch()} />
      </>
    );
  }
  return <Detail m={q.data} coalitionId={coalitionId} />;
}

function Detail({ m, coalitionId }: { m: MilestoneDetail; coalitionId: string }) {
  const trpc = useTRPC();
  const { canEdit } = useRole(coalitionId);
  const cache = useMilestoneCache(coalitionId);
  const [, navigate] = useLocation();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const del = useMutation(trpc.milestone.delete.mutationOptions());
  const undoToast = useUndoToast(coalitionId);
  const today = useCoalitionToday(coalitionId);
  const track = m.track ?? { ...COALITION_WIDE, id: null };
  const lateDeps = m.dependsOn.filter((d) => m.lateDependencies.includes(d.id));

  const onDelete = async () => {
    const res = await del.mutateAsync({ coalitionId, milestoneId: m.id });
    cache.removeListItem(m.id);
    cache.removeDetail(m.id);
    cache.changed('milestone.deleted', m.id);
    undoToast({ message: `Deleted “${m.title}”`, restored: `Restored “${m.title}”`, undoToken: res.undoToken });
    navigate(paths.milestones(coalitionId));
  };

  return (
    <>
      <PageHeader
        eyebrow={<BackLink coalitionId={coalitionId} />}
        title={<span className="break-words">{m.title}</span>}
        description={
          <span className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1.5">
            <span className="inline-flex items-center gap-1.5">
              <TrackDot color={track.color} /> {track.name}
            </span>
            <StatusBadge of="milestoneStatus" value={m.status} />
            <span className="inline-flex items-center gap-1">
              <span className="text-slate-500">Due</span> <DueText dueDate={m.dueDate} status={m.status} today={today} compact />
            </span>
            {m.completedOn && <span>Completed {formatDate(m.completedOn)}</span>}
            {m.responsible && (
              <span>
                <span className="text-slate-500">Responsible</span> {m.responsible.name}
              </span>
            )}
            <ProgressBar value={m.progress} label="Progress" showValue size="sm" className="w-36" color={track.color} />
          </span>
        }
        actions={
          <>
            <FollowButton coalitionId={coalitionId} entityType="milestone" entityId={m.id} />
            <CanEdit>
              <Button variant="secondary" icon={<Trash2 aria-hidden className="size-4" />} onClick={() => setConfirmDelete(true)}>
                Delete
              </Button>
            </CanEdit>
          </>
        }
      />

      <AlsoHere coalitionId={coalitionId} milestoneId={m.id} className="-mt-2 mb-4" />

      {lateDeps.length > 0 && (
        <Alert tone="warning" title={`${lateDeps.length === 1 ? 'A dependency finishes' : `${lateDeps.length} dependencies finish`} after this milestone is due (${formatDate(m.dueDate)})`} className="mb-4">
          <ul className="mt-1 list-disc pl-4">
            {lateDeps.map((d) => (
              <li key={d.id}>
                <Link href={paths.milestone(coalitionId, d.id)} className="font-medium underline">
                  {d.title}
                </Link>{' '}
                {d.status === 'done' ? ' — completed after this milestone’s due date.' : ` — due ${formatDate(d.dueDate)}. Move a due date or speed it up.`}
              </li>
            ))}
          </ul>
        </Alert>
      )}

      {/* A threshold milestone ("40 states ratify"): the whip count comes first, full width. */}
      {m.thresholdAct && (
        <div className="mb-4">
          <WhipCountCard key={m.id} coalitionId={coalitionId} milestoneId={m.id} />
        </div>
      )}

      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="flex min-w-0 flex-col gap-4">
          <Card title="Details" id="milestone-details">
            {canEdit ? <MilestoneEditor key={m.id} m={m} coalitionId={coalitionId} /> : <MilestoneFacts m={m} coalitionId={coalitionId} />}
          </Card>
          <Card title="Dependencies" id="milestone-dependencies">
            <Dependencies m={m} coalitionId={coalitionId} canEdit={canEdit} />
          </Card>
          <Card title="Discussion" id="milestone-discussion">
            <CommentThread coalitionId={coalitionId} targetType="milestone" targetId={m.id} />
          </Card>
        </div>
        <div className="flex min-w-0 flex-col gap-4">
          <Card title="History" id="milestone-history">
            <MilestoneHistory coalitionId={coalitionId} milestoneId={m.id} />
          </Card>
        </div>
      </div>

      <ConfirmDialog
        open={confirmDelete}
        onOpenChange={setConfirmDelete}
        title={`Delete “${m.title}”?`}
        description={`Its comments and its ${m.dependsOn.length + m.dependents.length} dependency link${m.dependsOn.length + m.dependents.length === 1 ? '' : 's'} go with it. You can undo it from the notice that follows.`}
        confirmLabel="Delete milestone"
        onConfirm={onDelete}
      />
    </>
  );
}
