import { useMutation, useQuery } from '@tanstack/react-query';
import { Plus, Table2 } from 'lucide-react';
import { useState } from 'react';
import { Button, Card, ConfirmDialog, EmptyState, ErrorState, LoadingState, PageHeader } from '../../components/index.ts';
import { CanEdit, useCoalition, useCoalitionId, useRole } from '../../lib/coalition.tsx';
import { plural } from '@coalition/domain';
import { useTRPC } from '../../lib/trpc.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useUndoToast } from '../../lib/undo.ts';
import { AssignmentMatrix } from './AssignmentMatrix.tsx';
import { useTrackCache } from './cache.ts';
import { nextTrackColor, toTrackForm, type TrackRow } from './model.ts';
import { TrackFormDialog, type EditableTrack } from './TrackFormDialog.tsx';
import { TrackList } from './TrackList.tsx';

type Editing = { mode: 'create' } | { mode: 'edit'; track: EditableTrack };

export default function TracksPage() {
  const coalitionId = useCoalitionId();
  const { data: coalition } = useCoalition();
  useDocumentTitle('Tracks', coalition?.name);
  const trpc = useTRPC();
  const { canEdit } = useRole();
  const cache = useTrackCache();
  const tracks = useQuery(trpc.track.list.queryOptions({ coalitionId }));
  const matrix = useQuery(trpc.assignment.matrix.queryOptions({ coalitionId }));
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState<TrackRow | null>(null);
  const remove = useMutation(trpc.track.delete.mutationOptions());
  const undoToast = useUndoToast(coalitionId);

  const addButton = (
    <CanEdit>
      <Button variant="primary" icon={<Plus aria-hidden className="size-4" />} onClick={() => setEditing({ mode: 'create' })}>
        Add track
      </Button>
    </CanEdit>
  );
  const nextColor = nextTrackColor(tracks.data);

  let list: React.ReactNode;
  if (tracks.isPending) list = <LoadingState rows={5} label="Loading tracks…" />;
  else if (tracks.isError) list = <ErrorState error={tracks.error} onRetry={() => void tracks.refetch()} />;
  else if (tracks.data.length === 0)
    list = (
      <EmptyState
        icon={<Table2 aria-hidden />}
        title="No tracks yet"
        description="Reform through parallel tracks: split the goal into strands that different partners advance at the same time, each with its own milestones and a lead partner."
        action={addButton}
      />
    );
  else list = <TrackList tracks={tracks.data} canEdit={canEdit} onEdit={(t) => setEditing({ mode: 'edit', track: { ...toTrackForm(t), id: t.id, version: t.version } })} onDelete={setDeleting} />;

  let grid: React.ReactNode;
  if (matrix.isPending) grid = <LoadingState rows={6} label="Loading the assignment matrix…" />;
  else if (matrix.isError) grid = <ErrorState error={matrix.error} onRetry={() => void matrix.refetch()} />;
  else if (matrix.data.tracks.length === 0 && matrix.data.partners.length === 0)
    grid = <EmptyState title="Nothing to assign yet" description="Once there are tracks and partners, give each partner a role on the tracks it works on: lead, co-lead, contributor, supporter or observer." />;
  else grid = <AssignmentMatrix matrix={matrix.data} canEdit={canEdit} />;

  return (
    <>
      <PageHeader title="Tracks & matrix" description="The parallel tracks toward the goal, and which partner plays which role on each." actions={addButton} />
      <div className="flex flex-col gap-5">
        <Card id="tracks" title="Tracks" description={tracks.data?.length ? `${plural(tracks.data.length, 'track')}, in order of priority` : undefined}>
          {list}
        </Card>
        <Card
          id="matrix"
          title="Partner × track assignments"
          description={matrix.data ? `${plural(matrix.data.partners.length, 'partner')} × ${plural(matrix.data.tracks.length, 'track')} · ${plural(matrix.data.assignments.length, 'role')} assigned` : undefined}
        >
          {grid}
        </Card>
      </div>

      {editing && <TrackFormDialog track={editing.mode === 'edit' ? editing.track : null} defaultColor={nextColor} onClose={() => setEditing(null)} />}
      <ConfirmDialog
        open={!!deleting}
        onOpenChange={(o) => !o && setDeleting(null)}
        title={deleting ? `Delete the track ${deleting.name}?` : 'Delete track?'}
        confirmLabel="Delete track"
        onConfirm={async () => {
          if (!deleting) return;
          const res = await remove.mutateAsync({ coalitionId, trackId: deleting.id });
          cache.deleted(deleting.id);
          undoToast({
            message: res.milestonesDetached ? `Deleted “${deleting.name}”; ${plural(res.milestonesDetached, 'milestone')} moved to coalition-wide` : `Deleted “${deleting.name}”`,
            restored: `Restored “${deleting.name}”`,
            undoToken: res.undoToken,
          });
        }}
      >
        {deleting && (
          <ul className="list-disc space-y-1 pl-5">
            <li>{deleting.milestoneCount + deleting.droppedCount ? `Its ${plural(deleting.milestoneCount + deleting.droppedCount, 'milestone')} stay, as coalition-wide milestones.` : 'It has no milestones.'}</li>
            <li>{deleting.partnerCount ? `${plural(deleting.partnerCount, 'partner role')} on it will be removed.` : 'No partners are assigned to it.'}</li>
            <li>Its bottlenecks stay, without a track; the discussion on the track is deleted.</li>
            <li>You can undo it all from the notice that follows.</li>
          </ul>
        )}
      </ConfirmDialog>
    </>
  );
}
