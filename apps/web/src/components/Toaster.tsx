/**
 * Toasts (sonner), loaded lazily: sonner (~9 kB gzip) stays out of the initial bundle. `toast`
 * keeps sonner's call shapes: toast(msg), toast.success / error / info / warning / message, dismiss.
 * Toasts confirm finished actions; errors that need a fix stay inline.
 */
import { lazy, Suspense, useEffect } from 'react';
import type * as Sonner from 'sonner';
import type { ExternalToast } from 'sonner';

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
  void Promise.all([load(), mounted]).then(([{ toast: t }]) => (kind ? t[kind](message, options) : t(message, options)));
}

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
      <SonnerToaster position="bottom-right" closeButton toastOptions={{ duration: 4000, className: 'text-sm' }} />
      <MountedSignal />
    </Suspense>
  );
}
