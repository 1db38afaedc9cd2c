/** One row of the milestone list (a table row, or a card when narrow), its inline status and progress controls, and the due text. */
import { dueState, type MilestoneStatus } from '@coalition/domain';
import { AlarmClock, AlertTriangle, Link2Off } from 'lucide-react';
import { memo, type KeyboardEvent } from 'react';
import { Link } from 'wouter';
import { StatusBadge, TrackDot } from '../../components/Badge.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { cn } from '../../lib/cn.ts';
import { formatDate } from '../../lib/dates.ts';
import { MILESTONE_STATUS, TONE_CLASSES, optionsOf } from '../../lib/labels.ts';
import { paths } from '../../lib/paths.ts';
import type { ListItem } from './cache.ts';
import { InlineSelect } from './InlineSelect.tsx';
import type { QuickPatch } from './useQuickUpdate.tsx';

const STATUS_OPTIONS = optionsOf(MILESTONE_STATUS);
const PROGRESS_STEPS = Array.from({ length: 11 }, (_, i) => i * 10);
const statusDot = (s: MilestoneStatus) => TONE_CLASSES[MILESTONE_STATUS[s].tone].dot;

/**
 * The due date with its state (overdue, due soon: the domain's `dueState`, the dashboard's rule)
 * and, when the list knows them, how many dependencies are late (`lateDependencies`, from the server).
 */
export function DueText({ dueDate, status, today, compact, lateDependencies = 0 }: { dueDate: string; status: MilestoneStatus; today: string; compact?: boolean; lateDependencies?: number }) {
  const due = dueState({ dueDate, status }, today);
  return (
    <span className={cn('flex min-w-0', compact ? 'flex-row flex-wrap items-center gap-x-2' : 'flex-col')}>
      <span className="whitespace-nowrap text-sm tabular-nums text-slate-800">{formatDate(dueDate)}</span>
      {due.kind === 'overdue' && (
        <span className="inline-flex items-center gap-1 whitespace-nowrap text-xs font-medium text-red-700">
          <AlertTriangle aria-hidden className="size-3.5" />
          {due.text}
        </span>
      )}
      {due.kind === 'soon' && (
        <span className="inline-flex items-center gap-1 whitespace-nowrap text-xs font-medium text-amber-800">
          <AlarmClock aria-hidden className="size-3.5" />
          {due.text}
        </span>
      )}
      {lateDependencies > 0 && (
        <span className="inline-flex items-center gap-1 whitespace-nowrap text-xs font-medium text-red-700">
          <Link2Off aria-hidden className="size-3.5" />
          {lateDependencies === 1 ? 'late dependency' : `${lateDependencies} late dependencies`}
        </span>
      )}
    </span>
  );
}

function StatusControl({ item, canEdit, onChange }: { item: ListItem; canEdit: boolean; onChange: (p: QuickPatch) => void }) {
  if (!canEdit) return <StatusBadge of="milestoneStatus" value={item.status} />;
  return (
    <InlineSelect
      label={`Status of ${item.title}`}
      value={item.status}
      onChange={(v) => v !== item.status && onChange({ status: v })}
      options={STATUS_OPTIONS}
      dot={statusDot}
    />
  );
}

function ProgressControl({ item, canEdit, onChange, color }: { item: ListItem; canEdit: boolean; onChange: (p: QuickPatch) => void; color: string }) {
  // A threshold milestone's progress is its count ("27/40"), which acts move, not this control.
  if (item.threshold !== null && item.thresholdCount !== null) {
    const text = `${item.thresholdCount}/${item.threshold}`;
    return (
      <div className="flex min-w-0 items-center gap-1.5">
        <ProgressBar value={item.progress} label={`Progress of ${item.title}`} valueText={text} size="sm" color={color} className="min-w-8 flex-1" />
        <span className="w-[5.25rem] shrink-0 pl-2 text-xs font-medium tabular-nums text-slate-700" title={`${text} acts that count`}>
          {text}
        </span>
      </div>
    );
  }
  const bar = <ProgressBar value={item.progress} label={`Progress of ${item.title}`} size="sm" color={color} className="min-w-8 flex-1" showValue={!canEdit} />;
  if (!canEdit) return bar;
  const steps = PROGRESS_STEPS.includes(item.progress) ? PROGRESS_STEPS : [...PROGRESS_STEPS, item.progress].sort((a, b) => a - b);
  return (
    <div className="flex min-w-0 items-center gap-1.5">
      {bar}
      <InlineSelect
        className="w-[5.25rem] shrink-0 tabular-nums"
        label={`Progress of ${item.title} (percent)`}
        value={String(item.progress)}
        disabled={item.status === 'done'}
        onChange={(v) => Number(v) !== item.progress && onChange({ progress: Number(v) })}
        options={steps.map((n) => ({ value: String(n), label: `${n}%` }))}
      />
    </div>
  );
}

export interface RowProps {
  m: ListItem;
  index: number;
  start: number;
  size: number;
  layout: 'table' | 'cards';
  gridCols: string;
  showOwner: boolean;
  trackName: string;
  trackColor: string;
  owner: string | null;
  canEdit: boolean;
  today: string;
  coalitionId: string;
  onQuick: (item: ListItem, patch: QuickPatch) => void;
  /** Editors select rows for a bulk edit. */
  selected: boolean;
  onSelect: (id: string, shift: boolean) => void;
  /** Arrow keys on a row's box move to the next row's (Shift extends the selection). */
  onSelectKey: (index: number, e: KeyboardEvent<HTMLInputElement>) => void;
}

/** The row's selection box; `data-select-index` lets the list move focus between rows. */
function SelectBox({ m, index, selected, onSelect, onSelectKey }: Pick<RowProps, 'm' | 'index' | 'selected' | 'onSelect' | 'onSelectKey'>) {
  return (
    <input
      type="checkbox"
      aria-label={`Select ${m.title}`}
      data-select-index={index}
      checked={selected}
      // A click (or Space) toggles; with Shift it selects the range from the last row clicked.
      onChange={(e) => onSelect(m.id, (e.nativeEvent as MouseEvent).shiftKey === true)}
      onKeyDown={(e) => onSelectKey(index, e)}
      className="size-4 cursor-pointer rounded border-slate-300 accent-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
    />
  );
}

/** One milestone (a table row, or a card when narrow). Memoized: scrolling only mounts the rows that come into view. */
export const MilestoneRow = memo(function MilestoneRow({ m, index, start, size, layout, gridCols, showOwner, trackName, trackColor, owner, canEdit, today, coalitionId, onQuick, selected, onSelect, onSelectKey }: RowProps) {
  const box = canEdit && <SelectBox m={m} index={index} selected={selected} onSelect={onSelect} onSelectKey={onSelectKey} />;
  const style = { height: size, transform: `translateY(${start}px)` };
  const change = (p: QuickPatch) => onQuick(m, p);
  if (layout === 'cards') {
    return (
      <div role="listitem" className="absolute inset-x-0 top-0 px-2 py-1 [contain:layout_style]" style={style}>
        <div className={cn('flex h-full flex-col justify-center gap-1.5 rounded-lg border px-3 py-2', selected ? 'border-indigo-300 bg-indigo-50/70' : 'border-slate-200')}>
          <div className="flex min-w-0 items-center gap-2">
            {box}
            <Link href={paths.milestone(coalitionId, m.id)} className="truncate text-sm font-semibold text-slate-900 hover:text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600">
              {m.title}
            </Link>
          </div>
          <div className="flex min-w-0 items-center gap-1.5 text-xs text-slate-600">
            <TrackDot color={trackColor} />
            <span className="truncate">{trackName}</span>
            {owner && <span className="truncate">· {owner}</span>}
          </div>
          <div className="grid grid-cols-[8.5rem_minmax(0,1fr)] items-center gap-2">
            <StatusControl item={m} canEdit={canEdit} onChange={change} />
            <ProgressControl item={m} canEdit={canEdit} onChange={change} color={trackColor} />
          </div>
          <div className="text-xs">
            <span className="sr-only">Due </span>
            <DueText dueDate={m.dueDate} status={m.status} today={today} lateDependencies={m.lateDependencies.length} compact />
          </div>
        </div>
      </div>
    );
  }
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className={cn('absolute inset-x-0 top-0 grid items-center gap-3 border-b border-slate-100 px-3 [contain:layout_style]', selected ? 'bg-indigo-50/70' : 'hover:bg-slate-50/70', gridCols)}
      style={style}
    >
      {box && (
        <div role="cell" className="flex items-center">
          {box}
        </div>
      )}
      <div role="cell" className="min-w-0">
        <Link href={paths.milestone(coalitionId, m.id)} className="line-clamp-2 text-sm font-medium text-slate-900 hover:text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600" title={m.title}>
          {m.title}
        </Link>
      </div>
      <div role="cell" className="min-w-0 text-sm text-slate-700">
        <span className="flex min-w-0 items-center gap-1.5">
          <TrackDot color={trackColor} />
          <span className="truncate" title={trackName}>
            {trackName}
          </span>
        </span>
        {/* No owner column at this width: the owner goes under the track. */}
        {!showOwner && owner && (
          <span className="block truncate text-xs text-slate-500" title={`Owner: ${owner}`}>
            <span className="sr-only">Owner: </span>
            {owner}
          </span>
        )}
      </div>
      <div role="cell" className="min-w-0">
        <StatusControl item={m} canEdit={canEdit} onChange={change} />
      </div>
      <div role="cell" className="min-w-0">
        <ProgressControl item={m} canEdit={canEdit} onChange={change} color={trackColor} />
      </div>
      <div role="cell" className="min-w-0">
        <DueText dueDate={m.dueDate} status={m.status} today={today} lateDependencies={m.lateDependencies.length} />
      </div>
      {showOwner && (
        <div role="cell" className="min-w-0 truncate text-sm text-slate-700" title={owner ?? undefined}>
          {owner ?? <span className="text-slate-400">—</span>}
        </div>
      )}
    </div>
  );
});

