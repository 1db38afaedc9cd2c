import type { MilestoneStatus } from '@coalition/domain';
import { AlertTriangle, Ban, Check } from 'lucide-react';
import type { CSSProperties, KeyboardEvent, MouseEvent, PointerEvent, ReactNode } from 'react';
import { Link } from 'wouter';
import { cn } from '../../lib/cn.ts';
import { formatDate } from '../../lib/dates.ts';
import { labelOf } from '../../lib/labels.ts';
import { barStart, ROW_H, type DragEdge, type TimelineMilestone, type TimelineRow } from './timelineModel.ts';

export const BAR_H = 18;

const STATUS_ICON: Partial<Record<MilestoneStatus, typeof Check>> = { done: Check, at_risk: AlertTriangle, blocked: Ban };

/** The coloured, patterned bar of one milestone (status in text and icon, progress as a fill). */
function barStyle(m: TimelineMilestone, color: string): CSSProperties {
  switch (m.status) {
    case 'done':
      return { backgroundColor: color, borderColor: color };
    case 'blocked':
      return {
        borderColor: 'var(--color-red-700)',
        backgroundColor: `${color}33`,
        backgroundImage: `repeating-linear-gradient(135deg, transparent 0 4px, rgba(185,28,28,0.35) 4px 6px)`,
      };
    case 'at_risk':
      return { borderColor: 'var(--color-amber-700)', backgroundColor: `${color}33`, borderStyle: 'solid' };
    case 'dropped':
      return { borderColor: 'var(--color-slate-400)', backgroundColor: 'var(--color-slate-100)', borderStyle: 'dashed' };
    default:
      return { borderColor: color, backgroundColor: `${color}2e` };
  }
}

/** What a screen reader hears on a bar: title, status, dates, and whether it is late or waits on a late dependency. */
export function barLabel(row: Extract<TimelineRow, { kind: 'ms' }>): string {
  const { m, due, late } = row;
  const dates = `${m.startDate ? `from ${formatDate(m.startDate)} ` : ''}due ${formatDate(m.dueDate)}`;
  return `${m.title}: ${labelOf('milestoneStatus', m.status)}, ${m.progress}% done, ${dates}${due.kind === 'overdue' ? `, ${due.text}` : ''}${late ? ', a dependency finishes late' : ''}`;
}

export interface BarEditing {
  keyEdge: DragEdge;
  /** This bar is being changed (dragged or nudged): its dates are a preview. */
  previewing: boolean;
  hintId: string;
  onPointerDown: (e: PointerEvent<HTMLElement>, m: TimelineMilestone, edge: DragEdge) => void;
  onKeyDown: (e: KeyboardEvent<HTMLElement>, m: TimelineMilestone) => void;
  onBlur: (m: TimelineMilestone) => void;
  onClick: (e: MouseEvent<HTMLElement>) => void;
}

interface Props {
  row: Extract<TimelineRow, { kind: 'ms' }>;
  style: CSSProperties;
  labelW: number;
  chartW: number;
  dayPx: number;
  x: (iso: string) => number;
  href: string;
  /** Editors get handles, dragging and arrow keys; viewers a link. */
  editing: BarEditing | null;
  /** Drawn in the row's chart area beside the bar (the forecast's whisker). */
  overlay?: ReactNode;
}

/** One milestone row: its title (full title on hover and while its bar has focus) and its bar. */
export function TimelineBar({ row, style, labelW, chartW, dayPx, x, href, editing, overlay }: Props) {
  const m = row.m;
  const left = x(barStart(m));
  const width = Math.max(6, x(m.dueDate) + dayPx - left);
  const Icon = STATUS_ICON[m.status];
  const statusText = labelOf('milestoneStatus', m.status);
  const { late, due } = row;
  const overdue = due.kind === 'overdue';
  const label = barLabel(row);
  const edge = editing?.keyEdge ?? 'move';
  const handle = (which: 'start' | 'due') =>
    editing && (
      <span
        aria-hidden
        data-handle={which}
        onPointerDown={(e) => editing.onPointerDown(e, m, which)}
        className={cn(
          'absolute -inset-y-1 z-10 w-3 cursor-ew-resize touch-none',
          which === 'start' ? '-left-1.5' : '-right-1.5',
          'after:absolute after:inset-y-1 after:left-1/2 after:w-1 after:-translate-x-1/2 after:rounded-full after:bg-slate-700/70 after:opacity-0 group-hover/bar:after:opacity-100',
          edge === which && 'after:bg-indigo-700 after:opacity-100',
        )}
      />
    );
  return (
    <li className="group absolute left-0 top-0 z-10 flex focus-within:z-[25] hover:z-[25]" style={style}>
      <div
        className="sticky left-0 z-20 flex shrink-0 items-center border-r border-slate-200 bg-white pl-3 pr-2 sm:pl-5"
        // The full title wraps inside the column (over the rows below), never over the bars.
        style={{ width: labelW, ['--label-w' as string]: `${labelW - 8}px` }}
      >
        <Link
          href={href}
          tabIndex={-1}
          aria-hidden
          title={m.title}
          className={cn(
            'truncate text-xs text-slate-700 hover:text-indigo-700 hover:underline',
            // The full title, over the chart, on hover and while the bar has focus.
            'group-hover:absolute group-hover:left-1 group-hover:top-1 group-hover:z-30 group-hover:w-max group-hover:max-w-[var(--label-w)] group-hover:whitespace-normal group-hover:rounded group-hover:bg-white group-hover:px-2 group-hover:py-1 group-hover:shadow-md group-hover:ring-1 group-hover:ring-slate-200',
            'group-focus-within:absolute group-focus-within:left-1 group-focus-within:top-1 group-focus-within:z-30 group-focus-within:w-max group-focus-within:max-w-[var(--label-w)] group-focus-within:whitespace-normal group-focus-within:rounded group-focus-within:bg-white group-focus-within:px-2 group-focus-within:py-1 group-focus-within:font-medium group-focus-within:text-slate-900 group-focus-within:shadow-md group-focus-within:ring-1 group-focus-within:ring-indigo-300',
          )}
        >
          {m.title}
        </Link>
      </div>
      <div className="relative shrink-0" style={{ width: chartW }}>
        {overlay}
        <Link
          href={href}
          data-bar={m.id}
          aria-label={label}
          aria-describedby={editing?.hintId}
          title={label}
          draggable={false}
          onPointerDown={editing ? (e) => editing.onPointerDown(e, m, 'move') : undefined}
          onKeyDown={editing ? (e) => editing.onKeyDown(e, m) : undefined}
          onBlur={editing ? () => editing.onBlur(m) : undefined}
          onClick={editing?.onClick}
          className={cn(
            'group/bar absolute flex items-center rounded border-[1.5px] focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 hover:brightness-95',
            editing && 'cursor-grab touch-none select-none active:cursor-grabbing',
            editing?.previewing && 'shadow-md ring-2 ring-indigo-500/60',
            m.status === 'dropped' && 'opacity-70',
          )}
          style={{ left, width, top: (ROW_H - BAR_H) / 2, height: BAR_H, ...barStyle(m, row.color) }}
        >
          <span aria-hidden className="absolute inset-0 overflow-hidden rounded-[inherit]">
            {m.status !== 'done' && m.progress > 0 && (
              <span className="absolute inset-y-0 left-0" style={{ width: `${m.progress}%`, backgroundColor: row.color, opacity: 0.85 }} />
            )}
          </span>
          {m.status === 'done' && width >= 16 && <Check aria-hidden className="relative mx-auto size-3.5 text-white drop-shadow" strokeWidth={3} />}
          {handle('start')}
          {handle('due')}
        </Link>
        <span
          aria-hidden
          data-late={late ? 'true' : undefined}
          className={cn(
            'pointer-events-none absolute flex items-center gap-1 whitespace-nowrap text-[11px] font-medium',
            m.status === 'blocked' ? 'text-red-700' : m.status === 'at_risk' ? 'text-amber-800' : m.status === 'done' ? 'text-emerald-800' : 'text-slate-500',
            m.status === 'dropped' && 'line-through',
          )}
          style={{ left: left + width + 5, top: 0, height: ROW_H }}
        >
          {Icon && <Icon className="size-3.5" strokeWidth={2.5} />}
          {m.status === 'planned' ? `${m.progress ? `${m.progress}%` : ''}` : `${statusText}${m.status !== 'done' && m.progress ? ` · ${m.progress}%` : ''}`}
          {overdue && <span className="text-red-700">· {due.text}</span>}
          {late && <span className="text-red-700">· late dependency</span>}
          {editing?.previewing && (
            <span className="rounded bg-indigo-700 px-1 text-white">
              {m.startDate ? `${formatDate(m.startDate)} – ` : ''}
              {formatDate(m.dueDate)}
            </span>
          )}
        </span>
      </div>
    </li>
  );
}
