import { cn } from '../lib/cn.ts';
import { useLiveStatus, type LiveStatus } from '../lib/live.tsx';

/**
 * Each state in words (never the dot's colour alone), with a hint for the tooltip; `short` is what
 * a phone's crowded top bar shows (the full words stay the accessible name).
 */
const LOOK: Record<LiveStatus, { text: string; short: string; hint: string; dot: string; tone: string }> = {
  live: { text: 'Live', short: '', hint: 'Changes by others appear as they happen.', dot: 'bg-emerald-500', tone: 'text-emerald-800' },
  connecting: { text: 'Connecting…', short: 'Connecting', hint: 'Starting live updates.', dot: 'bg-amber-500', tone: 'text-amber-900' },
  reconnecting: {
    text: 'Reconnecting…',
    short: 'Retrying',
    hint: 'Live updates were interrupted; trying again. Your changes are still saved as you make them.',
    dot: 'bg-amber-500 animate-pulse',
    tone: 'text-amber-900',
  },
  slow: {
    text: 'Slow connection',
    short: 'Slow',
    hint: 'The network is slow: live updates are still connecting and may arrive late.',
    dot: 'bg-amber-500 animate-pulse',
    tone: 'text-amber-900',
  },
  offline: {
    text: 'Offline',
    short: 'Offline',
    hint: 'This device has no network. Changes by others will show once you are back online.',
    dot: 'bg-slate-400 ring-1 ring-slate-500',
    tone: 'text-slate-700',
  },
};

/**
 * The top bar's stream state: "Live" (green dot) while changes by others stream in; "Connecting…",
 * "Reconnecting…" or "Slow connection" while the stream is on its way; "Offline" only when the
 * device has no network (lib/live.tsx decides which).
 */
export function LiveIndicator({ className }: { className?: string }) {
  const live = useLiveStatus();
  if (!live) return null;
  const look = LOOK[live.status];
  return (
    <span role="status" aria-label={look.text} title={look.hint} data-live-status={live.status} className={cn('inline-flex items-center gap-1.5 whitespace-nowrap text-xs font-medium', look.tone, className)}>
      <span aria-hidden className={cn('size-2 shrink-0 rounded-full', look.dot)} />
      {/* On narrow screens the normal state is the dot alone; a problem always says so in (fewer) words. */}
      {look.short === look.text ? (
        <span aria-hidden>{look.text}</span>
      ) : (
        <>
          <span aria-hidden className="sm:hidden">
            {look.short}
          </span>
          <span aria-hidden className="hidden sm:inline">
            {look.text}
          </span>
        </>
      )}
    </span>
  );
}
