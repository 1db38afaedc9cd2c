import { addDays } from '@coalition/domain';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type MouseEvent, type PointerEvent } from 'react';
import { datesPatch, pxToDays, shiftDates, type BarDates, type DragEdge, type TimelineMilestone } from './timelineModel.ts';

/** A milestone's dates while they are being changed on the chart (before the save). */
export interface TimelinePreview {
  id: string;
  edge: DragEdge;
  /** The dates it had when the change began, and the ones it would get. */
  origin: BarDates;
  dates: BarDates;
  /** The chart's date range when the change began: kept, so nothing shifts under the pointer. */
  range: { start: string; end: string };
  source: 'pointer' | 'keys';
}

/** Keyboard changes are saved this long after the last key (Enter saves at once). */
export const KEY_SAVE_DELAY_MS = 1200;
/** The pointer must travel this far before a press becomes a drag (shorter: a click opens the milestone). */
const DRAG_SLOP_PX = 4;

interface Options {
  enabled: boolean;
  /** The milestones as saved (the timeline query's): `commit` gets the one that changed. */
  milestones: readonly TimelineMilestone[];
  dayPx: number;
  range: { start: string; end: string } | null;
  commit: (m: TimelineMilestone, dates: BarDates) => Promise<void> | void;
}

const datesOf = (m: BarDates): BarDates => ({ startDate: m.startDate, dueDate: m.dueDate });
const boundsOf = (r: { start: string; end: string }) => ({ min: r.start, max: addDays(r.end, -1) });

/**
 * Dragging bars (pointer events: mouse, pen and touch) and nudging them with the arrow keys.
 * Whole bar: start and due shift together; an end handle (or `[` / `]` then arrows): one date.
 * Snaps to days (`pxToDays`), clamps with `shiftDates`; Escape cancels. A drop, Enter, or a
 * pause after the last key saves through `commit`.
 */
export function useTimelineDrag({ enabled, milestones, dayPx, range, commit }: Options) {
  const [preview, setPreview] = useState<TimelinePreview | null>(null);
  /** Which end the arrow keys change on the focused bar (`[`: start, `]`: due; else the whole bar). */
  const [keyEdge, setKeyEdge] = useState<{ id: string; edge: DragEdge } | null>(null);
  const live = useRef({ preview, dayPx, range, commit, milestones });
  live.current.preview = preview;
  live.current.milestones = milestones;
  live.current.dayPx = dayPx;
  live.current.range = range;
  live.current.commit = commit;
  const timer = useRef<number | undefined>(undefined);
  const suppressClick = useRef(false);
  const detach = useRef<(() => void) | null>(null);

  /** Ends the change: saves it (when it changed anything) or drops it. */
  const finish = useCallback((save: boolean) => {
    window.clearTimeout(timer.current);
    const p = live.current.preview;
    const m = p ? live.current.milestones.find((x) => x.id === p.id) : undefined;
    if (!save || !p || !m || Object.keys(datesPatch(p.origin, p.dates)).length === 0) {
      live.current.preview = null;
      setPreview(null);
      return;
    }
    // The preview stays until the cache has the new dates: no flash of the old bar.
    void Promise.resolve(live.current.commit(m, p.dates)).finally(() => {
      if (live.current.preview === p) {
        live.current.preview = null;
        setPreview(null);
      }
    });
  }, []);

  const show = (p: TimelinePreview) => {
    live.current.preview = p;
    setPreview(p);
  };

  useEffect(
    () => () => {
      window.clearTimeout(timer.current);
      detach.current?.();
    },
    [],
  );

  const onPointerDown = (e: PointerEvent<HTMLElement>, m: TimelineMilestone, edge: DragEdge) => {
    const r = live.current.range;
    if (!enabled || !r || !e.isPrimary || (e.pointerType === 'mouse' && e.button !== 0)) return;
    e.stopPropagation();
    if (live.current.preview) finish(true); // a pending keyboard change is saved first
    const bar = (e.currentTarget.closest('[data-bar]') as HTMLElement | null) ?? e.currentTarget;
    const x0 = e.clientX;
    const origin = datesOf(m);
    let started = false;
    const move = (ev: globalThis.PointerEvent) => {
      if (ev.pointerId !== e.pointerId) return;
      const dx = ev.clientX - x0;
      if (!started && Math.abs(dx) < DRAG_SLOP_PX) return;
      if (!started) {
        started = true;
        bar.focus({ preventScroll: true });
      }
      ev.preventDefault();
      const dates = shiftDates(origin, edge, pxToDays(dx, live.current.dayPx), boundsOf(r));
      const p = live.current.preview;
      if (p && p.id === m.id && p.dates.startDate === dates.startDate && p.dates.dueDate === dates.dueDate) return;
      show({ id: m.id, edge, origin, dates, range: r, source: 'pointer' });
    };
    const end = (save: boolean) => {
      detach.current?.();
      if (!started) return;
      suppressClick.current = true; // the click that follows a drag does not open the milestone
      window.setTimeout(() => (suppressClick.current = false), 0);
      finish(save);
    };
    const up = (ev: globalThis.PointerEvent) => ev.pointerId === e.pointerId && end(true);
    const cancel = (ev: globalThis.PointerEvent) => ev.pointerId === e.pointerId && end(false);
    const key = (ev: globalThis.KeyboardEvent) => {
      if (ev.key !== 'Escape' || !started) return;
      ev.preventDefault();
      ev.stopPropagation();
      end(false);
    };
    window.addEventListener('pointermove', move, { passive: false });
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', cancel);
    window.addEventListener('keydown', key, true);
    detach.current?.();
    detach.current = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', cancel);
      window.removeEventListener('keydown', key, true);
      detach.current = null;
    };
  };

  const onKeyDown = (e: KeyboardEvent<HTMLElement>, m: TimelineMilestone) => {
    const r = live.current.range;
    if (!enabled || !r || e.ctrlKey || e.metaKey || e.altKey) return;
    const p = live.current.preview;
    const pending = p && p.id === m.id && p.source === 'keys' ? p : null;
    if (e.key === '[' || e.key === ']') {
      e.preventDefault();
      const edge: DragEdge = e.key === '[' ? 'start' : 'due';
      setKeyEdge((k) => (k?.id === m.id && k.edge === edge ? null : { id: m.id, edge }));
      return;
    }
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault();
      if (p && !pending) finish(true);
      const edge = keyEdge?.id === m.id ? keyEdge.edge : 'move';
      const step = (e.key === 'ArrowRight' ? 1 : -1) * (e.shiftKey ? 7 : 1);
      const origin = pending?.origin ?? datesOf(m);
      const from = pending?.dates ?? origin;
      const range = pending?.range ?? r;
      show({ id: m.id, edge, origin, dates: shiftDates(from, edge, step, boundsOf(range)), range, source: 'keys' });
      // Keep the moving bar in view.
      const bar = e.currentTarget;
      window.requestAnimationFrame(() => bar.scrollIntoView({ block: 'nearest', inline: 'nearest' }));
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => finish(true), KEY_SAVE_DELAY_MS);
      return;
    }
    if (e.key === 'Enter' && pending) {
      e.preventDefault(); // saves instead of opening the milestone
      finish(true);
      return;
    }
    if (e.key === 'Escape' && (pending || keyEdge?.id === m.id)) {
      e.preventDefault();
      e.stopPropagation();
      if (pending) finish(false);
      else setKeyEdge(null);
    }
  };

  const onBlur = (m: TimelineMilestone) => {
    if (keyEdge?.id === m.id) setKeyEdge(null);
  };

  /** Cancels the click that ends a drag (it would open the milestone). */
  const onClick = (e: MouseEvent<HTMLElement>) => {
    if (suppressClick.current) {
      e.preventDefault();
      suppressClick.current = false;
    }
  };

  return {
    preview,
    keyEdge,
    keyEdgeOf: (id: string): DragEdge => (keyEdge?.id === id ? keyEdge.edge : 'move'),
    onPointerDown,
    onKeyDown,
    onBlur,
    onClick,
    cancel: () => finish(false),
  };
}
