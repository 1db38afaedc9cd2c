/**
 * Where a toast goes so that it never hides what the person is working on (the matrix cell they
 * just set, the milestone row they just updated). Toasts sit bottom-right (on phones: across the
 * bottom); when the element being worked on — or its row — is in that corner, they go to the top
 * instead, below the top bar. Pure: the Toaster measures, this decides.
 */

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The toaster's geometry (sonner's own width; offsets clear the 56 px top bar). */
export const TOAST_LAYOUT = {
  /** Up to this width sonner lays toasts across the screen, between the mobile offsets. */
  phoneMaxWidth: 600,
  width: 356,
  offset: { top: 68, right: 16, bottom: 16, left: 16 },
  mobileOffset: { top: 64, right: 12, bottom: 12, left: 12 },
  /** Room a toast (up to three lines, an action, and the edges of the ones stacked behind) takes. */
  height: 132,
} as const;

export type ToastPlace = 'bottom-right' | 'top-right';

/** The area toasts take at the bottom or the top of a `vw` × `vh` viewport. */
export function toastZone(place: ToastPlace, vw: number, vh: number): Box {
  const phone = vw <= TOAST_LAYOUT.phoneMaxWidth;
  const o = phone ? TOAST_LAYOUT.mobileOffset : TOAST_LAYOUT.offset;
  const left = phone ? o.left : Math.max(o.left, vw - o.right - TOAST_LAYOUT.width);
  const right = vw - o.right;
  return place === 'bottom-right'
    ? { left, right, top: vh - o.bottom - TOAST_LAYOUT.height, bottom: vh - o.bottom }
    : { left, right, top: o.top, bottom: o.top + TOAST_LAYOUT.height };
}

function overlap(a: Box, b: Box): number {
  const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Bottom-right unless that would cover `target`; then the top, unless that covers it more. */
export function toastPlace(target: Box | null, vw: number, vh: number): ToastPlace {
  if (!target) return 'bottom-right';
  const below = overlap(target, toastZone('bottom-right', vw, vh));
  if (below === 0) return 'bottom-right';
  return overlap(target, toastZone('top-right', vw, vh)) < below ? 'top-right' : 'bottom-right';
}
