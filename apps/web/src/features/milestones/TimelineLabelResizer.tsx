import { useState, type KeyboardEvent, type PointerEvent } from 'react';
import { clampLabelWidth, LABEL_MIN } from './timelineModel.ts';

const STORAGE_KEY = 'timeline.labelWidth';

function readStored(): number | null {
  try {
    const v = Number(window.localStorage.getItem(STORAGE_KEY));
    return Number.isFinite(v) && v > 0 ? v : null;
  } catch {
    return null;
  }
}

/** The title column's width: the one the user chose (kept in localStorage), else 232 px (112 on a phone), within bounds for the box. */
export function useLabelWidth(boxWidth: number, narrow: boolean) {
  const [stored, setStored] = useState<number | null>(readStored);
  const box = boxWidth || 1000;
  const width = clampLabelWidth(stored ?? (narrow ? 112 : 232), box);
  const max = clampLabelWidth(Number.POSITIVE_INFINITY, box);
  const set = (w: number) => {
    const next = clampLabelWidth(w, box);
    setStored(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, String(next));
    } catch {
      // Private mode: the width holds for this visit only.
    }
  };
  return { width, min: LABEL_MIN, max, set };
}

/**
 * The splitter between titles and chart: drag it, or focus it and use ←/→ (Shift: bigger steps),
 * Home and End. A `role="separator"` with its value, as the ARIA window-splitter pattern has it.
 */
export function TimelineLabelResizer({ width, min, max, onChange }: { width: number; min: number; max: number; onChange: (w: number) => void }) {
  const [dragging, setDragging] = useState(false);
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (!e.isPrimary || (e.pointerType === 'mouse' && e.button !== 0)) return;
    e.preventDefault();
    const el = e.currentTarget;
    el.focus({ preventScroll: true });
    const x0 = e.clientX;
    const w0 = width;
    setDragging(true);
    const move = (ev: globalThis.PointerEvent) => ev.pointerId === e.pointerId && onChange(w0 + ev.clientX - x0);
    const up = (ev: globalThis.PointerEvent) => {
      if (ev.pointerId !== e.pointerId) return;
      setDragging(false);
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', up);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? 64 : 16;
    const next = e.key === 'ArrowLeft' ? width - step : e.key === 'ArrowRight' ? width + step : e.key === 'Home' ? min : e.key === 'End' ? max : null;
    if (next === null) return;
    e.preventDefault();
    onChange(next);
  };
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label="Title column width"
      aria-valuenow={width}
      aria-valuemin={min}
      aria-valuemax={max}
      aria-valuetext={`${width} pixels`}
      tabIndex={0}
      title="Drag, or focus and use ← →, to resize the title column"
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
      className="group absolute inset-y-0 -right-2 z-50 flex w-4 cursor-col-resize touch-none justify-center focus-visible:outline-2 focus-visible:outline-indigo-600"
    >
      <span
        aria-hidden
        className={`my-2 w-1 rounded-full transition-colors ${dragging ? 'bg-indigo-600' : 'bg-slate-300 group-hover:bg-indigo-500 group-focus-visible:bg-indigo-600'}`}
      />
    </div>
  );
}
