import { cn } from '../lib/cn.ts';
import { useLiveStatus, type LiveStatus } from '../lib/live.tsx';

const LOOK: Record<LiveStatus, { text: string; dot: string; tone: string }> = {
  live: { text: 'Live', dot: 'bg-emerald-500', tone: 'text-emerald-800' },
  connecting: { text: 'Connecting…', dot: 'bg-amber-500', tone: 'text-amber-900' },
  reconnecting: { text: 'Reconnecting…', dot: 'bg-amber-500 animate-pulse', tone: 'text-amber-900' },
  offline: { text: 'Offline', dot: 'bg-slate-400', tone: 'text-slate-600' },
};

/** "Live" (green) while changes by others stream in; "Reconnecting…" (amber) while the stream is down. */
export function LiveIndicator({ className }: { className?: string }) {
  const live = useLiveStatus();
  if (!live) return null;
  const look = LOOK[live.status];
  return (
    <span role="status" aria-label={look.text} className={cn('inline-flex items-center gap-1.5 whitespace-nowrap text-xs font-medium', look.tone, className)}>
      <span aria-hidden className={cn('size-2 shrink-0 rounded-full', look.dot)} />
      {/* On narrow screens the normal state is the dot alone; a problem always says so in words. */}
      <span className={live.status === 'live' ? 'sr-only sm:not-sr-only' : undefined}>{look.text}</span>
    </span>
  );
}
