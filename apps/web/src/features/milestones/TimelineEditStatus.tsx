import { daysBetween, plural } from '@coalition/domain';
import { Keyboard } from 'lucide-react';
import { formatDate } from '../../lib/dates.ts';
import type { DragEdge, TimelineModel } from './timelineModel.ts';
import { KEY_SAVE_DELAY_MS, type TimelinePreview } from './useTimelineDrag.ts';

const Key = ({ children }: { children: string }) => (
  <kbd className="rounded border border-slate-300 bg-white px-1 font-sans text-[11px] font-semibold text-slate-800 shadow-[0_1px_0_var(--color-slate-300)]">{children}</kbd>
);

/** How to change dates on the chart, by pointer and by keyboard (the bars point here with aria-describedby). */
export function TimelineKeyHint({ id, hidden }: { id: string; hidden?: boolean }) {
  return (
    <p id={id} className={`${hidden ? 'invisible ' : ''}flex flex-wrap items-center gap-x-1.5 gap-y-1 text-xs text-slate-600`}>
      <Keyboard aria-hidden className="size-4 shrink-0 text-slate-500" />
      <span>Drag a bar to move it, or its ends to change the start or due date; <Key>Esc</Key> cancels.</span>
      <span>
        Keys on a focused bar: <Key>←</Key> <Key>→</Key> one day, with <Key>Shift</Key> a week; <Key>[</Key> or <Key>]</Key> first for only the start or the due date.
        Saved {KEY_SAVE_DELAY_MS / 1000} s after the last key, or now with <Key>Enter</Key>.
      </span>
    </p>
  );
}

const EDGE_WORDS: Record<Exclude<DragEdge, 'move'>, string> = { start: 'the start date', due: 'the due date' };

function shiftWords(days: number): string {
  if (days === 0) return 'unchanged';
  return `${plural(Math.abs(days), 'day')} ${days > 0 ? 'later' : 'earlier'}`;
}

export interface EditNote {
  text: string;
  late: string;
}

/**
 * What is being changed right now, in words: the new dates and how far they moved, the late
 * dependencies it would make, and how it gets saved or cancelled. Null when nothing is.
 */
export function editStatusNote(preview: TimelinePreview | null, model: TimelineModel, keyEdge: { title: string; edge: DragEdge } | null): EditNote | null {
  if (preview) {
    const row = model.rows[model.rowIndex.get(preview.id) ?? -1];
    const title = row?.kind === 'ms' ? row.m.title : 'Milestone';
    const { dates, origin } = preview;
    const what = preview.edge === 'move' ? 'Moving' : preview.edge === 'start' ? 'Changing the start of' : 'Changing the due date of';
    const moved =
      preview.edge === 'start'
        ? daysBetween(origin.startDate ?? dates.startDate ?? origin.dueDate, dates.startDate ?? origin.dueDate)
        : daysBetween(origin.dueDate, dates.dueDate);
    const text = `${what} “${title}”: ${dates.startDate ? `starts ${formatDate(dates.startDate)}, ` : ''}due ${formatDate(dates.dueDate)} (${shiftWords(moved)}). ${
      preview.source === 'keys' ? 'Enter saves now, Esc cancels.' : 'Release to save, Esc cancels.'
    }`;
    const lateEdges = model.edges.filter((e) => e.late && (e.from.id === preview.id || e.to.id === preview.id));
    const late = lateEdges.length ? `Late dependency: ${lateEdges.map((e) => `“${e.from.title}” finishes after “${e.to.title}” is due`).join('; ')}.` : '';
    return { text, late };
  }
  if (keyEdge && keyEdge.edge !== 'move') {
    return { text: `Arrow keys now change only ${EDGE_WORDS[keyEdge.edge]} of “${keyEdge.title}” (press ${keyEdge.edge === 'start' ? '[' : ']'} again to move the whole bar).`, late: '' };
  }
  return null;
}

/** The note above, as a polite live region (always in the page, so screen readers hear each change). */
export function TimelineEditStatus({ note }: { note: EditNote | null }) {
  return (
    <div role="status" aria-live="polite" className={note ? 'rounded-md border border-indigo-200 bg-indigo-50 px-2.5 py-0.5 text-xs leading-4 text-indigo-950' : 'sr-only'}>
      {note?.text}
      {note?.late && <span className="mt-0.5 block font-medium text-red-700">{note.late}</span>}
    </div>
  );
}
