/**
 * Toasts (sonner), loaded lazily: sonner (~9 kB gzip) stays out of the initial bundle. `toast`
 * keeps sonner's call shapes: toast(msg), toast.success / error / info / warning / message, dismiss.
 * Toasts confirm finished actions; errors that need a fix stay inline. Each one is placed where it
 * does not cover the element being worked on (lib/toastPlacement.ts).
 */
import { lazy, Suspense, useEffect } from 'react';
import type * as Sonner from 'sonner';
import type { ExternalToast } from 'sonner';
import { TOAST_LAYOUT, toastPlace, type Box } from '../lib/toastPlacement.ts';

type Message = Parameters<typeof Sonner.toast>[0];
type Kind = 'success' | 'error' | 'info' | 'warning' | 'message';

let loading: Promise<typeof Sonner> | undefined;
const load = () => (loading ??= import('sonner'));

// Toasts raised before the <Toaster> has subscribed would be lost: wait for it.
let markMounted: () => void = () => {};
const mounted = new Promise<void>((resolve) => {
  markMounted = resolve;
});

function show(kind: Kind | undefined, message: Message, options?: ExternalToast) {
  void Promise.all([load(), mounted]).then(([{ toast: t }]) => {
    const placed: ExternalToast = { position: placeFor(workingOn()), ...options };
    return kind ? t[kind](message, placed) : t(message, placed);
  });
}

/** The last element pressed: stands in for focus when a click left it on <body>. */
let lastPressed: Element | null = null;
if (typeof document !== 'undefined') {
  document.addEventListener('pointerdown', (e) => (lastPressed = e.target instanceof Element ? e.target : null), { capture: true, passive: true });
}

/** What the person is working on: the focused element (else the last one pressed), as its table or list row. */
function workingOn(): Box | null {
  const active = document.activeElement;
  const el = active && active !== document.body && active !== document.documentElement ? active : lastPressed?.isConnected ? lastPressed : null;
  if (!el) return null;
  const r = (el.closest('tr, [role="row"], li:not([data-sonner-toast]), [role="listitem"]') ?? el).getBoundingClientRect();
  return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
}

const placeFor = (target: Box | null) => toastPlace(target, window.innerWidth, window.innerHeight);

export const toast = Object.assign((message: Message, options?: ExternalToast) => show(undefined, message, options), {
  success: (message: Message, options?: ExternalToast) => show('success', message, options),
  error: (message: Message, options?: ExternalToast) => show('error', message, options),
  info: (message: Message, options?: ExternalToast) => show('info', message, options),
  warning: (message: Message, options?: ExternalToast) => show('warning', message, options),
  message: (message: Message, options?: ExternalToast) => show('message', message, options),
  dismiss: (id?: string | number) => void load().then(({ toast: t }) => t.dismiss(id)),
});

const SonnerToaster = lazy(() => load().then((m) => ({ default: m.Toaster })));

function MountedSignal() {
  useEffect(() => markMounted(), []);
  return null;
}

/** Mounted once at the root. */
export function Toaster() {
  return (
    <Suspense fallback={null}>
      {/* Plain (not richColors) toasts: dark text on white keeps WCAG AA contrast; the icon tells the kind. */}
      {/*
        Bottom-right (across the bottom on phones), never over the top bar; each toast moves to the
        top when the row being worked on is down there (toastPlacement.ts).
      */}
      <SonnerToaster
        position="bottom-right"
        offset={TOAST_LAYOUT.offset}
        mobileOffset={TOAST_LAYOUT.mobileOffset}
        closeButton
        toastOptions={{ duration: 4000, className: 'text-sm' }}
      />
      <MountedSignal />
    </Suspense>
  );
}
