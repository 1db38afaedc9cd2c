/**
 * On a milestone's page, the palette offers "Set status: …" for each other status (editors and
 * owners). It saves with milestone.update and the version the page shows; when someone saved
 * first (CONFLICT) the usual ConflictDialog lets the user keep theirs or apply this change again.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { MILESTONE_STATUSES, type MilestoneStatus } from '@coalition/domain';
import { CircleDot } from 'lucide-react';
import { useState } from 'react';
import { useRoute } from 'wouter';
import { ConflictDialog } from '../components/ConflictDialog.tsx';
import { toast } from '../components/Toaster.tsx';
import { ownChange, useApplyChange } from '../lib/changes.ts';
import { useRole } from '../lib/coalition.tsx';
import { errorData, errorMessage, isConflict } from '../lib/errors.ts';
import { labelOf, MILESTONE_STATUS } from '../lib/labels.ts';
import { useTRPC } from '../lib/trpc.ts';
import type { PaletteCommand } from './CommandPaletteItems.tsx';

type Conflict = { milestoneId: string; title: string; current: Record<string, unknown>; mine: { status: MilestoneStatus } };

export function useMilestoneStatusCommands(coalitionId: string | undefined) {
  const trpc = useTRPC();
  const [onMilestone, params] = useRoute<{ coalitionId: string; milestoneId: string }>('/c/:coalitionId/milestones/:milestoneId');
  const milestoneId = onMilestone && params.coalitionId === coalitionId ? params.milestoneId : '';
  const { canEdit } = useRole(coalitionId);
  // The page's own query: already in the cache, with the version the page shows.
  const milestone = useQuery({ ...trpc.milestone.get.queryOptions({ coalitionId: coalitionId ?? '', milestoneId }), enabled: !!milestoneId && canEdit });
  const applyChange = useApplyChange(coalitionId);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const update = useMutation(trpc.milestone.update.mutationOptions());

  const save = (id: string, title: string, version: number, status: MilestoneStatus) => {
    if (!coalitionId) return;
    update.mutate(
      { coalitionId, milestoneId: id, version, status },
      {
        onSuccess: (row) => toast.success(`“${row.title}” is now ${labelOf('milestoneStatus', row.status).toLowerCase()}`),
        onError: (err) => {
          const info = errorData(err)?.conflict;
          if (isConflict(err) && info) setConflict({ milestoneId: id, title, current: info.current, mine: { status } });
          else toast.error(`Status not changed: ${errorMessage(err)}`);
        },
        onSettled: () => applyChange(ownChange('milestone.updated', id, ['status'])),
      },
    );
  };

  const m = milestone.data;
  const commands: PaletteCommand[] =
    m && canEdit
      ? MILESTONE_STATUSES.filter((s) => s !== m.status).map((status) => ({
          id: `status:${status}`,
          label: `Set status: ${MILESTONE_STATUS[status].label}`,
          detail: `Now ${MILESTONE_STATUS[m.status].label} · “${m.title}”`,
          keywords: 'status mark change milestone',
          icon: <CircleDot className="size-4" />,
          run: () => save(m.id, m.title, m.version, status),
        }))
      : [];

  const conflictDialog = (
    <ConflictDialog
      open={!!conflict}
      onOpenChange={(open) => !open && setConflict(null)}
      entity="milestone"
      current={conflict?.current ?? null}
      mine={conflict?.mine ?? null}
      busy={update.isPending}
      fields={[{ key: 'status', label: 'Status', format: (v) => labelOf('milestoneStatus', String(v)) }]}
      onApplyMine={(current) => {
        if (!conflict) return;
        setConflict(null);
        save(conflict.milestoneId, conflict.title, Number(current.version), conflict.mine.status);
      }}
      onDiscardMine={() => {
        if (!conflict) return;
        // Their record is the one to show: the page's query refreshes.
        applyChange(ownChange('milestone.updated', conflict.milestoneId, ['status']));
        setConflict(null);
      }}
    />
  );
  return { commands, conflictDialog };
}
