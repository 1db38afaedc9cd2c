import { useMutation } from '@tanstack/react-query';
import { ChevronDown, Flag, MessageSquare, MoreHorizontal, Pencil, Sparkles, Trash2 } from 'lucide-react';
import { useId, useState } from 'react';
import { Link } from 'wouter';
import { Button, IconButton, Menu, MenuContent, MenuItem, MenuSeparator, MenuTrigger, StatusBadge, toast } from '../../components/index.ts';
import { cn } from '../../lib/cn.ts';
import { useCoalitionId } from '../../lib/coalition.tsx';
import { formatInstant, formatInstantFull } from '../../lib/dates.ts';
import { errorMessage, isConflict } from '../../lib/errors.ts';
import { labelOf } from '../../lib/labels.ts';
import { paths } from '../../lib/paths.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useBottleneckChanged } from './cache.ts';
import { CommentThread } from '../comments/index.ts';
import { STATUSES, type BottleneckRow } from './model.ts';

/** Opens a dialog from a menu item after the menu has closed and handed focus back, so the dialog keeps focus. */
const later = (fn: () => void) => void setTimeout(fn, 0);

const SEVERITY_EDGE: Record<BottleneckRow['severity'], string> = {
  critical: 'border-l-red-500',
  high: 'border-l-orange-400',
  medium: 'border-l-amber-300',
  low: 'border-l-slate-300',
};

export function BottleneckCard({ b, canEdit, trackColor, onEdit, onDelete }: {
  b: BottleneckRow;
  canEdit: boolean;
  trackColor: string | undefined;
  onEdit: (b: BottleneckRow) => void;
  onDelete: (b: BottleneckRow) => void;
}) {
  const trpc = useTRPC();
  const coalitionId = useCoalitionId();
  const changed = useBottleneckChanged();
  const [discussOpen, setDiscussOpen] = useState(false);
  const titleId = useId();
  const discussId = useId();
  const move = useMutation(trpc.bottleneck.update.mutationOptions());

  const setStatus = (status: BottleneckRow['status']) =>
    move.mutate(
      { coalitionId, bottleneckId: b.id, version: b.version, status },
      {
        onSuccess: () => {
          changed('updated', b.id, ['status']);
          toast.success(`“${b.title}” is now ${labelOf('bottleneckStatus', status).toLowerCase()}`);
        },
        onError: (err) => {
          toast.error(isConflict(err) ? 'Someone else changed this bottleneck just now. The list has been refreshed: check it and try again.' : errorMessage(err));
          changed('updated', b.id);
        },
      },
    );

  return (
    <article aria-labelledby={titleId} className={cn('flex min-w-0 flex-col gap-3 rounded-xl border border-l-4 border-slate-200 bg-white p-4 shadow-xs', SEVERITY_EDGE[b.severity])}>
      <div className="flex items-start justify-between gap-2">
        <div className="flex flex-wrap items-center gap-1.5">
          <StatusBadge of="severity" value={b.severity} className="uppercase tracking-wide" />
          <span className="sr-only">severity,</span>
          <StatusBadge of="bottleneckStatus" value={b.status} />
        </div>
        {canEdit && (
          <Menu>
            <MenuTrigger>
              <IconButton size="sm" tooltip={false} label={`Actions for ${b.title}`} icon={<MoreHorizontal aria-hidden className="size-4" />} />
            </MenuTrigger>
            <MenuContent>
              <MenuItem onSelect={() => later(() => onEdit(b))}>
                <Pencil aria-hidden />
                Edit
              </MenuItem>
              {STATUSES.filter((s) => s !== b.status).map((s) => (
                <MenuItem key={s} onSelect={() => setStatus(s)} disabled={move.isPending}>
                  <Flag aria-hidden />
                  Mark as {labelOf('bottleneckStatus', s).toLowerCase()}
                </MenuItem>
              ))}
              <MenuSeparator />
              <MenuItem tone="danger" onSelect={() => later(() => onDelete(b))}>
                <Trash2 aria-hidden />
                Delete
              </MenuItem>
            </MenuContent>
          </Menu>
        )}
      </div>
      <div>
        <h3 id={titleId} className="text-[15px] font-semibold leading-snug text-slate-900">
          {b.title}
        </h3>
        {b.description && <p className="mt-1 whitespace-pre-wrap text-sm text-slate-600">{b.description}</p>}
        {(b.trackId || b.milestoneId) && (
          <p className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600">
            {b.trackId && (
              <span className="inline-flex items-center gap-1">
                <span className="text-slate-500">Track:</span>
                <Link href={paths.tracks(coalitionId)} className="inline-flex items-center gap-1 font-medium text-indigo-700 underline-offset-2 hover:underline">
                  <span aria-hidden className="inline-block size-2 rounded-full" style={{ backgroundColor: trackColor ?? '#94a3b8' }} />
                  {b.trackName ?? 'Track'}
                </Link>
              </span>
            )}
            {b.milestoneId && (
              <span className="inline-flex min-w-0 items-center gap-1">
                <span className="text-slate-500">Milestone:</span>
                <Link href={paths.milestone(coalitionId, b.milestoneId)} className="font-medium text-indigo-700 underline-offset-2 hover:underline">
                  {b.milestoneTitle ?? 'Milestone'}
                </Link>
              </span>
            )}
          </p>
        )}
      </div>

      <div className={cn('rounded-lg border px-3.5 py-3', b.narrative ? 'border-violet-200 bg-violet-50/70' : 'border-dashed border-slate-300 bg-slate-50')}>
        <p className="flex items-center gap-1.5 text-xs font-semibold uppercase tracking-wide text-violet-800">
          <Sparkles aria-hidden className="size-3.5" />
          Reframing narrative
        </p>
        {b.narrative ? (
          <p className="mt-1.5 whitespace-pre-wrap text-[15px] leading-relaxed text-slate-900">{b.narrative}</p>
        ) : (
          <div className="mt-1 flex flex-wrap items-center justify-between gap-2">
            <p className="text-sm text-slate-600">No narrative yet. How could this issue be reframed so it stops blocking progress?</p>
            {canEdit && (
              <Button size="sm" variant="secondary" onClick={() => onEdit(b)}>
                Write a narrative
              </Button>
            )}
          </div>
        )}
      </div>

      <div className="flex flex-wrap items-center justify-between gap-2 border-t border-slate-100 pt-2">
        <Button
          size="sm"
          variant="ghost"
          aria-expanded={discussOpen}
          aria-controls={discussId}
          icon={<MessageSquare aria-hidden className="size-4" />}
          onClick={() => setDiscussOpen((o) => !o)}
        >
          Discussion
          <ChevronDown aria-hidden className={cn('size-3.5 transition-transform', discussOpen && 'rotate-180')} />
        </Button>
        <time dateTime={new Date(b.updatedAt).toISOString()} title={formatInstantFull(b.updatedAt)} className="text-xs text-slate-500">
          Updated {formatInstant(b.updatedAt)}
        </time>
      </div>
      {discussOpen && (
        <div id={discussId}>
          <CommentThread coalitionId={coalitionId} targetType="bottleneck" targetId={b.id} />
        </div>
      )}
    </article>
  );
}
